#include "workbench/run_results.h"

#include "workbench/workspace.h"

namespace {

QString scoreKey(const ScoreRow &row)
{
    return QStringLiteral("%1 %2 %3")
        .arg(row.date.toSecsSinceEpoch())
        .arg(row.ticker)
        .arg(row.horizon);
}

// `samples` on a timeline of seconds since the first of them.
QList<MemoryPoint> memoryTimeline(const QList<MemorySample> &samples)
{
    QList<MemoryPoint> points;
    for (const MemorySample &sample : samples)
        points.append(MemoryPoint { samples.first().time.msecsTo(sample.time) / 1000.0,
            { sample.processBytes, sample.deviceAllocated, sample.deviceReserved } });
    return points;
}

} // namespace

RunResults::RunResults(Workspace &workspace, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
{
    connect(&m_read, &QFutureWatcher<StoredRun>::finished, this, [this] {
        if (!m_readPending)
            return; // dropped: the results moved on to another run meanwhile
        m_readPending = false;
        const StoredRun run = m_read.result();
        if (!run.error.isEmpty()) {
            Q_EMIT storedRunFailed(run.error);
            return;
        }
        if (m_readPurpose == ReadPurpose::ShowRun)
            showStored(run);
        else if (run.record.id == m_runId)
            prependEarlierSessions(run);
    });
}

void RunResults::clear()
{
    m_readPending = false;
    switchTo(0, QString(), RunSpec(), 0);
}

void RunResults::showRun(qint64 runId)
{
    read(runId, ReadPurpose::ShowRun);
}

void RunResults::followSession(const RunPlanSummary &summary)
{
    // A showRun() still going must not replace the run followed (a read of this run's stored
    // scores still going is still wanted).
    if (m_readPurpose == ReadPurpose::ShowRun)
        m_readPending = false;
    if (summary.runId == m_runId) {
        // The timeline is wall-clock time since its origin, the pause between sessions included.
        if (m_timelineOrigin.isValid() && summary.startedAt.isValid())
            m_sessionStartSeconds = m_timelineOrigin.msecsTo(summary.startedAt) / 1000.0;
        else
            m_sessionStartSeconds = m_memory.isEmpty() ? 0.0 : m_memory.last().seconds;
        m_budgetBytes = summary.budgetBytes;
        Q_EMIT sessionContinued();
        return;
    }
    m_readPending = false;
    switchTo(summary.runId, summary.name, summary.spec, summary.budgetBytes);
    m_sessionFirstBatch = summary.firstBatchIndex;
    m_sessionStartedAt = summary.startedAt;
    m_timelineOrigin = summary.startedAt;
    if (summary.continuesStoredRun)
        read(summary.runId, ReadPurpose::EarlierSessions);
}

void RunResults::read(qint64 runId, ReadPurpose purpose)
{
    m_readPurpose = purpose;
    m_readPending = true;
    m_read.setFuture(m_workspace.readRun(runId));
}

void RunResults::showStored(const StoredRun &run)
{
    // Filled whole, then announced once: a long run has thousands of batches and samples.
    Q_EMIT aboutToReset();
    forget(run.record.id, run.record.name, run.record.spec, run.budgetBytes);
    m_scores = unseenScores(run.scores);
    m_batches = run.batches;
    m_timelineOrigin = run.memorySamples.isEmpty() ? QDateTime() : run.memorySamples.first().time;
    m_memory = memoryTimeline(run.memorySamples);
    Q_EMIT reset();
    Q_EMIT storedRunShown(run.record);
}

void RunResults::prependEarlierSessions(const StoredRun &run)
{
    Q_EMIT aboutToReset();
    // A batch committed before the read ran is in both; the session's report of it counts.
    m_scores = unseenScores(run.scores) + m_scores;

    QList<BatchTelemetry> batches;
    for (const BatchTelemetry &batch : run.batches)
        if (batch.index < m_sessionFirstBatch)
            batches.append(batch);
    m_batches = batches + m_batches;

    // The whole run on one wall-clock timeline, as showStored() draws it: from the earlier
    // sessions' first sample, which this session's seconds are moved to count from.
    QList<MemorySample> earlier;
    for (const MemorySample &sample : run.memorySamples)
        if (!m_sessionStartedAt.isValid() || sample.time < m_sessionStartedAt)
            earlier.append(sample);
    const QList<MemoryPoint> memory = memoryTimeline(earlier);
    double shift = 0.0;
    if (!memory.isEmpty()) {
        m_timelineOrigin = earlier.first().time;
        shift = m_sessionStartedAt.isValid() ? m_timelineOrigin.msecsTo(m_sessionStartedAt) / 1000.0
                                             : memory.last().seconds;
    }
    for (MemoryPoint &point : m_memory)
        point.seconds += shift;
    for (TimelineMarker &marker : m_markers)
        marker.seconds += shift;
    m_memory = memory + m_memory;
    m_sessionStartSeconds += shift;
    Q_EMIT reset();
}

void RunResults::switchTo(
    qint64 runId, const QString &name, const RunSpec &spec, qint64 budgetBytes)
{
    Q_EMIT aboutToReset();
    forget(runId, name, spec, budgetBytes);
    Q_EMIT reset();
}

void RunResults::forget(qint64 runId, const QString &name, const RunSpec &spec, qint64 budgetBytes)
{
    m_runId = runId;
    m_name = name;
    m_spec = spec;
    m_scores.clear();
    m_scoreKeys.clear();
    m_batches.clear();
    m_memory.clear();
    m_markers.clear();
    m_budgetBytes = budgetBytes;
    m_sessionStartSeconds = 0;
    m_timelineOrigin = QDateTime();
}

QList<ScoreRow> RunResults::unseenScores(const QList<ScoreRow> &rows)
{
    QList<ScoreRow> unseen;
    for (const ScoreRow &row : rows) {
        const QString key = scoreKey(row);
        if (!m_scoreKeys.contains(key)) {
            m_scoreKeys.insert(key);
            unseen.append(row);
        }
    }
    return unseen;
}

void RunResults::appendScores(const QList<ScoreRow> &rows)
{
    const QList<ScoreRow> added = unseenScores(rows);
    if (added.isEmpty())
        return;
    const int first = int(m_scores.size());
    Q_EMIT scoresAboutToBeAdded(int(added.size()));
    m_scores += added;
    Q_EMIT scoresAdded(first, int(added.size()));
}

void RunResults::addScores(qint64 runId, const QList<ScoreRow> &rows)
{
    if (runId != 0 && runId == m_runId)
        appendScores(rows);
}

void RunResults::addBatch(qint64 runId, const BatchTelemetry &batch)
{
    if (runId == 0 || runId != m_runId)
        return;
    m_batches.append(batch);
    Q_EMIT batchAdded(batch);
}

void RunResults::addMemorySample(qint64 runId, double seconds, qint64 processBytes,
    qint64 deviceAllocated, qint64 deviceReserved)
{
    if (runId == 0 || runId != m_runId)
        return;
    const MemoryPoint point { m_sessionStartSeconds + seconds,
        { processBytes, deviceAllocated, deviceReserved } };
    m_memory.append(point);
    Q_EMIT memoryAdded(point);
}

void RunResults::markBatchStart(qint64 runId, int batchIndex)
{
    if (runId == 0 || runId != m_runId)
        return;
    const TimelineMarker marker { TimelineMarker::Kind::BatchStart,
        m_memory.isEmpty() ? 0.0 : m_memory.last().seconds, batchIndex, QString() };
    m_markers.append(marker);
    Q_EMIT markerAdded(marker);
}

void RunResults::markBackoff(qint64 runId, const QString &text)
{
    if (runId == 0 || runId != m_runId)
        return;
    const TimelineMarker marker { TimelineMarker::Kind::Backoff,
        m_memory.isEmpty() ? 0.0 : m_memory.last().seconds, 0, text };
    m_markers.append(marker);
    Q_EMIT markerAdded(marker);
}
