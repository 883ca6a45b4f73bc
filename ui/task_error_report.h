#pragma once

#include <QFuture>
#include <QString>
#include <exception>
#include <functional>

class QWidget;

// Shows what failed once a background task (an export, a save) is done: the future yields an
// empty string on success, else the message shown in a warning box on `parent`. On success
// `succeeded` runs (e.g. to say where the file went). GUI thread only; the watcher is a child
// of `parent`.
void reportErrorWhenDone(QFuture<QString> future, QWidget *parent, const QString &title,
    std::function<void()> succeeded = {});

// Runs `work()` and returns an empty string when it succeeds, else the message of the exception
// it threw: how an export run on the executor (a FileError, say) becomes the result that
// reportErrorWhenDone shows. Call it in the task, so the message crosses the thread boundary.
template <typename Work> QString failureMessageOf(Work work)
{
    try {
        work();
        return {};
    } catch (const std::exception &failure) {
        return QString::fromUtf8(failure.what());
    }
}
