// ScoreCalculator: scores per horizon from one generation, percentiles of the samples
// (Eval::percentile itself: test_forecast_calibration).

#include "run/score_calculator.h"

#include <QtTest>

namespace {

std::vector<kronos::Candle> closes(std::initializer_list<double> values)
{
    std::vector<kronos::Candle> path;
    for (double value : values)
        path.push_back({ 0, 0, 0, value, 0, 0 });
    return path;
}

} // namespace

class TestScoreCalculator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneGenerationServesEveryHorizon()
    {
        kronos::SeriesForecast forecast;
        forecast.mean = closes({ 101, 102, 103, 104, 110 });
        forecast.samples = { forecast.mean };
        const PlannedSeries series { QDateTime(QDate(2019, 1, 2), QTime(0, 0), Qt::UTC),
            QStringLiteral("AAPL"), 100 };
        const QList<ScoreRow> rows = ScoreCalculator::scores(series, forecast, { 1, 5, 3 });
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0).horizon, 1);
        QCOMPARE(rows.at(0).predictedClose, 101.0);
        QCOMPARE(rows.at(0).score, 0.01);
        QCOMPARE(rows.at(1).predictedClose, 110.0);
        QCOMPARE(rows.at(1).score, 0.1);
        QCOMPARE(rows.at(2).predictedClose, 103.0);
        QCOMPARE(rows.at(2).ticker, QStringLiteral("AAPL"));
        QCOMPARE(rows.at(2).lastClose, 100.0);
        QVERIFY(!rows.at(0).p50.has_value());
    }

    void samplesGiveQuantiles()
    {
        kronos::SeriesForecast forecast;
        forecast.mean = closes({ 100, 120 });
        for (double close : { 90.0, 100.0, 110.0, 120.0, 130.0 })
            forecast.samples.push_back(closes({ 100, close }));
        const QList<ScoreRow> rows
            = ScoreCalculator::scores({ QDateTime(), QStringLiteral("X"), 100 }, forecast, { 2 });
        QCOMPARE(rows.at(0).p10.value(), 94.0);
        QCOMPARE(rows.at(0).p50.value(), 110.0);
        QCOMPARE(rows.at(0).p90.value(), 126.0);
        QCOMPARE(rows.at(0).score, 0.2);
    }

    void pathsKeepTheFirstStepsOfMeanAndSamples()
    {
        kronos::SeriesForecast forecast;
        forecast.mean = closes({ 101, 102, 103, 104 });
        forecast.samples = { closes({ 100, 101, 102, 103 }), closes({ 102, 103, 104, 105 }) };
        const PlannedSeries series { QDateTime(QDate(2019, 1, 2), QTime(0, 0), Qt::UTC),
            QStringLiteral("AAPL"), 100 };
        const SeriesPaths paths = ScoreCalculator::paths(series, forecast, 3);
        QCOMPARE(paths.ticker, QStringLiteral("AAPL"));
        QCOMPARE(paths.lastClose, 100.0);
        QCOMPARE(paths.steps, 3);
        QCOMPARE(paths.mean, (std::vector<float> { 101, 102, 103 }));
        QCOMPARE(paths.sampleCount, 2);
        QCOMPARE(paths.samples, (std::vector<float> { 100, 101, 102, 102, 103, 104 }));

        forecast.samples.resize(1); // greedy: the one sample is the mean
        QCOMPARE(ScoreCalculator::paths(series, forecast, 3).sampleCount, 0);
    }
};

QTEST_GUILESS_MAIN(TestScoreCalculator)
#include "test_score_calculator.moc"
