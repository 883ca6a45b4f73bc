#include "identity/app_identity.h"
#include "identity/process_tuning.h"
#include "inference/memory_probe.h"
#include "ui/main_window.h"
#include "ui/readable_placeholders.h"

#include <QApplication>
#include <cstdio>
#include <cstring>

namespace {

// `kronos-workbench --version` answers without opening a display, as kronos-cli does.
bool printedVersion(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0) {
            std::printf("%s\n", qPrintable(AppIdentity::versionLine()));
            return true;
        }
    }
    return false;
}

} // namespace

// The workbench's window (on Linux started by the launcher kronos-workbench, launcher_main.cpp).
int main(int argc, char *argv[])
{
    ProcessTuning::restartWithTunedEnvironment(argv);
    if (printedVersion(argc, argv))
        return 0;
    kronos::MemoryProbe::reuseFreedMemory();
    QApplication application(argc, argv);
    AppIdentity::apply(application);
    application.setApplicationDisplayName(QStringLiteral("Kronos Workbench"));
    // The desktop entry's name: Wayland's app id would otherwise come from this program's file
    // name, kronos-workbench-window on Linux.
    application.setDesktopFileName(QStringLiteral("kronos-workbench"));
    ReadablePlaceholders::install(application);

    MainWindow window;
    window.show();
    return application.exec();
}
