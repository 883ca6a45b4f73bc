#pragma once

#include <optional>
#include <vector>

namespace Eval {

// Correlations of one cross-section (one date). Pure functions; thread-safe.

// Average ranks, 1-based and ascending: rank(i) = 1 + #{j : x_j < x_i} + (#{j : x_j = x_i} - 1) /
// 2, so tied values share the mean of the positions they occupy (pandas' method="average").
std::vector<double> averageRanks(const std::vector<double> &values);

// Pearson correlation sum((x - mean x)(y - mean y)) / sqrt(sum (x - mean x)^2 * sum (y - mean
// y)^2). Nothing when the sizes differ, fewer than 2 pairs are given, or either side has zero
// variance.
std::optional<double> pearsonCorrelation(
    const std::vector<double> &x, const std::vector<double> &y);

// Spearman correlation = Pearson correlation of averageRanks(x) and averageRanks(y).
// Nothing under the same conditions as pearsonCorrelation.
std::optional<double> spearmanCorrelation(
    const std::vector<double> &x, const std::vector<double> &y);

} // namespace Eval
