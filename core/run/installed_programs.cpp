#include "run/installed_programs.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace InstalledPrograms {

namespace {

const QString CliName = QStringLiteral("kronos-cli");

} // namespace

QStringList places(const QString &name)
{
    const QDir here(QFileInfo(QCoreApplication::applicationFilePath()).canonicalPath());
    QStringList paths { here.filePath(name) };
    // From bin to libexec/kronos-workbench and back, as CMake computed them for this prefix.
    for (const char *otherFolder : { KW_ENGINEDIR_FROM_BINDIR, KW_BINDIR_FROM_ENGINEDIR })
        paths << QDir::cleanPath(
            here.filePath(QLatin1String(otherFolder) + QLatin1Char('/') + name));
    return paths;
}

QString find(const QString &name)
{
    for (const QString &path : places(name)) {
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
