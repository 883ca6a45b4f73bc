#include "workbench/run_session.h"

#include "run/scoring_worker.h"

RunSession::RunSession(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_worker(std::make_unique<ScoringWorker>(databasePath))
{
    qRegisterMetaType<RunState>();
    m_thread.setObjectName(QStringLiteral("scoringThread"));
    m_worker->moveToThread(&m_thread);

    connect(
        m_worker.get(), &ScoringWorker::runStarted, this, [this](const RunPlanSummary &summary) {
            m_runId = summary.runId;
            m_scoredSeries = summary.alreadyScored;
            // A cancel asked while the worker was starting stays: its control is this run's.
            if (m_state == RunState::Starting)
                setState(RunState::Running);
            Q_EMIT runStarted(summary);
        });
    connect(m_worker.get(), &ScoringWorker::pausedBetweenBatches, this, [this](int request) {
        // A report of an earlier pause, since resumed, changes nothing.
        if (m_state == RunState::Pausing && request == m_pauseRequest)
            setState(RunState::Paused);
    });
    connect(m_worker.get(), &ScoringWorker::skipped, this, &RunSession::skipped);
    connect(
        m_worker.get(), &ScoringWorker::batchStarted, this, [this](int index, int count, int size) {
            Q_EMIT batchStarted(m_runId, index, count, size);
        });
    connect(m_worker.get(), &ScoringWorker::batchFinished, this,
        [this](int index, double seconds, qint64 peakBytes, int series) {
            m_scoredSeries += series;
            Q_EMIT batchFinished(m_runId, { index, series, seconds, peakBytes });
        });
    connect(m_worker.get(), &ScoringWorker::scoresReady, this,
        [this](const QList<ScoreRow> &rows) { Q_EMIT scoresReady(m_runId, rows); });
    connect(m_worker.get(), &ScoringWorker::memorySample, this,
        [this](double seconds, qint64 process, qint64 allocated, qint64 reserved) {
            Q_EMIT memorySample(m_runId, seconds, process, allocated, reserved);
        });
    connect(m_worker.get(), &ScoringWorker::backoff, this,
        [this](int index, int fromSize, int toSize, const QString &reason) {
            Q_EMIT backoff(m_runId, index, fromSize, toSize, reason);
        });
    connect(m_worker.get(), &ScoringWorker::warning, this, &RunSession::warning);
    connect(m_worker.get(), &ScoringWorker::probeWarmUpFinished, this,
        &RunSession::probeWarmUpFinished);
    connect(
        m_worker.get(), &ScoringWorker::probeTrialFinished, this, &RunSession::probeTrialFinished);
    connect(m_worker.get(), &ScoringWorker::probeFinished, this, [this](const QString &error) {
        setState(m_stateBeforeProbe);
        Q_EMIT probeFinished(error);
    });
    connect(m_worker.get(), &ScoringWorker::runFinished, this, [this](const RunSummary &summary) {
        const bool cancelled = summary.status == RunStatus::Cancelled;
        m_resumableRunId = cancelled ? summary.runId : 0;
        setState(cancelled ? RunState::Cancelled : RunState::Finished);
        Q_EMIT runFinished(summary);
    });
    connect(m_worker.get(), &ScoringWorker::runFailed, this, [this](const QString &error) {
        // A failed run may be resumed from the run history, not by Resume: the same settings
        // would likely fail the same way.
        m_resumableRunId = 0;
        setState(RunState::Failed);
        Q_EMIT runFailed(error);
    });
    m_thread.start();
}

RunSession::~RunSession()
{
    // The control is never reset, so one cancel stops whatever runs; a run queued but not begun
    // yet starts cancelled and ends at once.
    if (m_control)
        m_control->cancel();
    m_thread.quit();
    m_thread.wait();
}

bool RunSession::canResume() const
{
    return m_state == RunState::Paused || m_state == RunState::Pausing
        || (!isBusy() && m_resumableRunId != 0);
}

void RunSession::offerResume(const QList<RunRecord> &storedRuns)
{
    if (isBusy())
        return;
    qint64 runId = 0;
    if (!storedRuns.isEmpty()) {
        const RunRecord &newest = storedRuns.first();
        // A run still `running` without the session's worker on it was interrupted.
        const bool stopped
            = newest.status == RunStatus::Cancelled || newest.status == RunStatus::Running;
        if (stopped && newest.scored + newest.skipped < newest.planned)
            runId = newest.id;
    }
    if (runId == m_resumableRunId)
        return;
    m_resumableRunId = runId;
    Q_EMIT resumableChanged(canResume());
}

std::shared_ptr<RunControl> RunSession::newControl()
{
    m_control = std::make_shared<RunControl>();
    m_pauseRequest = 0;
    m_runId = 0; // until the worker names the run
    m_scoredSeries = 0;
    return m_control;
}

void RunSession::start(const RunSpec &spec)
{
    if (isBusy())
        return;
    QMetaObject::invokeMethod(
        m_worker.get(),
        [worker = m_worker.get(), spec, control = newControl()] {
            worker->startRun(spec, control);
        },
        Qt::QueuedConnection);
    setState(RunState::Starting);
}

void RunSession::pause()
{
    if (m_state != RunState::Running)
        return;
    m_pauseRequest = m_control->pause();
    setState(RunState::Pausing);
}

void RunSession::resume()
{
    if (m_state == RunState::Paused || m_state == RunState::Pausing) {
        m_control->resume();
        setState(RunState::Running);
        return;
    }
    if (canResume())
        resumeRun(m_resumableRunId);
}

void RunSession::resumeRun(qint64 runId)
{
    if (isBusy() || runId == 0)
        return;
    m_resumableRunId = 0;
    QMetaObject::invokeMethod(
        m_worker.get(),
        [worker = m_worker.get(), runId, control = newControl()] {
            worker->resumeRun(runId, control);
        },
        Qt::QueuedConnection);
    setState(RunState::Starting);
}

void RunSession::cancel()
{
    if (!isBusy() || m_state == RunState::Cancelling || m_state == RunState::StoppingProbe)
        return;
    m_control->cancel();
    setState(isProbing() ? RunState::StoppingProbe : RunState::Cancelling);
}

void RunSession::probe(const RunSpec &spec, const QList<int> &sizes)
{
    if (isBusy())
        return;
    m_stateBeforeProbe = m_state;
    QMetaObject::invokeMethod(
        m_worker.get(),
        [worker = m_worker.get(), spec, sizes, control = newControl()] {
            worker->probeBatchSizes(spec, sizes, control);
        },
        Qt::QueuedConnection);
    setState(RunState::Probing);
}

void RunSession::setState(RunState state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}
