#include "eval/newey_west.h"

#include <QtTest>
#include <cmath>

using namespace Eval;

// Newey-West significance of overlapping per-date series: the lag from the horizon and the
// dates' spacing, the Bartlett-weighted variance, the t and its two-sided normal p.
class TestNeweyWest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lagFollowsHorizonAndMedianSpacing_data()
    {
        QTest::addColumn<int>("horizon");
        QTest::addColumn<QList<int>>("rows");
        QTest::addColumn<int>("lag");
        QTest::newRow("windows do not overlap") << 5 << QList<int> { 0, 5, 10, 15, 20 } << 0;
        QTest::newRow("one row of overlap") << 6 << QList<int> { 0, 5, 10, 15, 20 } << 1;
        QTest::newRow("20 days every 5") << 20 << QList<int> { 0, 5, 10, 15, 20 } << 3;
        QTest::newRow("median of an even count of gaps")
            << 20 << QList<int> { 0, 5, 10, 20, 30 } << 2; // gaps 5 5 10 10: g = 7.5
        QTest::newRow("median ignores one long gap") << 20 << QList<int> { 0, 5, 10, 15, 215 } << 3;
        QTest::newRow("T < L: capped at T - 1") << 20 << QList<int> { 0, 5, 10 } << 2;
        QTest::newRow("a single date") << 20 << QList<int> { 7 } << 0;
        QTest::newRow("no date") << 20 << QList<int> {} << 0;
    }

    void lagFollowsHorizonAndMedianSpacing()
    {
        QFETCH(int, horizon);
        QFETCH(QList<int>, rows);
        QFETCH(int, lag);
        QCOMPARE(neweyWestLag(horizon, { rows.begin(), rows.end() }), lag);
    }

    // x = 0.1, 0.3, -0.2, 0.4, 0, 0.2: m = 2/15; by hand gamma_0 = 7/180, gamma_1 = -7/216.
    void varianceAddsBartlettWeightedAutocovariances()
    {
        const std::vector<double> x { 0.1, 0.3, -0.2, 0.4, 0.0, 0.2 };
        const NeweyWestEstimate plain = neweyWestAtLag(x, 0);
        QCOMPARE(plain.status, NeweyWestStatus::Defined);
        QCOMPARE(plain.dates, 6);
        QCOMPARE(*plain.mean, 2.0 / 15.0);
        QCOMPARE(*plain.t, (2.0 / 15.0) / std::sqrt(7.0 / 180.0 / 6.0));
        // var = gamma_0 + 2 (1 - 1/2) gamma_1 = 7/180 - 7/216 = 7/1080.
        const NeweyWestEstimate lagged = neweyWestAtLag(x, 1);
        QCOMPARE(lagged.lag, 1);
        QCOMPARE(*lagged.t, (2.0 / 15.0) / std::sqrt(7.0 / 1080.0 / 6.0));
        QCOMPARE(*lagged.p, std::erfc(*lagged.t / std::sqrt(2.0)));
    }

    void pIsTwoSidedNormal()
    {
        QCOMPARE(twoSidedNormalP(0.0), 1.0);
        QVERIFY(std::abs(twoSidedNormalP(1.959963984540054) - 0.05) < 1e-15);
        QCOMPARE(twoSidedNormalP(-2.5), twoSidedNormalP(2.5));
    }

    void datesComeFromTheDefinedValues()
    {
        // Rows 0, 5, 10, 15 with the value at row 10 undefined: gaps 5 and 10, g = 5 at h = 10.
        const std::vector<DatedValue> series
            = definedValues({ 0, 5, 10, 15 }, { 0.2, -0.1, std::nullopt, 0.4 });
        QCOMPARE(series.size(), size_t(3));
        QCOMPARE(series[2].row, 15);
        const NeweyWestEstimate estimate = neweyWest(series, 10);
        QCOMPARE(estimate.dates, 3);
        QCOMPARE(estimate.lag, 1); // ceil(10 / 7.5) - 1
        QCOMPARE(*estimate.mean, 0.5 / 3.0);
    }

    void undefinedWithoutVariance_data()
    {
        QTest::addColumn<QList<double>>("values");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("hasMean");
        QTest::newRow("no dates") << QList<double> {} << int(NeweyWestStatus::NoDates) << false;
        QTest::newRow("a single date")
            << QList<double> { 0.05 } << int(NeweyWestStatus::ZeroVariance) << true;
        QTest::newRow("every value equal (not exactly their computed mean)")
            << QList<double> { 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1 }
            << int(NeweyWestStatus::ZeroVariance) << true;
    }

    void undefinedWithoutVariance()
    {
        QFETCH(QList<double>, values);
        QFETCH(int, status);
        QFETCH(bool, hasMean);
        const NeweyWestEstimate estimate = neweyWestAtLag({ values.begin(), values.end() }, 0);
        QCOMPARE(int(estimate.status), status);
        QCOMPARE(estimate.mean.has_value(), hasMean);
        QVERIFY(!estimate.t && !estimate.p);
    }

    // Alternating values: gamma_0 = 1, gamma_1 = -3/4, gamma_2 = 1/2, gamma_3 = -1/4, so at L = 3
    // var = 1 - 2 (3/4)(3/4) + 2 (1/2)(1/2) - 2 (1/4)(1/4) = 1/4; a zero mean gives t = 0, p = 1.
    void zeroMeanGivesNoEvidence()
    {
        const NeweyWestEstimate estimate = neweyWestAtLag({ 1.0, -1.0, 1.0, -1.0 }, 3);
        QCOMPARE(estimate.status, NeweyWestStatus::Defined);
        QCOMPARE(*estimate.t, 0.0);
        QCOMPARE(*estimate.p, 1.0);
    }
};

QTEST_GUILESS_MAIN(TestNeweyWest)
#include "test_newey_west.moc"
