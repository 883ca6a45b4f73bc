#include "eval/cross_section_metrics.h"
#include "eval_test_support.h"

#include <QtTest>

using namespace Eval;
using EvalTestSupport::kUndefined;

namespace {

// Name i sits in panel column i, with scores[i] and returns[i].
std::vector<CrossSectionEntry> entries(const QList<double> &scores, const QList<double> &returns)
{
    std::vector<CrossSectionEntry> result;
    for (int i = 0; i < scores.size(); ++i)
        result.push_back({ i, scores[i], returns[i] });
    return result;
}

} // namespace

// One date's IC, RankIC, quintile means, spread and top quintile.
class TestCrossSectionMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fewerThanFiveNamesGetNothingButN()
    {
        const CrossSectionMetrics metrics
            = evaluateCrossSection(entries({ 1, 2, 3, 4 }, { 0.1, 0.2, 0.3, 0.4 }));
        QCOMPARE(metrics.n, 4);
        QCOMPARE(metrics.icAvailability, IcAvailability::TooFewNames);
        QVERIFY(!metrics.ic && !metrics.rankIc && !metrics.spread);
        for (const std::optional<double> &mean : metrics.quintileMeans)
            QVERIFY(!mean);
        QVERIFY(metrics.topQuintile.empty());
    }

    void allScoresEqualShareTheMiddleQuintile()
    {
        const CrossSectionMetrics metrics
            = evaluateCrossSection(entries({ 7, 7, 7, 7, 7, 7 }, { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6 }));
        QCOMPARE(metrics.n, 6);
        QCOMPARE(metrics.icAvailability, IcAvailability::ZeroVariance);
        QVERIFY(!metrics.ic && !metrics.rankIc);
        KW_COMPARE_OPTIONAL(metrics.quintileMeans[2], 0.35);
        for (int q : { 0, 1, 3, 4 })
            QVERIFY(!metrics.quintileMeans[q]);
        QVERIFY(!metrics.spread);
        QVERIFY(metrics.topQuintile.empty());
    }

    void allReturnsEqualKeepTheQuintiles()
    {
        const CrossSectionMetrics metrics
            = evaluateCrossSection(entries({ 1, 2, 3, 4, 5 }, { 0.1, 0.1, 0.1, 0.1, 0.1 }));
        QCOMPARE(metrics.icAvailability, IcAvailability::ZeroVariance);
        QVERIFY(!metrics.ic);
        KW_COMPARE_OPTIONAL(metrics.spread, 0.0);
        QCOMPARE(metrics.topQuintile, std::vector<int> { 4 });
    }

    // Ten names, returns equal to their column / 100 so each quintile mean names its members.
    void quintilesAndSpread_data()
    {
        QTest::addColumn<QList<double>>("scores");
        QTest::addColumn<QList<double>>("quintileMeans");
        QTest::addColumn<QList<int>>("topQuintile");
        QTest::newRow("two per quintile")
            << QList<double> { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }
            << QList<double> { 0.005, 0.025, 0.045, 0.065, 0.085 } << QList<int> { 8, 9 };
        // Positions 2 and 3 tie (rank 2.5): both go to quintile 2, leaving one name in q1.
        QTest::newRow("tie across the q1/q2 edge")
            << QList<double> { 1, 2, 2, 4, 5, 6, 7, 8, 9, 10 }
            << QList<double> { 0.0, 0.02, 0.045, 0.065, 0.085 } << QList<int> { 8, 9 };
        // Positions 8 and 9 tie (rank 8.5): both go to quintile 5, which then holds three.
        QTest::newRow("tie across the q4/q5 edge")
            << QList<double> { 1, 2, 3, 4, 5, 6, 7, 9, 9, 10 }
            << QList<double> { 0.005, 0.025, 0.045, 0.06, 0.08 } << QList<int> { 7, 8, 9 };
        QTest::newRow("scores in reverse")
            << QList<double> { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }
            << QList<double> { 0.085, 0.065, 0.045, 0.025, 0.005 } << QList<int> { 0, 1 };
    }

    void quintilesAndSpread()
    {
        QFETCH(QList<double>, scores);
        QFETCH(QList<double>, quintileMeans);
        QFETCH(QList<int>, topQuintile);
        QList<double> returns;
        for (int column = 0; column < scores.size(); ++column)
            returns.append(column / 100.0);

        const CrossSectionMetrics metrics = evaluateCrossSection(entries(scores, returns));
        QCOMPARE(metrics.n, 10);
        for (int q = 0; q < kQuintileCount; ++q)
            KW_COMPARE_OPTIONAL(metrics.quintileMeans[q], quintileMeans[q]);
        KW_COMPARE_OPTIONAL(metrics.spread, quintileMeans[4] - quintileMeans[0]);
        QCOMPARE(metrics.topQuintile, std::vector<int>(topQuintile.begin(), topQuintile.end()));
    }

    void icAndRankIcOfAMonotoneSignal()
    {
        // Returns are the cubes of the scores: rank-perfect, not linear.
        const CrossSectionMetrics metrics
            = evaluateCrossSection(entries({ 1, 2, 3, 4, 5 }, { 1, 8, 27, 64, 125 }));
        QCOMPARE(metrics.icAvailability, IcAvailability::Defined);
        KW_COMPARE_OPTIONAL(metrics.rankIc, 1.0);
        QVERIFY(metrics.ic && *metrics.ic > 0.9 && *metrics.ic < 1.0);
    }
};

QTEST_GUILESS_MAIN(TestCrossSectionMetrics)
#include "test_cross_section_metrics.moc"
