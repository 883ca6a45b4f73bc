#pragma once

#include "workbench/run_state.h"

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

// Start, Pause, Resume and Cancel, with the progress bar, the ETA and the throughput of the run.
// It only shows the run session's state (RunSession::stateChanged) and asks: the buttons emit
// requests, the session decides. Progress counts over the run's life (a resumed run starts where
// it stopped); throughput and ETA count working time only, never a pause. GUI thread only.
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
    // A session of a run started: `alreadyScored` of its `total` series were scored by earlier
    // sessions (0 for a new run).
    void runStarted(int alreadyScored, int total);
    void batchFinished(int series);
    void showSummary(const QString &text);
    // The run last shown was deleted: its summary and progress go with it.
    void forgetRun();
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
    // Seconds this session has scored, its pauses left out.
    double workingSeconds() const;

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
    int m_total = 0; // series of the run
    int m_done = 0; // of them scored
    int m_doneBefore = 0; // of them scored by earlier sessions
    // Wall time of the session and of its pauses, for the ETA and series/s shown to the user
    // (never for results).
    QElapsedTimer m_clock;
    QElapsedTimer m_pauseClock; // valid while paused
    qint64 m_pausedMs = 0; // pauses ended
};
