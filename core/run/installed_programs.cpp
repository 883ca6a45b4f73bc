#include "run/installed_programs.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

// KW_INSTALL_ENGINEDIR, KW_ENGINEDIR_FROM_BINDIR and KW_BINDIR_FROM_ENGINEDIR are computed in the
// top CMakeLists.txt and defined for this file alone (core/run/CMakeLists.txt).

namespace InstalledPrograms {

namespace {

const QString CliName = QStringLiteral("kronos-cli");

QString runningProgramFolder()
{
    return QFileInfo(QCoreApplication::applicationFilePath()).canonicalPath();
}

} // namespace

QStringList places(const QString &name, const QString &programFolder)
{
    const QDir here(programFolder.isEmpty() ? runningProgramFolder() : programFolder);
    // absolutePath() has no "." or ".." left to clean.
    const bool inEngineFolder
        = here.absolutePath().endsWith(QLatin1Char('/') + QLatin1String(KW_INSTALL_ENGINEDIR));
    const QString otherFolder
        = QLatin1String(inEngineFolder ? KW_BINDIR_FROM_ENGINEDIR : KW_ENGINEDIR_FROM_BINDIR);
    return { here.filePath(name),
        QDir::cleanPath(here.filePath(otherFolder + QLatin1Char('/') + name)) };
}

QString find(const QString &name, const QString &programFolder)
{
    for (const QString &path : places(name, programFolder)) {
        const QFileInfo program(path);
        if (program.isFile() && program.isExecutable())
            return program.absoluteFilePath();
    }
    return {};
}

QString kronosCli()
{
    const QString running = QCoreApplication::applicationFilePath();
    if (QFileInfo(running).fileName() == CliName)
        return running;
    QString found = find(CliName);
    if (found.isEmpty())
        found = QStandardPaths::findExecutable(CliName);
    return found.isEmpty() ? CliName : found;
}

} // namespace InstalledPrograms
