#include "batch_size_probe.h"

#include <algorithm>

namespace BatchSizeProbe {

namespace {

// Decode steps after the first that must recompute the window: the first step samples from
// the prefill's output, step k sees contextLength + k tokens.
int recomputedSteps(int steps, int contextLength, int maxContext)
{
    const int cachedAfterFirst = std::clamp(maxContext - contextLength, 0, std::max(0, steps - 1));
    return std::max(0, steps - 1 - cachedAfterFirst);
}

} // namespace

QList<PlannedSeries> trialSeries(const RunPlan &plan)
{
    QMap<QDateTime, QList<PlannedSeries>> byDate;
    for (const PlannedSeries &series : plan.series)
        byDate[series.date].append(series);
    QList<PlannedSeries> chosen;
    for (const QList<PlannedSeries> &series : std::as_const(byDate)) {
        if (series.size() >= chosen.size())
            chosen = series;
    }
    return chosen;
}

QList<int> trialSizes(QList<int> requested, int available)
{
    std::sort(requested.begin(), requested.end());
    QList<int> sizes;
    for (int size : std::as_const(requested)) {
        const int capped = std::min(size, available);
        if (capped >= 1 && (sizes.isEmpty() || sizes.last() < capped))
            sizes.append(capped);
    }
    return sizes;
}

double estimatedSeconds(
    const kronos::StageTimings &trial, int steps, int contextLength, int horizon, int maxContext)
{
    // The first step only samples from the prefill's output; every later one runs the
    // predictor, through the caches or over the whole window.
    const int trialRecomputed = recomputedSteps(steps, contextLength, maxContext);
    const int runRecomputed = recomputedSteps(horizon, contextLength, maxContext);
    const double perCachedStep = std::max(0.0, trial.decodeSteps - trialRecomputed * trial.prefill)
        / std::max(1, steps - 1 - trialRecomputed);
    return trial.normalize + trial.encode + trial.prefill + trial.tokenizerDecode
        + perCachedStep * (horizon - 1 - runRecomputed) + trial.prefill * runRecomputed;
}

} // namespace BatchSizeProbe
