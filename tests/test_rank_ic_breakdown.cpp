#include "eval/rank_correlation.h"
#include "eval/rank_ic_breakdown.h"
#include "eval_test_support.h"

#include <QtTest>

using namespace Eval;

namespace {

// Entries for columns 0..n-1 with the given scores and returns.
std::vector<CrossSectionEntry> entriesOf(
    const std::vector<double> &scores, const std::vector<double> &returns)
{
    std::vector<CrossSectionEntry> entries;
    for (size_t i = 0; i < scores.size(); ++i)
        entries.push_back({ int(i), scores[i], returns[i] });
    return entries;
}

std::vector<QString> sectors(const QStringList &names)
{
    return { names.begin(), names.end() };
}

} // namespace

// RankIC by sector, sector-neutral, by month: a single sector, one name per sector, ties across
// sectors, too few names, names without a sector.
class TestRankIcBreakdown : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesWithoutSectorAreUnknown()
    {
        const PricePanel panel = EvalTestSupport::makePanel(
            { QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C") }, { { 1, 1, 1 } });
        const QHash<QString, QString> given { { QStringLiteral("A"), QStringLiteral("Energy") },
            { QStringLiteral("B"), QStringLiteral(" ") } };
        QCOMPARE(columnSectors(panel, given),
            sectors({ QStringLiteral("Energy"), QStringLiteral("Unknown"),
                QStringLiteral("Unknown") }));
    }

    // Six names in X, five in Y (scores all equal), one in Z.
    void perSectorNeedsFiveNamesAndVariance()
    {
        const std::vector<double> scores { 1, 2, 3, 4, 5, 6, 7, 7, 7, 7, 7, 1 };
        const std::vector<double> returns { 6, 5, 4, 1, 2, 3, 1, 2, 3, 4, 5, 1 };
        const QStringList names { "X", "X", "X", "X", "X", "X", "Y", "Y", "Y", "Y", "Y", "Z" };
        const std::vector<SectorValue> values
            = perSectorRankIc(entriesOf(scores, returns), sectors(names));
        QCOMPARE(values.size(), size_t(1));
        QCOMPARE(values[0].sector, QStringLiteral("X"));
        QCOMPARE(values[0].value, *spearmanCorrelation({ 1, 2, 3, 4, 5, 6 }, { 6, 5, 4, 1, 2, 3 }));
    }

    // Demeaning shifts every name of a single sector alike: ranks, hence RankIC, unchanged.
    void singleSectorNeutralEqualsRankIc()
    {
        const std::vector<double> scores { 0.3, -0.1, 0.2, 0.2, 0.5, -0.4 };
        const std::vector<double> returns { 0.01, 0.02, -0.03, 0.04, 0.0, -0.01 };
        const std::optional<double> neutral = sectorNeutralRankIc(entriesOf(scores, returns),
            std::vector<QString>(scores.size(), QStringLiteral("Energy")));
        QVERIFY(neutral);
        QVERIFY(std::abs(*neutral - *spearmanCorrelation(scores, returns)) < 1e-15);
    }

    void oneNamePerSectorLeavesNothing()
    {
        const std::optional<double> neutral = sectorNeutralRankIc(
            entriesOf({ 1, 2, 3, 4, 5 }, { 5, 3, 4, 1, 2 }), sectors({ "A", "B", "C", "D", "E" }));
        QVERIFY(!neutral); // every demeaned value is 0: zero variance
    }

    void tooFewNames()
    {
        QVERIFY(!sectorNeutralRankIc(
            entriesOf({ 1, 2, 3, 4 }, { 1, 2, 3, 4 }), sectors({ "A", "A", "A", "A" })));
    }

    // Sector A's scores 1, 2, 3 and B's 5, 6, 7 demean to -1, 0, 1 twice: ties across sectors.
    // Values are exact in binary, so the expected ranks are exact too.
    void tiesAcrossSectorsShareRanks()
    {
        const std::vector<double> scores { 1, 2, 3, 5, 6, 7 };
        const std::vector<double> returns { 0.5, 0.25, 1.5, 2.0, 3.5, 3.0 };
        const std::optional<double> neutral = sectorNeutralRankIc(
            entriesOf(scores, returns), sectors({ "A", "A", "A", "B", "B", "B" }));
        // Returns demeaned: A mean 0.75 -> -0.25 -0.5 0.75; B mean 2.833.. -> as computed.
        const double meanB = (2.0 + 3.5 + 3.0) / 3.0;
        const std::optional<double> expected = spearmanCorrelation(
            { -1, 0, 1, -1, 0, 1 }, { -0.25, -0.5, 0.75, 2.0 - meanB, 3.5 - meanB, 3.0 - meanB });
        QVERIFY(neutral && expected);
        QCOMPARE(*neutral, *expected);
    }

    void monthlyMeansSkipUndefinedDates()
    {
        const std::vector<QDate> dates { QDate(2017, 1, 5), QDate(2017, 1, 20), QDate(2017, 2, 3),
            QDate(2017, 3, 1), QDate(2018, 1, 2) };
        const std::vector<MonthlyRankIc> months
            = monthlyMeans(dates, { 0.1, 0.3, std::nullopt, -0.2, 0.05 });
        QCOMPARE(months.size(), size_t(3));
        QCOMPARE(months[0].year, 2017);
        QCOMPARE(months[0].month, 1);
        QCOMPARE(months[0].mean, 0.2);
        QCOMPARE(months[0].dates, 2);
        QCOMPARE(months[1].month, 3);
        QCOMPARE(months[2].year, 2018);
    }

    void sectorMeansOverTheDatesWithAValue()
    {
        const std::vector<SectorRankIc> means = sectorMeans({
            { { "Utilities", 0.5 }, { "Energy", 0.1 } },
            {},
            { { "Energy", 0.3 } },
        });
        QCOMPARE(means.size(), size_t(2));
        QCOMPARE(means[0].sector, QStringLiteral("Energy"));
        QCOMPARE(means[0].mean, 0.2);
        QCOMPARE(means[0].dates, 2);
        QCOMPARE(means[1].sector, QStringLiteral("Utilities"));
        QCOMPARE(means[1].dates, 1);
    }
};

QTEST_GUILESS_MAIN(TestRankIcBreakdown)
#include "test_rank_ic_breakdown.moc"
