#include "app_identity.h"
#include "main_window.h"
#include "process_tuning.h"
#include "readable_placeholders.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    ProcessTuning::restartWithTunedEnvironment(argv);
    QApplication application(argc, argv);
    AppIdentity::apply(application);
    application.setApplicationDisplayName(QStringLiteral("Kronos Workbench"));
    ReadablePlaceholders::install(application);

    MainWindow window;
    window.show();
    return application.exec();
}
