#include "eval/rank_correlation.h"

#include "eval/metric_summary.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace Eval {

std::vector<double> averageRanks(const std::vector<double> &values)
{
    std::vector<size_t> order(values.size());
    std::iota(order.begin(), order.end(), size_t { 0 });
    std::stable_sort(order.begin(), order.end(),
        [&values](size_t a, size_t b) { return values[a] < values[b]; });

    std::vector<double> ranks(values.size());
    size_t groupBegin = 0;
    while (groupBegin < order.size()) {
        size_t groupEnd = groupBegin + 1;
        while (groupEnd < order.size() && values[order[groupEnd]] == values[order[groupBegin]])
            ++groupEnd;
        // Positions groupBegin+1 .. groupEnd (1-based) share their mean.
        const double sharedRank = (static_cast<double>(groupBegin + 1 + groupEnd)) / 2.0;
        for (size_t k = groupBegin; k < groupEnd; ++k)
            ranks[order[k]] = sharedRank;
        groupBegin = groupEnd;
    }
    return ranks;
}

std::optional<double> pearsonCorrelation(const std::vector<double> &x, const std::vector<double> &y)
{
    const size_t n = x.size();
    if (n != y.size() || n < 2 || allEqual(x) || allEqual(y))
        return std::nullopt;
    // Two passes (means first) keep the centred sums accurate to the last digits.
    const double meanX = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(n);
    const double meanY = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(n);
    double sumXY = 0.0;
    double sumXX = 0.0;
    double sumYY = 0.0;
    for (size_t i = 0; i < n; ++i) {
        const double dx = x[i] - meanX;
        const double dy = y[i] - meanY;
        sumXY += dx * dy;
        sumXX += dx * dx;
        sumYY += dy * dy;
    }
    return sumXY / std::sqrt(sumXX * sumYY);
}

std::optional<double> spearmanCorrelation(
    const std::vector<double> &x, const std::vector<double> &y)
{
    return pearsonCorrelation(averageRanks(x), averageRanks(y));
}

} // namespace Eval
