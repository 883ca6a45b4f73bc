#include "cli/engine_handover.h"

#include "identity/openmp_wait_policy.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <unistd.h>

namespace EngineHandover {
namespace {

constexpr int Failed = 1;
const QString EngineName = QStringLiteral("kronos-engine");
const QString CliName = QStringLiteral("kronos-cli");

// Where a program of this installation is looked for from the running one: beside it (a build
// tree), then at `installedRelative` from its folder (an installation). Symbolic links to the
// running program are followed first, so a link on the PATH finds the installation.
QStringList candidates(const QString &name, const QString &installedRelative)
{
    const QString here = QFileInfo(QCoreApplication::applicationFilePath()).canonicalPath();
    return { QDir(here).filePath(name),
        QDir::cleanPath(QDir(here).filePath(installedRelative + QLatin1Char('/') + name)) };
}

QString firstExecutable(const QStringList &paths)
{
    for (const QString &path : paths) {
        const QFileInfo program(path);
        if (program.isFile() && program.isExecutable())
            return program.absoluteFilePath();
    }
    return {};
}

int handOver(char *argv[], QTextStream &err)
{
    const QString engine = enginePath();
    if (engine.isEmpty()) {
        err << "kronos-cli: the engine program kronos-engine is missing or not executable "
               "(looked for "
            << candidates(EngineName, QStringLiteral(KW_ENGINE_FROM_BINDIR)).join(" and ")
            << "); build its target, kronos-engine, or reinstall Kronos Workbench\n";
        return Failed;
    }
    OpenMpWaitPolicy::preferPassive();
    err.flush();
    execv(QFile::encodeName(engine).constData(), argv);
    const int error = errno;
    err << "kronos-cli: cannot start the engine program " << engine << ": "
        << qt_error_string(error) << "\n";
    return Failed;
}

} // namespace

QString enginePath()
{
    return firstExecutable(candidates(EngineName, QStringLiteral(KW_ENGINE_FROM_BINDIR)));
}

QString kronosCliPath()
{
    const QString running = QCoreApplication::applicationFilePath();
    if (QFileInfo(running).fileName() == CliName)
        return running;
    const QString found
        = firstExecutable(candidates(CliName, QStringLiteral(KW_CLI_FROM_ENGINEDIR)));
    return found.isEmpty() ? running : found;
}

EngineRunners runners(char *argv[], QTextStream &err)
{
    EngineRunners handOverAll;
    handOverAll.command
        = [argv, &err](const QString &, const QStringList &) { return handOver(argv, err); };
    handOverAll.resumeRun = [argv](const QString &, qint64, const QString &, QTextStream &,
                                QTextStream &err) { return handOver(argv, err); };
    handOverAll.verboseVersion = [argv, &err] { return handOver(argv, err); };
    return handOverAll;
}

} // namespace EngineHandover
