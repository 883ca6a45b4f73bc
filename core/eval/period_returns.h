#pragma once

#include "eval/price_panel.h"

#include <optional>

namespace Eval {

// Returns between two rows of the global calendar, so "h days" always means h trading rows
// whatever bars a single ticker is missing. Pure functions; thread-safe.

// Forward return r_h(i, t) = P(i, t+h) / P(i, t) - 1. Nothing when either close is missing,
// not positive, or t+h runs past the last row.
std::optional<double> forwardReturn(const PricePanel &panel, int row, int column, int horizon);

// Past return P(i, t) / P(i, t-h) - 1 (the momentum signal). Nothing when either close is
// missing, not positive, or t-h is before the first row.
std::optional<double> pastReturn(const PricePanel &panel, int row, int column, int lookback);

} // namespace Eval
