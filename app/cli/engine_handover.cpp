#include "cli/engine_handover.h"

#include "identity/openmp_wait_policy.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace EngineHandover {
namespace {

constexpr int Failed = 1;

int handOver(char *argv[], QTextStream &err)
{
    const QString engine = enginePath();
    if (engine.isEmpty()) {
        err << "kronos-cli: the engine program kronos-engine is missing (looked beside "
            << QCoreApplication::applicationFilePath() << " and in "
            << QFileInfo(QCoreApplication::applicationDirPath() + QStringLiteral("/")
                   + QStringLiteral(KW_ENGINE_FROM_BINDIR))
                   .absoluteFilePath()
            << "); reinstall Kronos Workbench\n";
        return Failed;
    }
    OpenMpWaitPolicy::preferPassive();
    err.flush();
    execv(QFile::encodeName(engine).constData(), argv);
    err << "kronos-cli: cannot start the engine program " << engine << ": "
        << QString::fromLocal8Bit(std::strerror(errno)) << "\n";
    return Failed;
}

} // namespace

QString enginePath()
{
    const QString here = QCoreApplication::applicationDirPath();
    for (const QString &folder :
        { here, here + QStringLiteral("/") + QStringLiteral(KW_ENGINE_FROM_BINDIR) }) {
        const QFileInfo engine(folder + QStringLiteral("/kronos-engine"));
        if (engine.isFile() && engine.isExecutable())
            return engine.absoluteFilePath();
    }
    return {};
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
