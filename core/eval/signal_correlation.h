#pragma once

#include "eval/signal_scores.h"

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

// Rank autocorrelation: per date k >= 1, Spearman between the signal's scores at dates k-1 and k
// over the names scored at both (at least kMinimumNamesPerDate, non-zero variances); one value
// per date, the first always empty. High values mean a stable ranking (low turnover).
// Pure; thread-safe.
std::vector<std::optional<double>> rankAutocorrelation(const SignalScores &signal);

} // namespace Eval
