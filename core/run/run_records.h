#pragma once

// The plain records a scoring run produces and stores. Qt value types only, so they cross
// threads in queued signals and reach the GUI without libtorch.

#include "inference/batch_memory_model.h"
#include "run/run_spec.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <optional>
#include <vector>

// A bar's timestamp as people write it: the date alone for a daily bar (midnight), the ISO date
// and time for an intraday one.
inline QString barTimeText(const QDateTime &time)
{
    return time.time() == QTime(0, 0) ? time.date().toString(Qt::ISODate)
                                      : time.toString(Qt::ISODate);
}

// One series to forecast: a ticker's context ending on an evaluation date.
struct PlannedSeries
{
    QDateTime date; // the evaluation date (a bar of the ticker), as stored in Bar::timestamp
    QString ticker;
    double lastClose = 0; // the close on `date`, the base of every score
};

// A (ticker, date) the plan cannot score, with the reason shown to the user.
struct SkippedSeries
{
    QDateTime date;
    QString ticker;
    QString reason; // "only 17 bars up to 2017-12-29; the lookback needs 252"
};

// Score of (ticker, date, horizon) = (predicted close at step h - last close) / last close.
struct ScoreRow
{
    QDateTime date;
    QString ticker;
    int horizon = 0;
    double lastClose = 0;
    double predictedClose = 0; // of the forecast (the samples' mean path)
    double score = 0;
    // Percentiles of the sampled closes at step h; only with sample_count > 1.
    std::optional<double> p10;
    std::optional<double> p50;
    std::optional<double> p90;
};

// The predicted close paths of one (ticker, date), step 1..steps after the date: the forecast
// (the samples' mean path, upstream's output) and, for a sampled run, every sample's path. Kept
// as float32 (the engine's precision) so any horizon up to the longest can be evaluated later.
struct SeriesPaths
{
    QDateTime date;
    QString ticker;
    double lastClose = 0;
    int steps = 0;
    std::vector<float> mean; // steps closes
    int sampleCount = 0; // 0 when the run did not sample (one path: the mean)
    std::vector<float> samples; // sampleCount * steps closes, sample-major: [s * steps + k - 1]
};

// One finished micro-batch.
struct BatchTelemetry
{
    int index = 0; // 0-based, counted over the run's whole life (resumes continue it)
    int size = 0; // series in the batch
    double seconds = 0; // wall time of the forecast
    qint64 peakBytes = 0; // highest budgeted memory seen during it (process memory on the CPU)
};

// One short trial batch of a batch-size probe: peak memory and speed of `size` series decoded
// for `steps` steps, and the time a whole batch at the run's longest horizon would take.
struct ProbeTrial
{
    int size = 0;
    int steps = 0; // decode steps the trial ran
    int horizon = 0; // the run's longest horizon, which `estimatedSeconds` is for
    double seconds = 0; // wall time of the trial
    double estimatedSeconds = 0; // of a batch of `size` series decoded for `horizon` steps
    qint64 peakBytes = 0; // highest budgeted memory seen during it
    QString failure; // why the trial stopped: out of memory or over the budget; empty if it ran

    bool failed() const { return !failure.isEmpty(); }
    double estimatedSeriesPerSecond() const
    {
        return estimatedSeconds > 0 ? size / estimatedSeconds : 0.0;
    }
};

// Memory at one instant of a run, in bytes; `time` in UTC.
struct MemorySample
{
    QDateTime time;
    qint64 processBytes = 0;
    qint64 deviceAllocated = 0;
    qint64 deviceReserved = 0;
};

// Sent when a run (new or resumed) starts scoring.
struct RunPlanSummary
{
    qint64 runId = 0;
    QString name;
    RunSpec spec; // as stored with the run
    int dates = 0;
    int tickers = 0;
    int planned = 0; // (ticker, date) pairs = scored + skipped, always
    int skipped = 0;
    int alreadyScored = 0; // by an earlier session of a resumed run
    int toScore = 0; // by this session
    qint64 budgetBytes = 0;
    int batchSize = 0; // 0 = automatic
    // Where this session begins in what the run stores, so that a view can tell earlier
    // sessions' records from this one's: its first batch index (earlier batches have lower
    // ones) and the time before its first memory sample (on the worker's clock).
    int firstBatchIndex = 0;
    QDateTime startedAt;
    // A resumed run: its earlier sessions stored what it has so far — scores and batches, or
    // only memory samples when they were cancelled inside their first batch.
    bool continuesStoredRun = false;
};

enum class RunStatus { Running, Cancelled, Failed, Finished };

// "running", "cancelled", "failed", "finished": as stored and as shown.
QString runStatusName(RunStatus status);

// A run as listed and opened.
struct RunRecord
{
    qint64 id = 0;
    QString name;
    RunSpec spec;
    RunStatus status = RunStatus::Running; // a run still `Running` with no worker was interrupted
    QString error; // why it failed
    int planned = 0;
    int scored = 0; // series (ticker, date) with scores
    int skipped = 0;
    QDateTime created;
    QDateTime updated;
};

// How two runs' scores agree on the (date, ticker, horizon) rows they share.
struct RunComparison
{
    int commonRows = 0;
    int onlyInFirst = 0;
    int onlyInSecond = 0;
    double maxAbsScoreDifference = 0;
    double meanAbsScoreDifference = 0;
};

struct RunSummary
{
    qint64 runId = 0;
    RunStatus status = RunStatus::Running;
    int planned = 0;
    int scored = 0; // series scored over the run's whole life
    int scoredNow = 0; // by this session
    int skipped = 0;
    int batches = 0; // this session's batches
    int backoffs = 0; // this session's out-of-memory retries
    double seconds = 0; // this session's wall time, engine loading excluded
    double pausedSeconds = 0; // of `seconds`, held paused between batches
    double seriesPerSecond = 0; // over working time: seconds - pausedSeconds
    qint64 peakBytes = 0; // highest budgeted memory seen in this session
    kronos::MemoryModelFit memoryModel;
};

Q_DECLARE_METATYPE(ScoreRow)
Q_DECLARE_METATYPE(SeriesPaths)
Q_DECLARE_METATYPE(SkippedSeries)
Q_DECLARE_METATYPE(QList<SkippedSeries>)
Q_DECLARE_METATYPE(ProbeTrial)
Q_DECLARE_METATYPE(QList<ScoreRow>)
Q_DECLARE_METATYPE(RunPlanSummary)
Q_DECLARE_METATYPE(RunSummary)
Q_DECLARE_METATYPE(kronos::MemoryModelFit)
