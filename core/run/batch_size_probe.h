#pragma once

#include "inference/kronos_engine.h"
#include "run/run_planner.h"

#include <functional>
#include <optional>

// What a batch-size probe runs and how its short trials say something about a whole run.
//
// A trial decodes only TrialSteps steps, because a probe must be short. Its context is longer
// than the run's lookback by the steps it does not decode, so the window the tokenizer finally
// decodes — the pass with the largest attention of a run on the CPU — is as long as the run's:
// its peak memory is a whole batch's (the caches are allocated for the whole context up front
// either way). Its time is extrapolated stage by stage to the run's lookback and horizon.
// Stateless.
namespace BatchSizeProbe {

constexpr int TrialSteps = 8;

// Decode steps of a trial for a run of `horizon` steps.
int trialSteps(int horizon);
// Context bars of a trial for a run of `lookback` bars and `horizon` steps.
int trialContextLength(int lookback, int horizon);

// The `usable` series of one evaluation date of `plan`: the date with the most of them (the
// latest of equals), so the trials can grow as large as the universe allows.
QList<PlannedSeries> trialSeries(
    const RunPlan &plan, const std::function<bool(const PlannedSeries &)> &usable);

// 1, 2, 4, … below `available`, then `available` itself: the sizes a probe tries by default.
QList<int> defaultSizes(int available);

// The batch sizes to try: `requested` in ascending order, each capped at `available` series,
// each once; defaultSizes(available) when nothing is requested.
QList<int> trialSizes(QList<int> requested, int available);

// The trial with the most estimated series per second among those that ran and
// peaked within the share of `budgetBytes` automatic batches use
// (kronos::MicroBatchScheduler::BudgetShare: a whole run's batches see more than one trial);
// nothing when none did.
std::optional<ProbeTrial> fastestWithin(const QList<ProbeTrial> &trials, qint64 budgetBytes);

// Seconds a batch of the run would take, `runContext` bars decoded for `horizon` steps, from
// the stage timings of a trial of `trialSteps` steps on `trialContext` bars. Encoding and
// prefill scale with the context's length (the projections dominate at these lengths); steps
// whose tokens still fit in `maxContext` cost what the trial's cached steps cost, later ones
// recompute the whole window, about what a prefill costs; the first step is part of the
// prefill (it samples from its output). The tokenizer's final decode is as measured: its window
// is the run's.
double estimatedSeconds(const kronos::StageTimings &trial, int trialSteps, int trialContext,
    int horizon, int runContext, int maxContext);

} // namespace BatchSizeProbe
