#pragma once

#include <QFuture>
#include <QString>

class QWidget;

// Shows what failed once a background task (an export, a save) is done: the future yields an
// empty string on success, else the message shown in a warning box on `parent`. Nothing is
// shown on success. GUI thread only; the watcher is a child of `parent`.
void reportErrorWhenDone(QFuture<QString> future, QWidget *parent, const QString &title);
