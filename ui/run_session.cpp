#include "run_session.h"

#include "scoring_worker.h"

RunSession::RunSession(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_worker(std::make_unique<ScoringWorker>(databasePath))
{
    m_thread.setObjectName(QStringLiteral("scoringThread"));
    m_worker->moveToThread(&m_thread);

    connect(
        m_worker.get(), &ScoringWorker::runStarted, this, [this](const RunPlanSummary &summary) {
            if (m_cancelRequested)
                m_worker->cancel();
            Q_EMIT runStarted(summary);
        });
    connect(m_worker.get(), &ScoringWorker::skipped, this, &RunSession::skipped);
    connect(m_worker.get(), &ScoringWorker::batchStarted, this, &RunSession::batchStarted);
    connect(m_worker.get(), &ScoringWorker::batchFinished, this, &RunSession::batchFinished);
    connect(m_worker.get(), &ScoringWorker::scoresReady, this, &RunSession::scoresReady);
    connect(m_worker.get(), &ScoringWorker::memorySample, this, &RunSession::memorySample);
    connect(m_worker.get(), &ScoringWorker::backoff, this, &RunSession::backoff);
    connect(m_worker.get(), &ScoringWorker::warning, this, &RunSession::warning);
    connect(
        m_worker.get(), &ScoringWorker::probeTrialFinished, this, [this](const ProbeTrial &trial) {
            // A stop that came before the probe began was cleared as it began.
            if (m_cancelRequested)
                m_worker->cancel();
            Q_EMIT probeTrialFinished(trial);
        });
    connect(m_worker.get(), &ScoringWorker::probeFinished, this, [this](const QString &error) {
        m_probing = false;
        setBusy(false);
        Q_EMIT probeFinished(error);
    });
    connect(m_worker.get(), &ScoringWorker::runFinished, this, [this](const RunSummary &summary) {
        setPaused(false);
        setResumable(summary.status == RunStatus::Cancelled ? summary.runId : 0);
        setBusy(false);
        Q_EMIT runFinished(summary);
    });
    connect(m_worker.get(), &ScoringWorker::runFailed, this, [this](const QString &error) {
        setPaused(false);
        // A failed run may be resumed from the run history, not by this button: the same
        // settings would likely fail the same way.
        setResumable(0);
        setBusy(false);
        Q_EMIT runFailed(error);
    });
    m_thread.start();
}

RunSession::~RunSession()
{
    m_thread.quit();
    // Repeated: a run that had not begun when the first cancel came clears the flag as it starts.
    do
        m_worker->cancel();
    while (!m_thread.wait(100));
}

void RunSession::start(const RunSpec &spec)
{
    if (m_busy)
        return;
    m_cancelRequested = false;
    setBusy(true);
    QMetaObject::invokeMethod(
        m_worker.get(), [worker = m_worker.get(), spec] { worker->startRun(spec); },
        Qt::QueuedConnection);
}

void RunSession::pause()
{
    if (!m_busy || m_paused)
        return;
    m_worker->pause();
    setPaused(true);
}

void RunSession::resume()
{
    if (m_paused) {
        m_worker->resume();
        setPaused(false);
        return;
    }
    resumeRun(m_resumableRunId);
}

void RunSession::resumeRun(qint64 runId)
{
    if (m_busy || runId == 0)
        return;
    setResumable(0);
    m_cancelRequested = false;
    setBusy(true);
    QMetaObject::invokeMethod(
        m_worker.get(), [worker = m_worker.get(), runId] { worker->resumeRun(runId); },
        Qt::QueuedConnection);
}

void RunSession::cancel()
{
    if (!m_busy)
        return;
    m_cancelRequested = true;
    m_worker->cancel();
    // The worker keeps its pause flag across runs; a cancelled pause must not pause the next.
    if (m_paused) {
        m_worker->resume();
        setPaused(false);
    }
}

void RunSession::probe(const RunSpec &spec, const QList<int> &sizes)
{
    if (m_busy)
        return;
    m_cancelRequested = false;
    m_probing = true;
    setBusy(true);
    QMetaObject::invokeMethod(
        m_worker.get(),
        [worker = m_worker.get(), spec, sizes] { worker->probeBatchSizes(spec, sizes); },
        Qt::QueuedConnection);
}

void RunSession::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

void RunSession::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    Q_EMIT pausedChanged(paused);
}

void RunSession::setResumable(qint64 runId)
{
    m_resumableRunId = runId;
    Q_EMIT resumableChanged(runId != 0);
}
