#pragma once

#include "signal_scores.h"

#include <optional>
#include <vector>

namespace Eval {

// Per-date Spearman correlation between two signals over the names both score:
// rho(t) = spearmanCorrelation(a(i, t), b(i, t)) for i scored by both at t. Nothing for a date
// with fewer than kMinimumNamesPerDate common names or zero variance on either side. `b` must
// hold the same dates as `a` in the same order (as the baselines built from `a` do).
// This is the "not momentum in disguise" check: its mean should stay below 0.5 in magnitude.
// Pure; thread-safe.
std::vector<std::optional<double>> perDateSpearman(const SignalScores &a, const SignalScores &b);

} // namespace Eval
