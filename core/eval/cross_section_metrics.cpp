#include "eval/cross_section_metrics.h"

#include "eval/rank_correlation.h"

#include <algorithm>

namespace Eval {

CrossSectionMetrics evaluateCrossSection(const std::vector<CrossSectionEntry> &entries)
{
    CrossSectionMetrics metrics;
    metrics.n = static_cast<int>(entries.size());
    if (metrics.n < kMinimumNamesPerDate)
        return metrics;

    std::vector<double> scores;
    std::vector<double> returns;
    scores.reserve(entries.size());
    returns.reserve(entries.size());
    for (const CrossSectionEntry &entry : entries) {
        scores.push_back(entry.score);
        returns.push_back(entry.forwardReturn);
    }

    metrics.ic = pearsonCorrelation(scores, returns);
    metrics.rankIc = spearmanCorrelation(scores, returns);
    metrics.icAvailability = metrics.ic ? IcAvailability::Defined : IcAvailability::ZeroVariance;

    const std::vector<int> quintiles = quintilesOf(averageRanks(scores));
    metrics.quintileMeans = quintileMeans(quintiles, returns);
    const std::optional<double> &bottom = metrics.quintileMeans.front();
    const std::optional<double> &top = metrics.quintileMeans.back();
    if (bottom && top)
        metrics.spread = *top - *bottom;
    for (size_t i = 0; i < entries.size(); ++i) {
        if (quintiles[i] == kQuintileCount)
            metrics.topQuintile.push_back(entries[i].column);
        else if (quintiles[i] == 1)
            metrics.bottomQuintile.push_back(entries[i].column);
    }
    std::sort(metrics.topQuintile.begin(), metrics.topQuintile.end());
    std::sort(metrics.bottomQuintile.begin(), metrics.bottomQuintile.end());
    return metrics;
}

} // namespace Eval
