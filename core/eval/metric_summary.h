#pragma once

#include <optional>
#include <vector>

namespace Eval {

// Summary of one metric over the dates where it is defined (IC, RankIC, correlation with
// momentum...). Fields are empty when their formula is undefined for the sample.
struct MetricSummary
{
    int count = 0; // dates with a value
    std::optional<double> mean; // sum(v) / count; count >= 1
    std::optional<double> stdDev; // sqrt(sum((v - mean)^2) / (count - 1)); count >= 2
    std::optional<double> ir; // mean / stdDev; stdDev > 0
    std::optional<double> t; // mean / (stdDev / sqrt(count)); stdDev > 0
    std::optional<double> hitRate; // #{v > 0} / count; count >= 1
};

// Summarises the defined values; an empty value (a date without that metric) is left out.
// Values that are all equal have a standard deviation of exactly 0 (no IR, no t). Pure;
// thread-safe.
MetricSummary summarizeMetric(const std::vector<std::optional<double>> &values);

// True when every value equals the first (or there is none). The exact test for zero variance:
// a computed mean of equal values can miss them by one ulp and leave a meaningless tiny
// variance behind. Pure; thread-safe.
bool allEqual(const std::vector<double> &values);

} // namespace Eval
