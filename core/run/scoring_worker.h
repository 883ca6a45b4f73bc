#pragma once

#include "run/memory_sampler.h"
#include "run/run_control.h"
#include "run/run_records.h"
#include "run/run_spec.h"

#include <QObject>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

namespace kronos {
class KronosEngine;
}

// Runs a scoring run: plans it, forecasts its series in micro-batches within the memory budget,
// stores each finished batch in one transaction (scores, predicted close paths, sample paths of
// a sampled run, telemetry), and reports through queued signals. Or probes
// batch sizes: short trial batches of growing size on one date of a run's plan, each measured
// under the same memory watch, nothing stored.
//
// Move it to a QThread (it is never one) and start it with startRun()/resumeRun() through a
// queued call; it opens its own connection to the database file. A memory sampler runs on a
// second thread it owns for the duration of a run.
//
// Each run or probe is given its own RunControl: the caller cancels and pauses through it from
// any thread (cancel between decode steps, effective within one step; pause between batches).
// The context's encoding and prefill, one forward pass each, are interrupted only between their
// transformer blocks. The set...() seams must be called before a run starts.
class ScoringWorker : public QObject
{
    Q_OBJECT
public:
    // Timed memory samples kept per run before the stored ones are halved.
    static constexpr int MaxStoredMemorySamples = 3000;

    explicit ScoringWorker(QString databasePath, QObject *parent = nullptr);
    ~ScoringWorker() override;

    // Uses an engine already loaded (tests, benchmarks) instead of loading the spec's
    // checkpoint; the spec's device, threads and max context are then the engine's business.
    void setEngine(std::shared_ptr<const kronos::KronosEngine> engine);
    // Replaces the system's memory counters (default: MemoryProbe for the spec's device).
    void setMemoryProbe(MemorySampler::Probe probe);
    // Runs before every predictor forward pass; may throw (fault injection: std::bad_alloc is
    // taken for an out-of-memory failure).
    void setBeforeForward(std::function<void()> hook);
    // Replaces the system clock that stamps the run's records and memory samples.
    void setClock(std::shared_ptr<const Clock> clock);

public Q_SLOTS:
    void startRun(const RunSpec &spec, std::shared_ptr<RunControl> control);
    void resumeRun(qint64 runId, std::shared_ptr<RunControl> control);
    // Runs one trial batch per size (see BatchSizeProbe; none given: 1, 2, 4, … up to the
    // series there are) on the series of one date of `spec`'s
    // plan, within `spec`'s memory budget, reporting each with probeTrialFinished; stops after
    // a trial that fails or uses every series, and ends with probeFinished.
    void probeBatchSizes(
        const RunSpec &spec, const QList<int> &sizes, std::shared_ptr<RunControl> control);

Q_SIGNALS:
    void runStarted(const RunPlanSummary &summary);
    // Right after runStarted: every (ticker, date) the plan cannot score, with its reason.
    void skipped(const QList<SkippedSeries> &series);
    // `index` counts over the run's life (a resume continues it); `count` is the number of
    // batches the run needs at the current size.
    void batchStarted(int index, int count, int size);
    void batchFinished(int index, double seconds, qint64 peakBytes, int series);
    // The run holds between batches for pause request `request` (RunControl::pause()) — every
    // batch started before has finished — until it is resumed or cancelled.
    void pausedBetweenBatches(int request);
    void scoresReady(const QList<ScoreRow> &rows);
    // Seconds since this session started; bytes. From the sampler's thread, at 10 Hz.
    void memorySample(
        double seconds, qint64 processBytes, qint64 deviceAllocated, qint64 deviceReserved);
    // After each batch: the fitted memory model (the GUI's memory-tuning view).
    void memoryModelChanged(const kronos::MemoryModelFit &fit);
    // Batch `index` of `fromSize` series ran out of memory (or over the budget, `reason`); it is
    // retried with `toSize`. Also announced as a warning.
    void backoff(int index, int fromSize, int toSize, const QString &reason);
    void warning(const QString &text);
    // Also for a cancelled run (status Cancelled; it can be resumed).
    void runFinished(const RunSummary &summary);
    void runFailed(const QString &error);
    // The probe's warm-up batch of `size` series, run before the trials and left out of them.
    void probeWarmUpFinished(int size, double seconds, qint64 peakBytes);
    void probeTrialFinished(const ProbeTrial &trial);
    // The probe ended: every size tried, a trial failed, or cancelled (then `error` is empty).
    void probeFinished(const QString &error);

private:
    struct Session;
    struct BatchOutcome;
    void execute(const RunSpec *newSpec, qint64 resumeId, std::shared_ptr<RunControl> control);
    void scoreBatches(Session &session);
    // One trial per size on `context` bars of the first `size` of `series`.
    void runTrials(
        Session &session, const QList<PlannedSeries> &series, int context, const QList<int> &sizes);
    // Loads (or takes) the engine and arms the memory watch for the session's spec: its budget
    // and how a reading counts against it. Returns the memory counters to sample.
    MemorySampler::Probe prepareEngineAndMemoryWatch(Session &session);
    // Runs `work` while the memory sampler samples on its own thread (memorySample); the timed
    // samples of a run (session.runId set) are kept for storing with its batches.
    void sampleMemoryDuring(
        Session &session, const MemorySampler::Probe &probe, const std::function<void()> &work);
    // One forecast under the memory watch; out-of-memory failures are returned, others thrown.
    BatchOutcome forecastWatched(
        Session &session, const std::vector<kronos::SeriesInput> &inputs, int predLen);
    void observeReading(RunControl &control, const kronos::MemoryReading &reading);
    void recordTimedSample(const QDateTime &time, const kronos::MemoryReading &reading);
    QList<MemorySample> takePendingSamples();
    // Holds while the run is paused (and not cancelled), announcing it once. Returns the seconds
    // it held.
    double waitWhilePaused(const RunControl &control);
    const Clock &clock() const;

    QString m_databasePath;
    std::shared_ptr<const kronos::KronosEngine> m_engine;
    MemorySampler::Probe m_probeOverride;
    std::function<void()> m_beforeForward;
    std::shared_ptr<const Clock> m_clock; // null: the system's

    std::atomic<bool> m_inBatch { false };
    std::atomic<qint64> m_batchPeak { 0 };
    std::atomic<qint64> m_budgetBytes { 0 };
    // The session's device counters; set before the sampler starts, then only read (also from
    // the sampler's thread).
    kronos::MemoryProbe m_memoryProbe { QStringLiteral("cpu") };

    std::mutex m_samplesMutex; // guards the three below (sampler thread vs worker thread)
    QList<MemorySample> m_pendingSamples;
    qint64 m_sampleCounter = 0;
    qint64 m_sampleStride = 1;
};
