#include "eval/quintiles.h"

#include <cmath>

namespace Eval {

int quintileOf(double averageRank, int n)
{
    const long long twiceRank = std::llround(2.0 * averageRank);
    const long long twiceCount = 2LL * n;
    // ceil(5 * rank / n) = ceil(5 * 2rank / 2n), an integer ceiling division of positive values.
    return static_cast<int>((kQuintileCount * twiceRank + twiceCount - 1) / twiceCount);
}

std::vector<int> quintilesOf(const std::vector<double> &averageRanks)
{
    const int n = static_cast<int>(averageRanks.size());
    std::vector<int> quintiles;
    quintiles.reserve(averageRanks.size());
    for (double rank : averageRanks)
        quintiles.push_back(quintileOf(rank, n));
    return quintiles;
}

std::array<std::optional<double>, kQuintileCount> quintileMeans(
    const std::vector<int> &quintiles, const std::vector<double> &returns)
{
    std::array<double, kQuintileCount> sums {};
    std::array<int, kQuintileCount> counts {};
    for (size_t i = 0; i < quintiles.size(); ++i) {
        sums[quintiles[i] - 1] += returns[i];
        ++counts[quintiles[i] - 1];
    }
    std::array<std::optional<double>, kQuintileCount> means;
    for (int k = 0; k < kQuintileCount; ++k) {
        if (counts[k] > 0)
            means[k] = sums[k] / counts[k];
    }
    return means;
}

} // namespace Eval
