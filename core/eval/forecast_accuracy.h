#pragma once

#include "eval/newey_west.h"

#include <QDate>
#include <optional>
#include <vector>

namespace Eval {

// Does the model's predicted return beat predicting no change? The model's score is read as a
// predicted return over the horizon and compared with persistence (a random walk: predicted
// return 0), pair by pair, and by a Diebold-Mariano test on the per-date loss differences.
// Pure; thread-safe.

// The (score, r) pairs of one evaluation date.
struct DatedForecastPairs
{
    int row = 0; // the date's panel row
    std::vector<double> scores;
    std::vector<double> realised; // parallel to scores
};

struct ForecastAccuracy
{
    int n = 0; // pairs with a score and r
    std::optional<double> mae; // mean |e|, e = score - r
    std::optional<double> rmse; // sqrt(mean e^2)
    std::optional<double> maePersistence; // mean |r|
    std::optional<double> rmsePersistence; // sqrt(mean r^2)
    std::optional<double> skillMae; // 1 - mae / maePersistence; maePersistence > 0
    std::optional<double> hitRate; // share of sign(score) = sign(r) where both are non-zero
    // Diebold-Mariano: the Newey-West t of d_t = mean over the date's pairs of (e^2 - r^2), at
    // the lag neweyWestLag gives; negative = the model's squared errors are smaller.
    NeweyWestEstimate dieboldMariano;
};

// Accuracy at horizon h (rows) over the dates' pairs, dates in ascending row order; a date
// without pairs adds nothing.
ForecastAccuracy forecastAccuracy(const std::vector<DatedForecastPairs> &dates, int horizon);

} // namespace Eval
