#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QPromise>
#include <QThreadPool>
#include <exception>
#include <memory>
#include <type_traits>

// The one place where the workbench's background work runs: SQL reads and edits, imports,
// evaluations, checkpoint inspection, file exports. A pool of its own (never the GUI thread),
// and the results come back as QFutures.
//
// The GUI receives a future's result with a QFutureWatcher of its own (a newer future set on
// the watcher supersedes the older one) or with onResult() for fire-and-forget work. A task
// that throws is not lost: the future carries the exception (result() rethrows it); the
// Workspace's tasks catch theirs and return the message in the result instead.
//
// Thread-safety: run() may be called from any thread. The destructor waits for the tasks
// started, so a task must not wait on the thread that destroys the executor.
class BackgroundExecutor
{
public:
    BackgroundExecutor();
    ~BackgroundExecutor();
    BackgroundExecutor(const BackgroundExecutor &) = delete;
    BackgroundExecutor &operator=(const BackgroundExecutor &) = delete;

    // Runs `work()` on the pool; the future yields what it returns.
    template <typename Work> auto run(Work work) -> QFuture<std::invoke_result_t<Work>>
    {
        using Result = std::invoke_result_t<Work>;
        return runWithPromise<Result>([work = std::move(work)](QPromise<Result> &promise) mutable {
            promise.addResult(work());
        });
    }

    // Runs `work(promise)` on the pool: for work that reports progress (setProgressRange,
    // setProgressValueAndText) and adds its result itself.
    template <typename Result, typename Work> QFuture<Result> runWithPromise(Work work)
    {
        // QThreadPool takes copyable functions; the promise is shared with the task.
        auto promise = std::make_shared<QPromise<Result>>();
        QFuture<Result> future = promise->future();
        promise->start();
        m_pool.start([promise, work = std::make_shared<Work>(std::move(work))] {
            try {
                (*work)(*promise);
            } catch (...) {
                promise->setException(std::current_exception());
            }
            promise->finish();
        });
        return future;
    }

    // Blocks until every task started so far has ended (tests, shutdown).
    void waitForDone();

private:
    QThreadPool m_pool;
};

// Calls `done(result)` on `receiver`'s thread once `future` has finished — never after the
// receiver is destroyed (the watcher is its child). For work whose result nobody supersedes.
template <typename Result, typename Done>
void onResult(const QFuture<Result> &future, QObject *receiver, Done done)
{
    auto *watcher = new QFutureWatcher<Result>(receiver);
    QObject::connect(watcher, &QFutureWatcherBase::finished, receiver,
        [watcher, done = std::move(done)]() mutable {
            watcher->deleteLater();
            done(watcher->result());
        });
    watcher->setFuture(future);
}
