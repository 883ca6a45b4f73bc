#include "ui/task_error_report.h"

#include "workbench/background_executor.h"

#include <QMessageBox>
#include <QWidget>

void reportErrorWhenDone(
    QFuture<QString> future, QWidget *parent, const QString &title, std::function<void()> succeeded)
{
    onResult(
        future, parent, [parent, title, succeeded = std::move(succeeded)](const QString &error) {
            if (!error.isEmpty())
                QMessageBox::warning(parent, title, error);
            else if (succeeded)
                succeeded();
        });
}
