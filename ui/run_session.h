#pragma once

#include "run_records.h"
#include "run_spec.h"

#include <QObject>
#include <QThread>
#include <memory>

class ScoringWorker;

// The scoring worker on its own QThread, for the window's lifetime, and what the GUI must know
// about what it is doing: a run (going or paused, and which run Resume continues) or a
// batch-size probe — one at a time. The worker's signals are forwarded unchanged (queued to
// the GUI thread).
//
// GUI thread object. The destructor cancels a running run and waits for the thread.
class RunSession : public QObject
{
    Q_OBJECT

public:
    explicit RunSession(const QString &databasePath, QObject *parent = nullptr);
    ~RunSession() override;

    // A run or a probe is going.
    bool isBusy() const { return m_busy; }
    bool isProbing() const { return m_probing; }
    bool isPaused() const { return m_paused; }
    // The worker, for its set…() seams (fault injection in tests); only while idle.
    ScoringWorker *worker() const { return m_worker.get(); }

    void start(const RunSpec &spec);
    void pause();
    // Continues a paused run, or while idle the resumable one.
    void resume();
    // While idle: continues the stored run `runId` where it stopped (the run history's Resume).
    void resumeRun(qint64 runId);
    // Takes effect within one decoding step; the run ends with runFinished (status Cancelled),
    // a probe with probeFinished.
    void cancel();
    // While idle: short trial batches of `sizes` series on one date of `spec`'s plan
    // (ScoringWorker::probeBatchSizes).
    void probe(const RunSpec &spec, const QList<int> &sizes);

Q_SIGNALS:
    void busyChanged(bool busy);
    void pausedChanged(bool paused);
    void resumableChanged(bool resumable);

    void runStarted(const RunPlanSummary &summary);
    void skipped(const QList<SkippedSeries> &series);
    void batchStarted(int index, int count, int size);
    void batchFinished(int index, double seconds, qint64 peakBytes, int series);
    void scoresReady(const QList<ScoreRow> &rows);
    void memorySample(
        double seconds, qint64 processBytes, qint64 deviceAllocated, qint64 deviceReserved);
    void backoff(int index, int fromSize, int toSize, const QString &reason);
    void warning(const QString &text);
    void runFinished(const RunSummary &summary);
    void runFailed(const QString &error);
    void probeTrialFinished(const ProbeTrial &trial);
    void probeFinished(const QString &error);

private:
    void setBusy(bool busy);
    void setPaused(bool paused);
    void setResumable(qint64 runId);

    QThread m_thread;
    // Lives on m_thread; deleted by the destructor once the thread has stopped.
    std::unique_ptr<ScoringWorker> m_worker;
    // Cancel asked before the worker began the run: the worker clears its flag when a run
    // starts, so the request is repeated on runStarted.
    bool m_cancelRequested = false;
    bool m_busy = false;
    bool m_probing = false;
    bool m_paused = false;
    qint64 m_resumableRunId = 0; // the run Resume continues while idle; 0 for none
};
