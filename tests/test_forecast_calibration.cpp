#include "eval/forecast_calibration.h"
#include "eval_test_support.h"

#include <QtTest>
#include <cmath>

using namespace Eval;

namespace {

// sum_s sum_s' |x_s - x_s'| pair by pair, as the definition reads.
double bruteForceCrps(const std::vector<double> &samples, double realised)
{
    const double y = std::log1p(realised);
    double accuracy = 0.0;
    double spread = 0.0;
    for (double a : samples) {
        accuracy += std::abs(std::log1p(a) - y);
        for (double b : samples)
            spread += std::abs(std::log1p(a) - std::log1p(b));
    }
    const double count = double(samples.size());
    return accuracy / count - spread / (2.0 * count * count);
}

// CRPS = integral of (F(x) - 1{x >= y})^2 dx for N(0, s^2), by Simpson's rule on each side of
// the step at y.
double integratedNormalCrps(double y, double s)
{
    const auto simpson = [s](double from, double to, double step) {
        const int intervals = 20000;
        const double width = (to - from) / intervals;
        double sum = 0.0;
        for (int i = 0; i <= intervals; ++i) {
            const double x = from + i * width;
            const double gap = 0.5 * std::erfc(-x / (s * std::sqrt(2.0))) - step;
            sum += (i == 0 || i == intervals ? 1.0 : i % 2 == 1 ? 4.0 : 2.0) * gap * gap;
        }
        return sum * width / 3.0;
    };
    return simpson(y - 12.0 * s, y, 0.0) + simpson(y, y + 12.0 * s, 1.0);
}

} // namespace

// Calibration of sampled bands: percentiles, PIT (ties counted half), its histogram bins,
// sample CRPS against the pairwise definition, the normal baseline's CRPS against its
// integral, the baseline volatility's 61 closes, coverage from given or sampled bands.
class TestForecastCalibration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void percentile_data()
    {
        QTest::addColumn<QList<double>>("values");
        QTest::addColumn<double>("q");
        QTest::addColumn<double>("expected");
        QTest::newRow("median of odd") << QList<double> { 3, 1, 2 } << 0.5 << 2.0;
        QTest::newRow("median of even") << QList<double> { 4, 1, 3, 2 } << 0.5 << 2.5;
        QTest::newRow("p10 interpolated") << QList<double> { 0, 10, 20, 30, 40 } << 0.1 << 4.0;
        QTest::newRow("p90 interpolated") << QList<double> { 0, 10, 20, 30, 40 } << 0.9 << 36.0;
        QTest::newRow("one value") << QList<double> { 7 } << 0.9 << 7.0;
    }
    void percentile()
    {
        QFETCH(QList<double>, values);
        QFETCH(double, q);
        QFETCH(double, expected);
        QCOMPARE(Eval::percentile({ values.cbegin(), values.cend() }, q), expected);
    }

    void pitCountsTiesHalf_data()
    {
        QTest::addColumn<double>("realised");
        QTest::addColumn<double>("pit");
        QTest::addColumn<int>("bin");
        QTest::newRow("between samples") << 0.025 << 0.5 << 5;
        QTest::newRow("a sample equal to r") << 0.02 << 0.375 << 3;
        QTest::newRow("below every sample") << -0.5 << 0.0 << 0;
        QTest::newRow("above every sample: 1 is in the last bin") << 0.5 << 1.0 << 9;
        QTest::newRow("on the lowest sample") << 0.01 << 0.125 << 1;
    }
    void pitCountsTiesHalf()
    {
        QFETCH(double, realised);
        QFETCH(double, pit);
        QFETCH(int, bin);
        const double u = probabilityIntegralTransform({ 0.04, 0.01, 0.03, 0.02 }, realised);
        QCOMPARE(u, pit);
        QCOMPARE(pitBin(u), bin);
    }

    void pitBinEdges()
    {
        QCOMPARE(pitBin(0.0), 0);
        QCOMPARE(pitBin(0.0999), 0);
        QCOMPARE(pitBin(0.1), 1);
        QCOMPARE(pitBin(0.9), 9);
        QCOMPARE(pitBin(1.0), 9);
        // Every sample equal to r: u = 1/2.
        QCOMPARE(probabilityIntegralTransform({ 0.02, 0.02, 0.02 }, 0.02), 0.5);
    }

    void sampleCrpsIsThePairwiseDefinition()
    {
        const std::vector<double> samples { 0.05, -0.02, 0.01, 0.01, -0.07, 0.12, 0.0 };
        for (double r : { -0.1, 0.0, 0.01, 0.3 })
            QVERIFY(std::abs(sampleCrps(samples, r) - bruteForceCrps(samples, r)) < 1e-15);
        // One sample: the absolute error in log space; a sample equal to r: zero.
        QCOMPARE(sampleCrps({ 0.1 }, 0.0), std::log1p(0.1));
        QCOMPARE(sampleCrps({ 0.03 }, 0.03), 0.0);
    }

    void normalCrpsIsItsIntegral()
    {
        for (double y : { 0.0, 0.013, -0.05, 0.2 }) {
            const double closed = normalCrps(y, 0.04);
            QVERIFY2(std::abs(closed - integratedNormalCrps(y, 0.04)) < 1e-9,
                qPrintable(QStringLiteral("y %1: %2").arg(y).arg(closed)));
        }
        // At y = 0: s (2 phi(0) - 1 / sqrt(pi)).
        QCOMPARE(normalCrps(0.0, 1.0), 2.0 / std::sqrt(2.0 * M_PI) - 1.0 / std::sqrt(M_PI));
    }

    // Closes alternating 100 and 110: 30 log returns of +ln 1.1 and 30 of -ln 1.1. Ticker B
    // misses row 30.
    void baselineVolatilityNeedsAll61Closes()
    {
        std::vector<std::vector<double>> closes;
        for (int row = 0; row < 100; ++row)
            closes.push_back({ row % 2 == 0 ? 100.0 : 110.0, row == 30 ? NAN : 50.0 + row });
        const PricePanel panel
            = EvalTestSupport::makePanel({ QStringLiteral("A"), QStringLiteral("B") }, closes);
        const std::optional<double> sigma = baselineVolatility(panel, 60, 0);
        QVERIFY(sigma);
        QVERIFY(std::abs(*sigma - std::log(1.1) * std::sqrt(60.0 / 59.0)) < 1e-15);
        QVERIFY(!baselineVolatility(panel, 59, 0)); // only 60 closes up to row 59
        QVERIFY(!baselineVolatility(panel, 100, 0)); // past the panel
        QVERIFY(!baselineVolatility(panel, 90, 1)); // rows 30..90: the hole is in
        QVERIFY(baselineVolatility(panel, 91, 1)); // rows 31..91
    }

    // Two cases at h = 4 (sqrt h = 2), sigma 0.01: the baseline band is |y| <= 0.02563.
    void coverageCrpsAndPitOverCases()
    {
        const std::vector<double> samples { -0.03, -0.01, 0.0, 0.01, 0.03 };
        const std::vector<CalibrationCase> cases {
            // Sampled band p10..p90 = -0.022..0.022 covers 0.015; the baseline covers it too.
            { samples, std::nullopt, std::nullopt, 0.015, 0.01 },
            // The given band 0.02..0.05 misses -0.04; the baseline misses it too (|y| > 0.0256).
            { samples, 0.02, 0.05, -0.04, 0.01 },
        };
        const ForecastCalibration calibration = calibrate(cases, 4);
        QCOMPARE(calibration.n, 2);
        QCOMPARE(*calibration.coverage, 0.5);
        QCOMPARE(*calibration.coverageBaseline, 0.5);
        QCOMPARE(
            *calibration.crps, (sampleCrps(samples, 0.015) + sampleCrps(samples, -0.04)) / 2.0);
        QCOMPARE(*calibration.crpsBaseline,
            (normalCrps(std::log1p(0.015), 0.02) + normalCrps(std::log1p(-0.04), 0.02)) / 2.0);
        // PIT 0.8 (bin 8) and 0 (bin 0).
        for (int bin = 0; bin < kPitBins; ++bin)
            QCOMPARE(*calibration.pitShares[bin], bin == 8 || bin == 0 ? 0.5 : 0.0);

        const ForecastCalibration none = calibrate({}, 4);
        QCOMPARE(none.n, 0);
        QVERIFY(!none.coverage && !none.crps && !none.pitShares[0]);
    }
};

QTEST_GUILESS_MAIN(TestForecastCalibration)
#include "test_forecast_calibration.moc"
