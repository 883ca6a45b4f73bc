#include "eval/newey_west.h"

#include "eval/metric_summary.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace Eval {

namespace {

double medianOf(std::vector<int> values)
{
    std::sort(values.begin(), values.end());
    const size_t middle = values.size() / 2;
    if (values.size() % 2 == 1)
        return values[middle];
    return (values[middle - 1] + values[middle]) / 2.0;
}

} // namespace

int neweyWestLag(int horizon, const std::vector<int> &rows)
{
    if (rows.size() < 2)
        return 0;
    std::vector<int> gaps;
    gaps.reserve(rows.size() - 1);
    for (size_t k = 1; k < rows.size(); ++k)
        gaps.push_back(rows[k] - rows[k - 1]);
    const double gap = medianOf(std::move(gaps));
    const int lag = std::max(0, static_cast<int>(std::ceil(horizon / gap)) - 1);
    return std::min(lag, static_cast<int>(rows.size()) - 1);
}

NeweyWestEstimate neweyWestAtLag(const std::vector<double> &series, int lag)
{
    NeweyWestEstimate estimate;
    const int count = static_cast<int>(series.size());
    estimate.dates = count;
    estimate.lag = lag;
    if (count == 0)
        return estimate;
    const double mean = std::accumulate(series.begin(), series.end(), 0.0) / count;
    estimate.mean = mean;
    const auto autocovariance = [&](int k) {
        double sum = 0.0;
        for (int t = k; t < count; ++t)
            sum += (series[t] - mean) * (series[t - k] - mean);
        return sum / count;
    };
    double variance = autocovariance(0);
    for (int k = 1; k <= lag; ++k)
        variance += 2.0 * (1.0 - static_cast<double>(k) / (lag + 1)) * autocovariance(k);
    if (allEqual(series) || !(variance > 0.0)) {
        estimate.status = NeweyWestStatus::ZeroVariance;
        return estimate;
    }
    estimate.status = NeweyWestStatus::Defined;
    estimate.t = mean / std::sqrt(variance / count);
    estimate.p = twoSidedNormalP(*estimate.t);
    return estimate;
}

NeweyWestEstimate neweyWest(const std::vector<DatedValue> &series, int horizon)
{
    std::vector<int> rows;
    std::vector<double> values;
    rows.reserve(series.size());
    values.reserve(series.size());
    for (const DatedValue &point : series) {
        rows.push_back(point.row);
        values.push_back(point.value);
    }
    return neweyWestAtLag(values, neweyWestLag(horizon, rows));
}

std::vector<DatedValue> definedValues(
    const std::vector<int> &rows, const std::vector<std::optional<double>> &values)
{
    std::vector<DatedValue> series;
    for (size_t k = 0; k < rows.size() && k < values.size(); ++k) {
        if (values[k])
            series.push_back({ rows[k], *values[k] });
    }
    return series;
}

double twoSidedNormalP(double z)
{
    return std::erfc(std::abs(z) / std::sqrt(2.0));
}

} // namespace Eval
