#pragma once

#include "eval/evaluation.h"

#include <QString>

namespace Eval {

// The plain-text summary `kronos-cli evaluate` prints: per horizon, one table with the model and
// its baselines side by side (IC and RankIC mean, IR, t and hit rate; the RankIC's Newey-West t;
// sector-neutral RankIC; mean Q5-Q1 spread; mean top-quintile turnover; dates without IC; the
// costed book's mean net return and Sharpe), the model's correlation with momentum, its
// accuracy against persistence and the calibration of its sampled bands, its gates (pass, fail
// or n/a, with the figures against the thresholds, or what is undefined), a warning when
// consecutive dates are closer than the horizon (forward returns overlap, so plain
// t-statistics are optimistic), and the score rows that could not be placed on the prices.
// Ends with the factor gate's verdict over all horizons. Values have 4 decimals; "n/a" marks an
// undefined one. Pure; thread-safe.
QString formatEvaluationSummary(const EvaluationReport &report);

} // namespace Eval
