#include "inference/series_normalizer.h"

#include <cmath>

namespace kronos {
namespace {

std::array<double, FeatureCount> filledRow(const Candle &bar, GivenColumns columns)
{
    std::array<double, FeatureCount> row { bar.open, bar.high, bar.low, bar.close, 0.0, 0.0 };
    switch (columns) {
    case GivenColumns::Prices:
        break;
    case GivenColumns::PricesVolume:
        row[4] = bar.volume;
        // pandas' row mean of the four prices, in float64, before the cast to float32.
        row[5] = bar.volume * ((((bar.open + bar.high) + bar.low) + bar.close) / 4.0);
        break;
    case GivenColumns::PricesVolumeAmount:
        row[4] = bar.volume;
        row[5] = bar.amount;
        break;
    }
    return row;
}

const char *featureName(int feature)
{
    static const char *names[FeatureCount] = { "open", "high", "low", "close", "volume", "amount" };
    return names[feature];
}

} // namespace

NormalizedSeries normalizeSeries(const SeriesInput &series)
{
    const size_t length = series.bars.size();
    if (length == 0)
        throw ForecastError(
            QStringLiteral("series '%1' has no bars").arg(series.key).toStdString());
    NormalizedSeries result;
    result.rows.resize(length * FeatureCount);
    for (size_t t = 0; t < length; ++t) {
        const auto row = filledRow(series.bars[t], series.columns);
        for (int f = 0; f < FeatureCount; ++f) {
            if (!std::isfinite(row[f]))
                throw ForecastError(
                    QStringLiteral("series '%1', row %2 (%3): %4 is not a finite number")
                        .arg(series.key)
                        .arg(t + 1)
                        .arg(series.timestamps.value(int(t)).toString(Qt::ISODate))
                        .arg(QLatin1String(featureName(f)))
                        .toStdString());
            result.rows[t * FeatureCount + f] = static_cast<float>(row[f]);
        }
    }

    // numpy reduces axis 0 of a C-ordered float32 array row by row into a float32 accumulator.
    const float count = static_cast<float>(length);
    std::array<float, FeatureCount> sum {};
    for (size_t t = 0; t < length; ++t)
        for (int f = 0; f < FeatureCount; ++f)
            sum[f] += result.rows[t * FeatureCount + f];
    for (int f = 0; f < FeatureCount; ++f)
        result.mean[f] = sum[f] / count;
    std::array<float, FeatureCount> squares {};
    for (size_t t = 0; t < length; ++t)
        for (int f = 0; f < FeatureCount; ++f) {
            const float centered = result.rows[t * FeatureCount + f] - result.mean[f];
            squares[f] += centered * centered;
        }
    for (int f = 0; f < FeatureCount; ++f)
        result.std[f] = std::sqrt(squares[f] / count);

    for (size_t t = 0; t < length; ++t)
        for (int f = 0; f < FeatureCount; ++f) {
            float &value = result.rows[t * FeatureCount + f];
            value = (value - result.mean[f]) / (result.std[f] + StdEpsilon);
            value = std::min(std::max(value, -ClipLimit), ClipLimit);
        }
    return result;
}

Candle denormalizeRow(const float *row, const NormalizedSeries &statistics)
{
    std::array<float, FeatureCount> values {};
    for (int f = 0; f < FeatureCount; ++f)
        values[f] = row[f] * (statistics.std[f] + StdEpsilon) + statistics.mean[f];
    return { values[0], values[1], values[2], values[3], values[4], values[5] };
}

std::array<int64_t, StampCount> calendarFeatures(const QDateTime &timestamp)
{
    const QDate date = timestamp.date();
    const QTime time = timestamp.time();
    return { time.minute(), time.hour(), date.dayOfWeek() - 1, date.day(), date.month() };
}

} // namespace kronos
