#include "ui/run_control_bar.h"

#include "run/run_time_estimate.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

RunControlBar::RunControlBar(QWidget *parent)
    : QWidget(parent)
    , m_start(new QPushButton(tr("&Start"), this))
    , m_pause(new QPushButton(tr("Pa&use"), this))
    , m_resume(new QPushButton(tr("&Resume"), this))
    , m_cancel(new QPushButton(tr("&Cancel"), this))
    , m_progress(new QProgressBar(this))
    , m_progressText(new QLabel(this))
    , m_startHint(new QLabel(this))
{
    setObjectName(QStringLiteral("runControlBar"));
    m_start->setObjectName(QStringLiteral("startButton"));
    m_start->setToolTip(tr("Start a run with the Run setup (Ctrl+R)"));
    m_start->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_pause->setToolTip(tr("Pause after the current batch"));
    m_resume->setObjectName(QStringLiteral("resumeButton"));
    m_resume->setToolTip(
        tr("Continue the paused run, or the last interrupted run where it stopped"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setToolTip(tr("Stop the run within one decoding step; finished batches are kept "
                            "and the run can be resumed"));
    m_progress->setObjectName(QStringLiteral("runProgress"));
    m_progress->setToolTip(
        tr("Series of the run scored (a resumed run counts those scored before)"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progressText->setObjectName(QStringLiteral("runProgressText"));
    m_progressText->setToolTip(tr("Progress, throughput and estimated time left (both counted "
                                  "over working time: a pause is left out)"));
    // Wraps rather than widening the bar: the window must fit 1024 pixels beside Run setup.
    m_progressText->setWordWrap(true);
    m_progressText->setMinimumWidth(200);
    m_startHint->setObjectName(QStringLiteral("startHint"));
    m_startHint->setWordWrap(true);
    m_startHint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_startHint->setVisible(false);

    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : { m_start, m_pause, m_resume, m_cancel })
        buttons->addWidget(button);
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_progressText, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(2);
    layout->addLayout(buttons);
    layout->addWidget(m_startHint);

    connect(m_start, &QPushButton::clicked, this, &RunControlBar::startRequested);
    connect(m_pause, &QPushButton::clicked, this, &RunControlBar::pauseRequested);
    connect(m_resume, &QPushButton::clicked, this, &RunControlBar::resumeRequested);
    connect(m_cancel, &QPushButton::clicked, this, &RunControlBar::cancelRequested);
    updateButtons();
}

void RunControlBar::setStartAllowed(bool allowed)
{
    m_startAllowed = allowed;
    updateButtons();
}

void RunControlBar::showState(RunState state, bool resumable)
{
    // Only a pause that holds the worker is left out of the working time: while pausing, the
    // batch under way still runs.
    if (m_pauseClock.isValid() && state != RunState::Paused) {
        m_pausedMs += m_pauseClock.elapsed();
        m_pauseClock.invalidate();
    }
    m_state = state;
    m_resumable = resumable;
    if (state == RunState::Starting)
        m_progressText->setText(tr("Loading the checkpoint and planning…"));
    if (state == RunState::Probing)
        m_progressText->setText(tr("Probing batch sizes (Memory tuning tab)…"));
    if (state == RunState::Pausing)
        m_progressText->setText(tr("Pausing after the batch under way…"));
    if (state == RunState::Paused) {
        if (!m_pauseClock.isValid())
            m_pauseClock.start();
        m_progressText->setText(
            tr("Paused at %1 / %2 series — Resume continues the run").arg(m_done).arg(m_total));
    }
    if (state == RunState::Running && m_clock.isValid())
        updateProgress();
    updateButtons();
}

void RunControlBar::runStarted(int alreadyScored, int total)
{
    m_total = total;
    m_done = alreadyScored;
    m_doneBefore = alreadyScored;
    m_clock.start();
    m_pauseClock.invalidate();
    m_pausedMs = 0;
    m_progress->setRange(0, std::max(1, total));
    m_progress->setValue(std::min(m_done, m_total));
    updateProgress();
}

void RunControlBar::batchFinished(int series)
{
    m_done += series;
    m_progress->setValue(std::min(m_done, m_total));
    updateProgress();
}

void RunControlBar::showSummary(const QString &text)
{
    m_progressText->setText(text);
}

void RunControlBar::forgetRun()
{
    m_total = 0;
    m_done = 0;
    m_doneBefore = 0;
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progressText->clear();
}

void RunControlBar::setStartHint(const QString &text, bool problem)
{
    m_startHint->setText(text);
    // Red that stays legible on light and dark window colours, as the setup's problems.
    m_startHint->setStyleSheet(problem ? QStringLiteral("color: #e53935;") : QString());
    m_startHint->setVisible(!text.isEmpty());
}

void RunControlBar::updateButtons()
{
    m_start->setEnabled(!isBusy(m_state) && m_startAllowed);
    m_pause->setEnabled(m_state == RunState::Running);
    m_resume->setEnabled(m_resumable);
    m_cancel->setEnabled(
        isBusy(m_state) && m_state != RunState::Cancelling && m_state != RunState::StoppingProbe);
}

double RunControlBar::workingSeconds() const
{
    if (!m_clock.isValid())
        return 0.0;
    const qint64 pausedMs = m_pausedMs + (m_pauseClock.isValid() ? m_pauseClock.elapsed() : 0);
    return (m_clock.elapsed() - pausedMs) / 1000.0;
}

void RunControlBar::updateProgress()
{
    const double seconds = workingSeconds();
    const int doneNow = m_done - m_doneBefore;
    const double rate = seconds > 0 ? doneNow / seconds : 0.0;
    QString text = tr("%1 / %2 series").arg(m_done).arg(m_total);
    if (doneNow > 0) {
        text += tr(" · %1 series/s").arg(rate, 0, 'f', rate < 10 ? 2 : 1);
        if (m_done < m_total && rate > 0)
            text += tr(" · ETA %1").arg(durationText((m_total - m_done) / rate));
    }
    m_progressText->setText(text);
}
