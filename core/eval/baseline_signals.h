#pragma once

#include "eval/price_panel.h"
#include "eval/signal_scores.h"

namespace Eval {

// Baselines a model must beat, scored on the model's own dates and names so the comparison is
// like for like. A name without the needed past close is left out of that date's baseline.
// Pure functions; thread-safe.

// Length of the one-month reversal window, in trading rows.
constexpr int kReversalLookback = 21;

// Momentum: score(i, t) = P(i, t) / P(i, t - lookback) - 1 (lookback = the horizon evaluated).
SignalScores momentumSignal(const PricePanel &panel, const SignalScores &model, int lookback);

// One-month reversal: score(i, t) = -(P(i, t) / P(i, t - lookback) - 1), lookback 21 by default.
SignalScores reversalSignal(
    const PricePanel &panel, const SignalScores &model, int lookback = kReversalLookback);

} // namespace Eval
