#include "cli/engine_commands.h"

#include "cli/bench_command.h"
#include "cli/cli_dispatcher.h"
#include "cli/forecast_command.h"
#include "cli/probe_command.h"
#include "cli/score_command.h"
#include "cli/scoring_run_driver.h"
#include "cli/slurm_command.h"
#include "inference/compute_libraries.h"
#include "run/scoring_worker.h"

EngineRunners engineCommands(QTextStream &out, QTextStream &err)
{
    EngineRunners runners;
    runners.command = [&out, &err](const QString &command, const QStringList &arguments) {
        if (command == QLatin1String("forecast"))
            return runForecastCommand(arguments, out, err);
        if (command == QLatin1String("bench"))
            return runBenchCommand(arguments, out, err);
        if (command == QLatin1String("score"))
            return runScoreCommand(arguments, out, err);
        if (command == QLatin1String("probe"))
            return runProbeCommand(arguments, out, err);
        if (command == QLatin1String("slurm"))
            return runSlurmCommand(arguments, out, err);
        // A command the table hands to the engine that is not carried out here: a programming
        // error, said rather than run as another command.
        err << "kronos-engine: no engine command '" << command << "'\n";
        return 70; // EX_SOFTWARE
    };
    runners.resumeRun = [](const QString &databasePath, qint64 runId, const QString &scoresCsvPath,
                            QTextStream &out, QTextStream &err) {
        return ScoringRunDriver::drive(
            databasePath,
            [runId](ScoringWorker &worker, std::shared_ptr<RunControl> control) {
                QMetaObject::invokeMethod(
                    &worker, [&worker, runId, control] { worker.resumeRun(runId, control); });
            },
            scoresCsvPath, out, err);
    };
    runners.verboseVersion = [&out] {
        out << CliDispatcher::versionText() << "libtorch " << kronos::libtorchVersion() << "\n"
            << "BLAS: " << kronos::blasDescription() << "\n"
            << "OMP_WAIT_POLICY="
            << qEnvironmentVariable("OMP_WAIT_POLICY", QStringLiteral("(not set)")) << "\n";
        return 0;
    };
    return runners;
}
