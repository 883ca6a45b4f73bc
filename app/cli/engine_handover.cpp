#include "cli/engine_handover.h"

#include "identity/program_handover.h"
#include "run/installed_programs.h"

namespace EngineHandover {
namespace {

constexpr int Failed = 1;
const QString EngineName = QStringLiteral("kronos-engine");

int handOver(char *argv[], QTextStream &err)
{
    const QString engine = InstalledPrograms::find(EngineName);
    if (engine.isEmpty()) {
        err << "kronos-cli: the engine program kronos-engine is missing or not executable "
               "(looked for "
            << InstalledPrograms::places(EngineName).join(", ")
            << "); build its target, kronos-engine, or reinstall Kronos Workbench\n";
        return Failed;
    }
    err.flush();
    const QString failure = ProgramHandover::replaceWith(engine, argv);
    err << "kronos-cli: " << failure << "\n";
    return Failed;
}

} // namespace

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
