#pragma once

#include "run/run_control.h"
#include "run/run_records.h"
#include "run/run_spec.h"
#include "workbench/run_state.h"

#include <QObject>
#include <QThread>
#include <memory>

class ScoringWorker;

// The scoring worker on its own QThread, for the session's lifetime, and the one state of what
// it is doing (RunState): a run (starting, going, pausing or paused, cancelling) or a batch-size
// probe — one at a time — and how the last run ended. Every run and probe gets a RunControl of
// its own, so a cancel or a pause never outlives the run it was meant for. The worker's signals
// are forwarded (queued to the session's thread), those of a run's progress with the id of the
// run they belong to (0 during a probe), so nothing of one run is taken for another's.
//
// Thread: the session's (the GUI's). The destructor cancels what is going and waits for the
// thread.
class RunSession : public QObject
{
    Q_OBJECT

public:
    explicit RunSession(const QString &databasePath, QObject *parent = nullptr);
    ~RunSession() override;

    RunState state() const { return m_state; }
    bool isBusy() const { return ::isBusy(m_state); }
    bool isProbing() const { return ::isProbing(m_state); }
    // The run going (or last gone): known from runStarted() on; 0 before and during a probe.
    qint64 runId() const { return m_runId; }
    // Series of that run scored over its life (earlier sessions included), as its batches
    // commit.
    int scoredSeries() const { return m_scoredSeries; }
    // Resume would continue a run: the paused one, or while idle the last cancelled or
    // interrupted one.
    bool canResume() const;
    // The worker, for its set…() seams (fault injection in tests); only while idle.
    ScoringWorker *worker() const { return m_worker.get(); }

public Q_SLOTS:
    void start(const RunSpec &spec);
    // Holds the run after the batch under way: Pausing, then Paused once the worker holds.
    void pause();
    // Continues a paused run, or while idle the last cancelled or interrupted one.
    void resume();
    // While idle: what Resume continues, from the stored runs (newest first) — the newest when
    // it stopped before it was complete, cancelled or interrupted (the application quit or
    // crashed; a failed run is resumed from the run history only, as the same settings would
    // likely fail again). So after a restart Resume continues the last run.
    void offerResume(const QList<RunRecord> &storedRuns);
    // While idle: continues the stored run `runId` where it stopped (the run history's Resume).
    void resumeRun(qint64 runId);
    // Takes effect within one decoding step; the run ends with runFinished (status Cancelled),
    // a probe with probeFinished.
    void cancel();
    // While idle: short trial batches of `sizes` series on one date of `spec`'s plan
    // (ScoringWorker::probeBatchSizes).
    void probe(const RunSpec &spec, const QList<int> &sizes);

Q_SIGNALS:
    void stateChanged(RunState state);
    // canResume() changed without a change of state (offerResume).
    void resumableChanged(bool resumable);

    void runStarted(const RunPlanSummary &summary);
    void skipped(const QList<SkippedSeries> &series);
    void batchStarted(qint64 runId, int index, int count, int size);
    void batchFinished(qint64 runId, const BatchTelemetry &batch);
    void scoresReady(qint64 runId, const QList<ScoreRow> &rows);
    // Seconds since the run's session (or the probe) started; bytes.
    void memorySample(qint64 runId, double seconds, qint64 processBytes, qint64 deviceAllocated,
        qint64 deviceReserved);
    void backoff(qint64 runId, int index, int fromSize, int toSize, const QString &reason);
    void warning(const QString &text);
    void runFinished(const RunSummary &summary);
    void runFailed(const QString &error);
    void probeWarmUpFinished(int size, double seconds, qint64 peakBytes);
    void probeTrialFinished(const ProbeTrial &trial);
    void probeFinished(const QString &error);

private:
    void setState(RunState state);
    // A fresh control for the run or probe about to start.
    std::shared_ptr<RunControl> newControl();

    QThread m_thread;
    // Lives on m_thread; deleted by the destructor once the thread has stopped.
    std::unique_ptr<ScoringWorker> m_worker;
    // The control of the run or probe going (or last gone).
    std::shared_ptr<RunControl> m_control;
    RunState m_state = RunState::Idle;
    qint64 m_runId = 0;
    int m_scoredSeries = 0;
    RunState m_stateBeforeProbe = RunState::Idle; // what the state returns to after a probe
    int m_pauseRequest = 0; // the pause that Paused waits for
    qint64 m_resumableRunId = 0; // the run Resume continues while idle; 0 for none
};
