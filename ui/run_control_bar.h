#pragma once

#include "workbench/run_state.h"

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

// Start, Pause, Resume and Cancel, with the progress bar, the ETA and the throughput of the run.
// It only shows the run session's state (RunSession::stateChanged) and asks: the buttons emit
// requests, the session decides. GUI thread only.
class RunControlBar : public QWidget
{
    Q_OBJECT

public:
    explicit RunControlBar(QWidget *parent = nullptr);

public Q_SLOTS:
    // Whether the setup describes a valid run (Start is enabled only then).
    void setStartAllowed(bool allowed);
    // The session's state; `resumable`: Resume would continue a run (RunSession::canResume).
    void showState(RunState state, bool resumable);
    // `total` series to score in this session.
    void runStarted(int total);
    void batchFinished(int series);
    void showSummary(const QString &text);
    // A line under the buttons: the estimated time of the run Start would start, or why Start
    // is disabled (`problem`, in red); empty hides it.
    void setStartHint(const QString &text, bool problem);

Q_SIGNALS:
    void startRequested();
    void pauseRequested();
    // While paused: continue; while idle: continue the cancelled run.
    void resumeRequested();
    void cancelRequested();

private:
    void updateButtons();
    void updateProgress();

    QPushButton *m_start;
    QPushButton *m_pause;
    QPushButton *m_resume;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    QLabel *m_startHint;
    RunState m_state = RunState::Idle; // as last shown
    bool m_startAllowed = false;
    bool m_resumable = false;
    int m_total = 0;
    int m_done = 0;
    // Wall time of the session, for the ETA and series/s shown to the user (never for results).
    QElapsedTimer m_clock;
};
