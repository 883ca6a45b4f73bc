#include "score_calculator.h"

#include <algorithm>
#include <cmath>

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
            row.p10 = percentile(closes, 0.1);
            row.p50 = percentile(closes, 0.5);
            row.p90 = percentile(closes, 0.9);
        }
        rows.append(row);
    }
    return rows;
}

double ScoreCalculator::percentile(std::vector<double> values, double q)
{
    std::sort(values.begin(), values.end());
    const double position = q * double(values.size() - 1);
    const size_t below = size_t(std::floor(position));
    const size_t above = std::min(below + 1, values.size() - 1);
    const double fraction = position - double(below);
    return values[below] + fraction * (values[above] - values[below]);
}
