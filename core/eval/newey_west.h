#pragma once

#include <optional>
#include <vector>

namespace Eval {

// Significance of a per-date series whose dates overlap: forward returns over h rows measured
// every g < h rows share days, so consecutive values are correlated and the plain t-statistic
// mean / (std / sqrt(T)) overstates the evidence. Newey-West widens the variance by the
// series' autocovariances up to a lag L chosen from h and g. Pure functions; thread-safe.

// Why a Newey-West t is undefined (or not).
enum class NeweyWestStatus {
    Defined,
    NoDates, // T = 0
    ZeroVariance, // the long-run variance is 0: a single date, or every value equal
};

// One value of a per-date series and the panel row of its date.
struct DatedValue
{
    int row = 0;
    double value = 0.0;
};

struct NeweyWestEstimate
{
    int dates = 0; // T
    std::optional<double> mean; // m = sum(x) / T; T >= 1
    int lag = 0; // L
    std::optional<double> t; // m / sqrt(var / T); var > 0
    std::optional<double> p; // two-sided normal: erfc(|t| / sqrt(2))
    NeweyWestStatus status = NeweyWestStatus::NoDates;
};

// L = max(0, ceil(h / g) - 1), g = median gap in rows between consecutive dates (the mean of
// the two middle gaps for an even count), capped at T - 1. 0 with fewer than two dates.
// `rows` ascending; horizon >= 1.
int neweyWestLag(int horizon, const std::vector<int> &rows);

// Newey-West statistics of `series` (dates in ascending row order) at lag L:
//   gamma_k = (1/T) sum_{t>k} (x_t - m)(x_{t-k} - m)
//   var = gamma_0 + 2 sum_{k=1..L} (1 - k/(L+1)) gamma_k   (Bartlett weights: never negative)
// L must lie in [0, T - 1] (neweyWestLag gives such a lag).
NeweyWestEstimate neweyWestAtLag(const std::vector<double> &series, int lag);

// neweyWestAtLag with the lag neweyWestLag chooses from the series' own rows.
NeweyWestEstimate neweyWest(const std::vector<DatedValue> &series, int horizon);

// Builds the series of the dates where a per-date figure is defined: rows[k] with values[k],
// empty values left out. `rows` and `values` are parallel.
std::vector<DatedValue> definedValues(
    const std::vector<int> &rows, const std::vector<std::optional<double>> &values);

// Two-sided p-value of a standard normal statistic: P(|Z| >= |z|) = erfc(|z| / sqrt(2)).
double twoSidedNormalP(double z);

} // namespace Eval
