#include "cli/bars_command.h"
#include "cli/bench_command.h"
#include "cli/cli_dispatcher.h"
#include "cli/evaluate_command.h"
#include "cli/forecast_command.h"
#include "cli/import_command.h"
#include "cli/models_command.h"
#include "cli/probe_command.h"
#include "cli/runs_command.h"
#include "cli/score_command.h"
#include "cli/slurm_command.h"
#include "cli/universes_command.h"
#include "identity/app_identity.h"
#include "identity/process_tuning.h"
#include "inference/memory_probe.h"

#include <QCoreApplication>
#include <algorithm>

namespace {

// Whether a command line runs the Kronos engine: only those restart with the tuned environment
// (process_tuning.h), so that --version, --help, `runs list` and the like start in one load.
// (`runs resume` among options: `runs --db F resume ID`.)
bool runsTheEngine(int argc, char *argv[])
{
    const QByteArray command = argc > 1 ? argv[1] : "";
    if (command == "runs")
        return std::any_of(
            argv + 2, argv + argc, [](const char *a) { return qstrcmp(a, "resume") == 0; });
    return command == "forecast" || command == "bench" || command == "score" || command == "probe";
}

} // namespace

int main(int argc, char *argv[])
{
    if (runsTheEngine(argc, argv))
        ProcessTuning::restartWithTunedEnvironment(argv);
    kronos::MemoryProbe::reuseFreedMemory();
    QCoreApplication application(argc, argv);
    AppIdentity::apply(application);

    QTextStream out(stdout);
    QTextStream err(stderr);
    CliDispatcher dispatcher(out, err);
    dispatcher.add({ QStringLiteral("forecast"),
        QStringLiteral("Forecast OHLCV series from CSV files with a Kronos checkpoint"),
        [&](const QStringList &arguments) { return runForecastCommand(arguments, out, err); } });
    dispatcher.add({ QStringLiteral("bench"),
        QStringLiteral("Measure forecast speed with random weights of a published shape"),
        [&](const QStringList &arguments) { return runBenchCommand(arguments, out, err); } });
    dispatcher.add({ QStringLiteral("import"),
        QStringLiteral("Import price and sector CSV files into the market database"),
        [&](const QStringList &arguments) { return runImportCommand(arguments, out, err); } });
    dispatcher.add({ QStringLiteral("universes"),
        QStringLiteral("List, show, create, rename, duplicate or delete universes"),
        [&](const QStringList &arguments) { return runUniversesCommand(arguments, out, err); } });
    dispatcher.add({ QStringLiteral("bars"), QStringLiteral("Print a ticker's stored bars as CSV"),
        [&](const QStringList &arguments) { return runBarsCommand(arguments, out, err); } });
    dispatcher.add({ QStringLiteral("models"),
        QStringLiteral("List, download, verify or remove Kronos checkpoints"),
        [&](const QStringList &arguments) { return runModelsCommand(arguments, out, err); } });
    dispatcher.add({ QStringLiteral("evaluate"),
        QStringLiteral(
            "Evaluate scores against stored prices: IC, RankIC, spreads, baselines, gates"),
        [&](const QStringList &arguments) { return runEvaluateCommand(arguments, out, err); } });
    dispatcher.add({ QStringLiteral("score"),
        QStringLiteral("Score a universe over dates with Kronos, as a resumable run"),
        [&](const QStringList &arguments) { return runScoreCommand(arguments, out, err); } });
    dispatcher.add({ QStringLiteral("probe"),
        QStringLiteral("Try batch sizes: peak memory and speed of short trial batches"),
        [&](const QStringList &arguments) { return runProbeCommand(arguments, out, err); } });
    dispatcher.add({ QStringLiteral("runs"),
        QStringLiteral("List, show, resume, rename, compare, delete, export or merge scoring runs"),
        [&](const QStringList &arguments) { return runRunsCommand(arguments, out, err); } });
    dispatcher.add({ QStringLiteral("slurm"),
        QStringLiteral("Write (and submit) a Slurm job that scores a run in shards and merges it"),
        [&](const QStringList &arguments) { return runSlurmCommand(arguments, out, err); } });
    return dispatcher.dispatch(application.arguments());
}
