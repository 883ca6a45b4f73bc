#include "eval/metric_summary.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

namespace Eval {

MetricSummary summarizeMetric(const std::vector<std::optional<double>> &definedOrNot)
{
    std::vector<double> values;
    for (const std::optional<double> &value : definedOrNot) {
        if (value)
            values.push_back(*value);
    }
    MetricSummary summary;
    summary.count = static_cast<int>(values.size());
    if (summary.count == 0)
        return summary;

    const double count = summary.count;
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / count;
    summary.mean = mean;
    summary.hitRate
        = std::count_if(values.begin(), values.end(), [](double v) { return v > 0.0; }) / count;
    if (summary.count < 2)
        return summary;

    double squaredDeviations = 0.0;
    for (double v : values)
        squaredDeviations += (v - mean) * (v - mean);
    const double stdDev = allEqual(values) ? 0.0 : std::sqrt(squaredDeviations / (count - 1.0));
    summary.stdDev = stdDev;
    if (stdDev > 0.0) {
        summary.ir = mean / stdDev;
        summary.t = mean / (stdDev / std::sqrt(count));
    }
    return summary;
}

bool allEqual(const std::vector<double> &values)
{
    return std::adjacent_find(values.begin(), values.end(), std::not_equal_to<double>())
        == values.end();
}

} // namespace Eval
