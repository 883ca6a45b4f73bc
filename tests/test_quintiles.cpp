#include "eval/quintiles.h"
#include "eval_test_support.h"

#include <QtTest>

using namespace Eval;
using EvalTestSupport::kUndefined;

// q = ceil(5 * averageRank / n) and the mean return of each quintile.
class TestQuintiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quintileOf_data()
    {
        QTest::addColumn<double>("averageRank");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("quintile");
        QTest::newRow("lowest of 10") << 1.0 << 10 << 1;
        QTest::newRow("on the q1/q2 edge stays low") << 2.0 << 10 << 1;
        QTest::newRow("tie straddling the q1/q2 edge") << 2.5 << 10 << 2;
        QTest::newRow("on the q4/q5 edge stays low") << 8.0 << 10 << 4;
        QTest::newRow("tie straddling the q4/q5 edge") << 8.5 << 10 << 5;
        QTest::newRow("highest of 10") << 10.0 << 10 << 5;
        QTest::newRow("middle of 5") << 3.0 << 5 << 3;
        QTest::newRow("every name tied among 98") << 49.5 << 98 << 3;
        // 5 * 39.5 / 98 = 2.015...: just past the q2/q3 edge.
        QTest::newRow("half rank just past an edge") << 39.5 << 98 << 3;
    }

    void quintileOf()
    {
        QFETCH(double, averageRank);
        QFETCH(int, n);
        QFETCH(int, quintile);
        QCOMPARE(Eval::quintileOf(averageRank, n), quintile);
    }

    void quintilesOfRanksOneToTen()
    {
        const std::vector<int> expected { 1, 1, 2, 2, 3, 3, 4, 4, 5, 5 };
        QCOMPARE(quintilesOf({ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }), expected);
    }

    void quintileMeans_data()
    {
        QTest::addColumn<QList<int>>("quintiles");
        QTest::addColumn<QList<double>>("returns");
        QTest::addColumn<QList<double>>("means");
        QTest::newRow("one per quintile")
            << QList<int> { 5, 4, 3, 2, 1 } << QList<double> { 0.5, 0.4, 0.3, 0.2, 0.1 }
            << QList<double> { 0.1, 0.2, 0.3, 0.4, 0.5 };
        QTest::newRow("empty quintiles have no mean")
            << QList<int> { 1, 1, 5, 3 } << QList<double> { 0.1, 0.3, -0.2, 0.0 }
            << QList<double> { 0.2, kUndefined, 0.0, kUndefined, -0.2 };
    }

    void quintileMeans()
    {
        QFETCH(QList<int>, quintiles);
        QFETCH(QList<double>, returns);
        QFETCH(QList<double>, means);
        const auto actual = Eval::quintileMeans(
            { quintiles.begin(), quintiles.end() }, { returns.begin(), returns.end() });
        for (int q = 0; q < kQuintileCount; ++q)
            KW_COMPARE_OPTIONAL(actual[q], means[q]);
    }
};

QTEST_GUILESS_MAIN(TestQuintiles)
#include "test_quintiles.moc"
