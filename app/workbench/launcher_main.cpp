#include "identity/program_handover.h"
#include "run/installed_programs.h"

#include <QApplication>
#include <QMessageBox>
#include <cstdio>

namespace {

const QString WindowProgram = QStringLiteral("kronos-workbench-window");

// Why the window program could not be started; returns only then.
QString handOverToTheWindow(char *argv[])
{
    const QString window = InstalledPrograms::find(WindowProgram);
    if (window.isEmpty())
        return QStringLiteral("The workbench's window program %1 is missing or not executable "
                              "(looked for %2). Reinstall Kronos Workbench, or build the target "
                              "%1.")
            .arg(
                WindowProgram, InstalledPrograms::places(WindowProgram).join(QStringLiteral(", ")));
    return ProgramHandover::replaceWith(window, argv);
}

} // namespace

// kronos-workbench on Linux: loads no libtorch, sets the environment libtorch's libraries read
// when they are loaded, and hands over to the window program (program_handover.h) — instead of
// the window program restarting itself, which loaded libtorch twice.
int main(int argc, char *argv[])
{
    QString failure;
    {
        QCoreApplication locator(argc, argv); // where this program is
        failure = handOverToTheWindow(argv);
    }
    std::fprintf(stderr, "kronos-workbench: %s\n", qPrintable(failure));
    // Said in a box too, for a start from the desktop; without a display (a shell over ssh) the
    // box could not open, and Qt would abort instead of exiting.
    if (!qEnvironmentVariableIsSet("DISPLAY") && !qEnvironmentVariableIsSet("WAYLAND_DISPLAY")
        && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        return 1;
    QApplication application(argc, argv);
    QMessageBox::critical(nullptr, QStringLiteral("Kronos Workbench"), failure);
    return 1;
}
