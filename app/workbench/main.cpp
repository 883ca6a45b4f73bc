#include "identity/app_identity.h"
#include "identity/process_tuning.h"
#include "inference/memory_probe.h"
#include "ui/main_window.h"
#include "ui/readable_placeholders.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    ProcessTuning::restartWithTunedEnvironment(argv);
    kronos::MemoryProbe::reuseFreedMemory();
    QApplication application(argc, argv);
    AppIdentity::apply(application);
    application.setApplicationDisplayName(QStringLiteral("Kronos Workbench"));
    ReadablePlaceholders::install(application);

    MainWindow window;
    window.show();
    return application.exec();
}
