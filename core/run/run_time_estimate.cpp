#include "run/run_time_estimate.h"

#include "run/run_repository.h"

QString durationText(double seconds)
{
    const qint64 whole = qint64(seconds + 0.5);
    if (whole >= 3600)
        return QStringLiteral("%1 h %2 min").arg(whole / 3600).arg((whole % 3600) / 60);
    if (whole >= 60)
        return QStringLiteral("%1 min %2 s").arg(whole / 60).arg(whole % 60);
    return QStringLiteral("%1 s").arg(whole);
}

QString RunTimeEstimate::text() const
{
    if (!isKnown())
        return QStringLiteral("No estimate of the time yet: no earlier run of this checkpoint, "
                              "device, lookback and horizon (Probe in Memory tuning measures "
                              "the speed).");
    return QStringLiteral("About %1: %2 series at %3 series/s, as %4 of this checkpoint, "
                          "device, lookback and horizon went.")
        .arg(durationText(seconds()))
        .arg(series)
        .arg(seriesPerSecond, 0, 'f', seriesPerSecond < 10 ? 2 : 1)
        .arg(pastRuns == 1 ? QStringLiteral("an earlier run")
                           : QStringLiteral("%1 earlier runs").arg(pastRuns));
}

bool RunTimeEstimator::comparable(const RunSpec &past, const RunSpec &spec)
{
    const ModelSource &a = past.model;
    const ModelSource &b = spec.model;
    const bool sameWeights = a.randomShape.isEmpty()
        ? b.randomShape.isEmpty() && a.modelDir == b.modelDir && a.tokenizerDir == b.tokenizerDir
        : a.randomShape == b.randomShape;
    return sameWeights && past.device == spec.device && past.threads == spec.threads
        && past.lookback == spec.lookback && past.longestHorizon() == spec.longestHorizon()
        && past.sampling.sampleCount == spec.sampling.sampleCount
        && past.maxContext == spec.maxContext;
}

RunTimeEstimate RunTimeEstimator::estimate(
    const RunRepository &runs, const RunSpec &spec, int series)
{
    RunTimeEstimate estimate;
    estimate.series = series;
    qint64 measuredSeries = 0;
    double measuredSeconds = 0;
    for (const RunRecord &run : runs.list()) {
        if (estimate.pastRuns == MaxRuns || !comparable(run.spec, spec))
            continue;
        const QList<BatchTelemetry> batches = runs.batches(run.id);
        if (batches.isEmpty())
            continue;
        for (const BatchTelemetry &batch : batches) {
            measuredSeries += batch.size;
            measuredSeconds += batch.seconds;
        }
        ++estimate.pastRuns;
    }
    if (measuredSeconds > 0)
        estimate.seriesPerSecond = measuredSeries / measuredSeconds;
    return estimate;
}
