#include "task_error_report.h"

#include <QFutureWatcher>
#include <QMessageBox>
#include <QWidget>

void reportErrorWhenDone(QFuture<QString> future, QWidget *parent, const QString &title,
    std::function<void()> succeeded)
{
    auto *watcher = new QFutureWatcher<QString>(parent);
    QObject::connect(watcher, &QFutureWatcher<QString>::finished, parent,
        [watcher, parent, title, succeeded = std::move(succeeded)] {
            const QString error = watcher->result();
            watcher->deleteLater();
            if (!error.isEmpty())
                QMessageBox::warning(parent, title, error);
            else if (succeeded)
                succeeded();
        });
    watcher->setFuture(future);
}
