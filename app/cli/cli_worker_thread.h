#pragma once

#include "cli/interrupt_flag.h"
#include "run/run_control.h"

#include <QEventLoop>
#include <QObject>
#include <QThread>
#include <functional>
#include <memory>

class ScoringWorker;

// A scoring worker on its own thread for one command (`score`, `runs resume`, `probe`), with
// Ctrl-C as a clean cancel: the worker's own event loop is busy while it computes, so the flag
// is polled here and passed on through the run's RunControl.
//
// Connect the worker's signals with context() as the receiver, call quit() from the one that
// ends the work, then run().
class CliWorkerThread
{
public:
    explicit CliWorkerThread(const QString &databasePath);
    ~CliWorkerThread();
    CliWorkerThread(const CliWorkerThread &) = delete;
    CliWorkerThread &operator=(const CliWorkerThread &) = delete;

    ScoringWorker *worker() const { return m_worker; }
    QObject *context() { return &m_context; }
    // Makes the queued call that sets the worker going, with the command's run control.
    using Start = std::function<void(ScoringWorker &, std::shared_ptr<RunControl>)>;
    // Starts the thread, lets `start` make the queued call that sets the worker going, and
    // returns once quit() has been called.
    void run(const Start &start);
    void quit();
    bool interrupted() const { return m_interrupt.isRaised(); }

private:
    InterruptFlag m_interrupt;
    std::shared_ptr<RunControl> m_control = std::make_shared<RunControl>();
    QThread m_thread;
    ScoringWorker
        *m_worker; // deleted on its thread when the thread finishes (or here if never run)
    QEventLoop m_loop;
    QObject m_context;
};
