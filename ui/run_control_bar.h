#pragma once

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

// Start, Pause, Resume and Cancel, with the progress bar, the ETA and the throughput of the run.
// It only shows state and asks: the buttons emit requests, the caller reports back through the
// slots what the run actually did. GUI thread only.
class RunControlBar : public QWidget
{
    Q_OBJECT

public:
    // Probing: the memory-tuning view's trial batches occupy the worker; only Cancel works.
    enum class State { Idle, Starting, Running, Paused, Cancelling, Probing };

    explicit RunControlBar(QWidget *parent = nullptr);

    State state() const { return m_state; }

public Q_SLOTS:
    // Whether the setup describes a valid run (Start is enabled only then).
    void setStartAllowed(bool allowed);
    // An interrupted run exists that Resume continues while idle.
    void setResumable(bool resumable);
    void setState(State state);
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
    // While paused: continue; while idle: continue the interrupted run.
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
    State m_state = State::Idle;
    bool m_startAllowed = false;
    bool m_resumable = false;
    int m_total = 0;
    int m_done = 0;
    // Wall time of the session, for the ETA and series/s shown to the user (never for results).
    QElapsedTimer m_clock;
};
