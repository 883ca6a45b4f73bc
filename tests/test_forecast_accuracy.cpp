#include "eval/forecast_accuracy.h"

#include <QtTest>
#include <cmath>

using namespace Eval;

namespace {

// Compared to 1e-12: the sums run in a different order than the hand computation.
bool near(const std::optional<double> &actual, double expected)
{
    return actual && std::abs(*actual - expected) <= 1e-12 * std::max(1.0, std::abs(expected));
}

} // namespace

// The model's score read as a predicted return against persistence (predicting no change):
// MAE, RMSE, skill, hit rate and the Diebold-Mariano statistic on hand-made pairs.
class TestForecastAccuracy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Date at row 0: (0.02, 0.01), (-0.01, 0.03), (0, -0.02); at row 5: (0.01, -0.01), (0.03, 0).
    void handMadePairs()
    {
        const std::vector<DatedForecastPairs> dates {
            { 0, { 0.02, -0.01, 0.0 }, { 0.01, 0.03, -0.02 } },
            { 5, { 0.01, 0.03 }, { -0.01, 0.0 } },
        };
        const ForecastAccuracy accuracy = forecastAccuracy(dates, 5);
        QCOMPARE(accuracy.n, 5);
        QVERIFY(near(accuracy.mae, 0.12 / 5)); // |e| = 0.01 0.04 0.02 0.02 0.03
        QVERIFY(near(accuracy.rmse, std::sqrt(0.0034 / 5)));
        QVERIFY(near(accuracy.maePersistence, 0.07 / 5));
        QVERIFY(near(accuracy.rmsePersistence, std::sqrt(0.0015 / 5)));
        QVERIFY(near(accuracy.skillMae, 1.0 - 0.12 / 0.07));
        // Pairs with a zero score or a zero return do not count: 1 hit of 3.
        QVERIFY(near(accuracy.hitRate, 1.0 / 3.0));

        // d = mean(e^2 - r^2) per date: 0.0007 / 3 and 0.0012 / 2; lag 0 (h = spacing).
        const double d1 = 0.0007 / 3.0;
        const double d2 = 0.0006;
        const double mean = (d1 + d2) / 2.0;
        const double variance = ((d1 - mean) * (d1 - mean) + (d2 - mean) * (d2 - mean)) / 2.0;
        QCOMPARE(accuracy.dieboldMariano.lag, 0);
        QCOMPARE(accuracy.dieboldMariano.dates, 2);
        QVERIFY(near(accuracy.dieboldMariano.t, mean / std::sqrt(variance / 2.0)));
        QVERIFY(*accuracy.dieboldMariano.t > 0.0); // positive: persistence was better
    }

    void perfectForecastsBeatPersistence()
    {
        std::vector<DatedForecastPairs> dates;
        for (int k = 0; k < 6; ++k) {
            const double r = 0.01 * (k + 1) * (k % 2 == 0 ? 1 : -1);
            dates.push_back({ k * 20, { r, -r / 2 }, { r, -r / 2 } });
        }
        const ForecastAccuracy accuracy = forecastAccuracy(dates, 20);
        QCOMPARE(*accuracy.mae, 0.0);
        QCOMPARE(*accuracy.skillMae, 1.0);
        QCOMPARE(*accuracy.hitRate, 1.0);
        QVERIFY(*accuracy.dieboldMariano.t < 0.0); // negative: the model is better
    }

    void undefinedFiguresStayEmpty()
    {
        // Every return zero: persistence is perfect, skill and hit rate undefined.
        const ForecastAccuracy flat = forecastAccuracy({ { 0, { 0.01, -0.02 }, { 0.0, 0.0 } } }, 5);
        QCOMPARE(flat.n, 2);
        QCOMPARE(*flat.maePersistence, 0.0);
        QVERIFY(!flat.skillMae);
        QVERIFY(!flat.hitRate);
        QCOMPARE(flat.dieboldMariano.status, NeweyWestStatus::ZeroVariance); // one date

        const ForecastAccuracy none = forecastAccuracy({ { 0, {}, {} } }, 5);
        QCOMPARE(none.n, 0);
        QVERIFY(!none.mae && !none.rmse && !none.skillMae && !none.hitRate);
        QCOMPARE(none.dieboldMariano.status, NeweyWestStatus::NoDates);
    }
};

QTEST_GUILESS_MAIN(TestForecastAccuracy)
#include "test_forecast_accuracy.moc"
