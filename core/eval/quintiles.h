#pragma once

#include <array>
#include <optional>
#include <vector>

namespace Eval {

constexpr int kQuintileCount = 5;

// Quintile buckets of one cross-section. Pure functions; thread-safe.

// q = ceil(5 * averageRank / n), 1..5, ascending, so quintile 1 holds the lowest scores.
// Ties share an average rank and therefore a quintile; a rank landing exactly on a boundary
// (5 * rank / n an integer) belongs to the lower quintile. Computed in integers (2 * rank is
// whole) so no rounding can move a name across a boundary. Requires 1 <= averageRank <= n.
int quintileOf(double averageRank, int n);

// quintileOf() for every rank of averageRanks() over n = ranks.size() names.
std::vector<int> quintilesOf(const std::vector<double> &averageRanks);

// Mean of the returns of each quintile: mean_k = sum(r_i for q_i = k) / #{q_i = k}, index 0 being
// quintile 1. An empty quintile has no mean.
std::array<std::optional<double>, kQuintileCount> quintileMeans(
    const std::vector<int> &quintiles, const std::vector<double> &returns);

} // namespace Eval
