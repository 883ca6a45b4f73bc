#pragma once

#include "inference/kronos_engine.h"

#include <array>
#include <vector>

namespace kronos {

constexpr int FeatureCount = 6; // open, high, low, close, volume, amount
constexpr int StampCount = 5; // minute, hour, weekday (Monday 0), day, month
constexpr float ClipLimit = 5.0f;
constexpr float StdEpsilon = 1e-5f;

// One series prepared for the model: rows normalized per feature over the context and clipped,
// with the statistics to undo it. Arithmetic follows upstream's numpy on float32 data: sums
// accumulated in float32, row by row, population std.
struct NormalizedSeries
{
    std::vector<float> rows; // L x 6, row-major
    std::array<float, FeatureCount> mean {};
    std::array<float, FeatureCount> std {};
};

// Fills volume/amount the upstream way, rejects NaN or infinity (naming the series and row),
// computes mean and std and normalizes: (x - mean) / (std + 1e-5), clipped to +-5.
NormalizedSeries normalizeSeries(const SeriesInput &series);

// The inverse for one normalized row: x * (std + 1e-5) + mean, in float32 like upstream.
Candle denormalizeRow(const float *row, const NormalizedSeries &statistics);

// The temporal features upstream's calc_time_stamps derives from a timestamp.
std::array<int64_t, StampCount> calendarFeatures(const QDateTime &timestamp);

} // namespace kronos
