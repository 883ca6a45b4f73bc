#include "app_identity.h"
#include "main_window.h"
#include "memory_probe.h"
#include "openmp_wait_policy.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    OpenMpWaitPolicy::ensurePassive(argv);
    kronos::MemoryProbe::reuseFreedMemory();
    QApplication application(argc, argv);
    AppIdentity::apply(application);
    application.setApplicationDisplayName(QStringLiteral("Kronos Workbench"));

    MainWindow window;
    window.show();
    return application.exec();
}
