#include "task_error_report.h"

#include <QFutureWatcher>
#include <QMessageBox>
#include <QWidget>

void reportErrorWhenDone(QFuture<QString> future, QWidget *parent, const QString &title)
{
    auto *watcher = new QFutureWatcher<QString>(parent);
    QObject::connect(watcher, &QFutureWatcher<QString>::finished, parent, [watcher, parent, title] {
        const QString error = watcher->result();
        watcher->deleteLater();
        if (!error.isEmpty())
            QMessageBox::warning(parent, title, error);
    });
    watcher->setFuture(future);
}
