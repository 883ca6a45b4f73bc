#include "cli/cli_worker_thread.h"

#include "run/scoring_worker.h"

#include <QTimer>

CliWorkerThread::CliWorkerThread(const QString &databasePath)
    : m_worker(new ScoringWorker(databasePath))
{
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
}

CliWorkerThread::~CliWorkerThread()
{
    if (!m_thread.isRunning() && !m_thread.isFinished()) {
        delete m_worker; // never ran: no thread to delete it on
        return;
    }
    m_thread.quit();
    m_thread.wait();
}

void CliWorkerThread::run(const Start &start)
{
    QTimer interruptPoll;
    QObject::connect(&interruptPoll, &QTimer::timeout, &m_context, [this] {
        if (m_interrupt.isRaised())
            m_control->cancel();
    });
    interruptPoll.start(50);
    m_thread.start();
    start(*m_worker, m_control);
    m_loop.exec();
    m_thread.quit();
    m_thread.wait();
}

void CliWorkerThread::quit()
{
    m_loop.quit();
}
