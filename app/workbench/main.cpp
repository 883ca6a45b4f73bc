#include "app_identity.h"
#include "kronos_engine.h"
#include "main_window.h"
#include "openmp_wait_policy.h"
#include "readable_placeholders.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    OpenMpWaitPolicy::ensurePassive(argv);
    QApplication application(argc, argv);
    AppIdentity::apply(application);
    application.setApplicationDisplayName(QStringLiteral("Kronos Workbench"));
    ReadablePlaceholders::install(application);

    MainWindow window;
    window.setBuildDescription(QStringLiteral("libtorch %1").arg(kronos::libtorchVersion()));
    window.show();
    return application.exec();
}
