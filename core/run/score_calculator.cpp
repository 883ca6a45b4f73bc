#include "run/score_calculator.h"

#include "eval/forecast_calibration.h"

QList<ScoreRow> ScoreCalculator::scores(
    const PlannedSeries &series, const kronos::SeriesForecast &forecast, const QList<int> &horizons)
{
    QList<ScoreRow> rows;
    for (int horizon : horizons) {
        const size_t step = size_t(horizon - 1);
        ScoreRow row;
        row.date = series.date;
        row.ticker = series.ticker;
        row.horizon = horizon;
        row.lastClose = series.lastClose;
        row.predictedClose = forecast.mean.at(step).close;
        row.score = (row.predictedClose - row.lastClose) / row.lastClose;
        if (forecast.samples.size() > 1) {
            std::vector<double> closes;
            for (const std::vector<kronos::Candle> &path : forecast.samples)
                closes.push_back(path.at(step).close);
            row.p10 = Eval::percentile(closes, 0.1);
            row.p50 = Eval::percentile(closes, 0.5);
            row.p90 = Eval::percentile(closes, 0.9);
        }
        rows.append(row);
    }
    return rows;
}

SeriesPaths ScoreCalculator::paths(
    const PlannedSeries &series, const kronos::SeriesForecast &forecast, int steps)
{
    SeriesPaths paths;
    paths.date = series.date;
    paths.ticker = series.ticker;
    paths.lastClose = series.lastClose;
    paths.steps = steps;
    paths.mean.reserve(size_t(steps));
    for (int step = 0; step < steps; ++step)
        paths.mean.push_back(float(forecast.mean.at(size_t(step)).close));
    if (forecast.samples.size() > 1) {
        paths.sampleCount = int(forecast.samples.size());
        paths.samples.reserve(forecast.samples.size() * size_t(steps));
        for (const std::vector<kronos::Candle> &path : forecast.samples) {
            for (int step = 0; step < steps; ++step)
                paths.samples.push_back(float(path.at(size_t(step)).close));
        }
    }
    return paths;
}
