#include "main_window.h"

#include "kw_version.h"

#include <QLabel>

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral(KW_APPLICATION_NAME));
    auto *placeholder = new QLabel(tr("Pick a universe and a checkpoint to start a run."), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    resize(1200, 800);
}
