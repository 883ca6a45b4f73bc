#pragma once

#include "kronos_engine.h"
#include "run_planner.h"

// What a batch-size probe runs and how its short trials say something about a whole run.
//
// A trial decodes only TrialSteps steps, because a probe must be short; its peak memory is
// close to a whole batch's (the attention caches are allocated for the whole context up front,
// and the context's encoding and prefill, the largest passes, are the same), while its time is
// extrapolated stage by stage to the run's horizon. Stateless.
namespace BatchSizeProbe {

constexpr int TrialSteps = 8;

// The series of one evaluation date of `plan`: the date with the most planned series (the
// latest of equals), so the trials can grow as large as the universe allows.
QList<PlannedSeries> trialSeries(const RunPlan &plan);

// The batch sizes to try: `requested` in ascending order, each capped at `available` series,
// each once.
QList<int> trialSizes(QList<int> requested, int available);

// Seconds a batch would take decoding `horizon` steps, from the stage timings of a trial of
// `steps` steps with `contextLength` bars. Steps whose tokens still fit in `maxContext` cost
// what the trial's cached steps cost; later ones recompute the whole window, which costs about
// what the prefill did. The first step is part of the prefill (it samples from its output).
double estimatedSeconds(
    const kronos::StageTimings &trial, int steps, int contextLength, int horizon, int maxContext);

} // namespace BatchSizeProbe
