#pragma once

#include <optional>
#include <vector>

namespace Eval {

// turnover(t) = #{i in Q5(t) : i not in Q5(t_prev)} / #Q5(t): the share of today's top quintile
// that was not in the top quintile at the previous evaluation date. Members are panel columns,
// each list sorted ascending. Nothing when either quintile is empty (a first date, a date with
// too few names, or a date where every score tied), since there is nothing to compare.
std::optional<double> topQuintileTurnover(
    const std::vector<int> &previousTop, const std::vector<int> &currentTop);

} // namespace Eval
