#include "eval/top_quintile_turnover.h"

#include <algorithm>
#include <iterator>

namespace Eval {

std::optional<double> topQuintileTurnover(
    const std::vector<int> &previousTop, const std::vector<int> &currentTop)
{
    if (previousTop.empty() || currentTop.empty())
        return std::nullopt;
    std::vector<int> entered;
    std::set_difference(currentTop.begin(), currentTop.end(), previousTop.begin(),
        previousTop.end(), std::back_inserter(entered));
    return static_cast<double>(entered.size()) / static_cast<double>(currentTop.size());
}

} // namespace Eval
