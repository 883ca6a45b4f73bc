#include "eval/period_returns.h"

#include <cmath>

namespace Eval {

namespace {

// P(later) / P(earlier) - 1; a non-positive or missing close makes the ratio meaningless.
std::optional<double> simpleReturn(double earlierClose, double laterClose)
{
    if (!(earlierClose > 0.0) || !(laterClose > 0.0))
        return std::nullopt;
    return laterClose / earlierClose - 1.0;
}

} // namespace

std::optional<double> forwardReturn(const PricePanel &panel, int row, int column, int horizon)
{
    const int laterRow = row + horizon;
    if (row < 0 || laterRow >= panel.rowCount())
        return std::nullopt;
    return simpleReturn(panel.close(row, column), panel.close(laterRow, column));
}

std::optional<double> pastReturn(const PricePanel &panel, int row, int column, int lookback)
{
    const int earlierRow = row - lookback;
    if (earlierRow < 0 || row >= panel.rowCount())
        return std::nullopt;
    return simpleReturn(panel.close(earlierRow, column), panel.close(row, column));
}

} // namespace Eval
