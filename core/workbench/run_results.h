#pragma once

#include "inference/memory_probe.h"
#include "run/run_identity.h"
#include "run/run_records.h"
#include "workbench/stored_run.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

class Workspace;

// Memory at one instant of the run's timeline: wall-clock seconds since its first stored sample
// (since the session started, for a new run); a resumed session continues the same timeline,
// the time between sessions included.
struct MemoryPoint
{
    double seconds = 0;
    kronos::MemoryReading reading;
};

// A mark on the memory timeline of a live session: a batch starting, or an out-of-memory
// backoff with its message.
struct TimelineMarker
{
    enum class Kind { BatchStart, Backoff };
    Kind kind = Kind::BatchStart;
    double seconds = 0; // at the newest sample when it happened
    int batchIndex = 0; // of a batch start
    QString text; // of a backoff
};

// The results of one run, the one the views show: its scores, its batches and its memory
// timeline. Filled from the batches the session commits and from the stored run the Workspace
// reads, never from two runs: everything carries the run it belongs to, and whatever belongs to
// another run than the one shown is dropped. A score is shown once however it arrives — a batch
// committed before the stored read that also returns it adds nothing.
//
// The views read it (scores(), batches(), memory()) and follow its signals; for the scores
// they are model-like: aboutToReset()/reset() around a switch to another run (and around
// putting a resumed run's earlier sessions in front), scoresAboutToBeAdded()/scoresAdded()
// around new rows.
//
// GUI thread object (it receives the session's queued signals and the Workspace's reads).
class RunResults : public QObject
{
    Q_OBJECT

public:
    explicit RunResults(Workspace &workspace, QObject *parent = nullptr);

    // The run shown; 0 for none.
    qint64 runId() const { return m_runId; }
    // Its spec (as stored with it); meaningful while runId() is not 0.
    const RunSpec &spec() const { return m_spec; }
    // The run shown, as exports name it; unknown (id 0) when none is.
    RunIdentity identity() const { return { m_runId, m_name, m_spec.model }; }
    const QList<ScoreRow> &scores() const { return m_scores; }
    // Every batch of the run shown: the stored ones and those the session going committed.
    const QList<BatchTelemetry> &batches() const { return m_batches; }
    const QList<MemoryPoint> &memory() const { return m_memory; }
    const QList<TimelineMarker> &markers() const { return m_markers; }
    qint64 budgetBytes() const { return m_budgetBytes; }

public Q_SLOTS:
    // Nothing shown: a new run is about to start.
    void clear();
    // Shows stored run `runId` — every score, batch and memory sample it stored — once the
    // Workspace has read it (storedRunShown, or storedRunFailed). A later showRun() or
    // followSession() supersedes a read still going.
    void showRun(qint64 runId);
    // The session started scoring a run (new or resumed). When it is the run shown, everything
    // stays and its timeline continues: the new session's seconds (which start at 0) follow the
    // last memory sample shown. Otherwise the results switch to it and read what earlier
    // sessions stored — scores, batches, memory — which then comes before what the session
    // reported meanwhile (reset() once it is in).
    void followSession(const RunPlanSummary &summary);

    // What the session reports, each with the run it belongs to (ignored for another run).
    void addScores(qint64 runId, const QList<ScoreRow> &rows);
    void addBatch(qint64 runId, const BatchTelemetry &batch);
    void addMemorySample(qint64 runId, double seconds, qint64 processBytes, qint64 deviceAllocated,
        qint64 deviceReserved);
    void markBatchStart(qint64 runId, int batchIndex);
    void markBackoff(qint64 runId, const QString &text);

Q_SIGNALS:
    // Around a switch to another run (or to none), or a resumed run's earlier sessions put in
    // front of what its session reported: everything is replaced, read it again.
    void aboutToReset();
    void reset();
    // A new session of the run shown (a resume): nothing is removed, the timeline continues.
    void sessionContinued();
    void scoresAboutToBeAdded(int count);
    void scoresAdded(int first, int count);
    void batchAdded(const BatchTelemetry &batch);
    void memoryAdded(const MemoryPoint &point);
    void markerAdded(const TimelineMarker &marker);
    // showRun() landed: the run is shown.
    void storedRunShown(const RunRecord &record);
    // showRun() or the scores of a resumed run could not be read.
    void storedRunFailed(const QString &error);

private:
    enum class ReadPurpose { ShowRun, EarlierSessions };

    void read(qint64 runId, ReadPurpose purpose);
    void showStored(const StoredRun &run);
    // Switches to `runId` with nothing of it yet.
    void switchTo(qint64 runId, const QString &name, const RunSpec &spec, qint64 budgetBytes);
    // switchTo() without the signals around it.
    void forget(qint64 runId, const QString &name, const RunSpec &spec, qint64 budgetBytes);
    // The rows of `rows` not shown yet, remembered as shown from now on.
    QList<ScoreRow> unseenScores(const QList<ScoreRow> &rows);
    // Appends the rows not shown yet.
    void appendScores(const QList<ScoreRow> &rows);
    // Puts what `run`'s sessions before the one followed stored in front of what it reported.
    void prependEarlierSessions(const StoredRun &run);

    Workspace &m_workspace;
    QFutureWatcher<StoredRun> m_read; // the newest read replaces an older one still going
    ReadPurpose m_readPurpose = ReadPurpose::ShowRun;
    bool m_readPending = false; // false: the result of the read watched is not wanted any more
    qint64 m_runId = 0;
    QString m_name;
    RunSpec m_spec;
    QList<ScoreRow> m_scores;
    QSet<QString> m_scoreKeys; // "date ticker horizon" of every row shown
    QList<BatchTelemetry> m_batches;
    QList<MemoryPoint> m_memory;
    QList<TimelineMarker> m_markers;
    qint64 m_budgetBytes = 0;
    // Added to the seconds of the session's memory samples: where its timeline continues.
    double m_sessionStartSeconds = 0;
    // Where the session followed begins in the stored run (RunPlanSummary).
    int m_sessionFirstBatch = 0;
    QDateTime m_sessionStartedAt;
    // The instant of 0 s on the memory timeline; invalid while nothing places it.
    QDateTime m_timelineOrigin;
};
