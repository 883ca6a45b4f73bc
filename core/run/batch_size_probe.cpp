#include "run/batch_size_probe.h"

#include "inference/micro_batch_scheduler.h"

#include <algorithm>

namespace BatchSizeProbe {

namespace {

// Decode steps after the first that must recompute the window: step k sees
// contextLength + k tokens.
int recomputedSteps(int steps, int contextLength, int maxContext)
{
    const int cachedAfterFirst = std::clamp(maxContext - contextLength, 0, std::max(0, steps - 1));
    return std::max(0, steps - 1 - cachedAfterFirst);
}

} // namespace

int trialSteps(int horizon)
{
    return std::min(horizon, TrialSteps);
}

int trialContextLength(int lookback, int horizon)
{
    return lookback + horizon - trialSteps(horizon);
}

QList<PlannedSeries> trialSeries(
    const RunPlan &plan, const std::function<bool(const PlannedSeries &)> &usable)
{
    QMap<QDateTime, QList<PlannedSeries>> byDate;
    for (const PlannedSeries &series : plan.series) {
        if (usable(series))
            byDate[series.date].append(series);
    }
    QList<PlannedSeries> chosen;
    for (const QList<PlannedSeries> &series : std::as_const(byDate)) {
        if (series.size() >= chosen.size())
            chosen = series;
    }
    return chosen;
}

QList<int> defaultSizes(int available)
{
    QList<int> sizes;
    for (int size = 1; size < available; size *= 2)
        sizes.append(size);
    if (available >= 1)
        sizes.append(available);
    return sizes;
}

QList<int> trialSizes(QList<int> requested, int available)
{
    if (requested.isEmpty())
        return defaultSizes(available);
    std::sort(requested.begin(), requested.end());
    QList<int> sizes;
    for (int size : std::as_const(requested)) {
        const int capped = std::min(size, available);
        if (capped >= 1 && (sizes.isEmpty() || sizes.last() < capped))
            sizes.append(capped);
    }
    return sizes;
}

std::optional<ProbeTrial> fastestWithin(const QList<ProbeTrial> &trials, qint64 budgetBytes)
{
    const double usable = kronos::MicroBatchScheduler::BudgetShare * double(budgetBytes);
    const ProbeTrial *best = nullptr;
    for (const ProbeTrial &trial : trials) {
        if (!trial.failed() && trial.peakBytes <= usable
            && (!best || trial.estimatedSeriesPerSecond() > best->estimatedSeriesPerSecond()))
            best = &trial;
    }
    return best ? std::optional<ProbeTrial>(*best) : std::nullopt;
}

double estimatedSeconds(const kronos::StageTimings &trial, int trialSteps, int trialContext,
    int horizon, int runContext, int maxContext)
{
    const double contextScale = double(std::min(runContext, maxContext))
        / double(std::max(1, std::min(trialContext, maxContext)));
    const int trialRecomputed = recomputedSteps(trialSteps, trialContext, maxContext);
    const int runRecomputed = recomputedSteps(horizon, runContext, maxContext);
    // A recomputed step runs the predictor over a window of max context tokens.
    const double perRecomputedStep
        = trial.prefill * maxContext / double(std::max(1, std::min(trialContext, maxContext)));
    const double perCachedStep
        = std::max(0.0, trial.decodeSteps - trialRecomputed * perRecomputedStep)
        / std::max(1, trialSteps - 1 - trialRecomputed);
    return trial.normalize + (trial.encode + trial.prefill) * contextScale + trial.tokenizerDecode
        + perCachedStep * (horizon - 1 - runRecomputed) + perRecomputedStep * runRecomputed;
}

} // namespace BatchSizeProbe
