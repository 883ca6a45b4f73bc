#include "eval/top_quintile_turnover.h"
#include "eval_test_support.h"

#include <QtTest>

using namespace Eval;
using EvalTestSupport::kUndefined;

// Share of today's top quintile that was not in the previous date's top quintile.
class TestTopQuintileTurnover : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void topQuintileTurnover_data()
    {
        QTest::addColumn<QList<int>>("previousTop");
        QTest::addColumn<QList<int>>("currentTop");
        QTest::addColumn<double>("turnover");
        QTest::newRow("unchanged") << QList<int> { 1, 2, 3 } << QList<int> { 1, 2, 3 } << 0.0;
        QTest::newRow("all new") << QList<int> { 1, 2 } << QList<int> { 3, 4 } << 1.0;
        QTest::newRow("half new") << QList<int> { 1, 2, 3, 4 } << QList<int> { 2, 5 } << 0.5;
        QTest::newRow("grown: counts today's members")
            << QList<int> { 1, 2, 3 } << QList<int> { 1, 2, 3, 4, 5 } << 0.4;
        QTest::newRow("no previous top quintile")
            << QList<int> {} << QList<int> { 1 } << kUndefined;
        QTest::newRow("no top quintile today") << QList<int> { 1 } << QList<int> {} << kUndefined;
    }

    void topQuintileTurnover()
    {
        QFETCH(QList<int>, previousTop);
        QFETCH(QList<int>, currentTop);
        QFETCH(double, turnover);
        KW_COMPARE_OPTIONAL(Eval::topQuintileTurnover({ previousTop.begin(), previousTop.end() },
                                { currentTop.begin(), currentTop.end() }),
            turnover);
    }
};

QTEST_GUILESS_MAIN(TestTopQuintileTurnover)
#include "test_top_quintile_turnover.moc"
