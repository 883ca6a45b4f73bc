#include "app_identity.h"
#include "process_tuning.h"
#include "main_window.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    ProcessTuning::restartWithTunedEnvironment(argv);
    QApplication application(argc, argv);
    AppIdentity::apply(application);
    application.setApplicationDisplayName(QStringLiteral("Kronos Workbench"));

    MainWindow window;
    window.show();
    return application.exec();
}
