#pragma once

#include <QFuture>
#include <QString>
#include <functional>

class QWidget;

// Shows what failed once a background task (an export, a save) is done: the future yields an
// empty string on success, else the message shown in a warning box on `parent`. On success
// `succeeded` runs (e.g. to say where the file went). GUI thread only; the watcher is a child
// of `parent`.
void reportErrorWhenDone(QFuture<QString> future, QWidget *parent, const QString &title,
    std::function<void()> succeeded = {});
