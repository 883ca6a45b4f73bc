#include "cli/command_table.h"

#include "cli/bars_command.h"
#include "cli/cli_dispatcher.h"
#include "cli/evaluate_command.h"
#include "cli/import_command.h"
#include "cli/models_command.h"
#include "cli/universes_command.h"

void addKronosCommands(
    CliDispatcher &dispatcher, const EngineRunners &engine, QTextStream &out, QTextStream &err)
{
    const auto onEngine = [&dispatcher, &engine](const QString &name, const QString &summary) {
        dispatcher.add({ name, summary, [name, run = engine.command](const QStringList &arguments) {
                            return run(name, arguments);
                        } });
    };
    onEngine(QStringLiteral("forecast"),
        QStringLiteral("Forecast OHLCV series from CSV files with a Kronos checkpoint"));
    onEngine(QStringLiteral("bench"),
        QStringLiteral("Measure forecast speed with random weights of a published shape"));
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
    onEngine(QStringLiteral("score"),
        QStringLiteral("Score a universe over dates with Kronos, as a resumable run"));
    onEngine(QStringLiteral("probe"),
        QStringLiteral("Try batch sizes: peak memory and speed of short trial batches"));
    dispatcher.add({ QStringLiteral("runs"),
        QStringLiteral("List, show, resume, rename, compare, delete, export or merge scoring runs"),
        [&out, &err, resume = engine.resumeRun](const QStringList &arguments) {
            return runRunsCommand(arguments, out, err, resume);
        } });
    // The job's memory per task comes from the checkpoint's shapes, which the engine reads.
    onEngine(QStringLiteral("slurm"),
        QStringLiteral("Write (and submit) a Slurm job that scores a run in shards and merges it"));
    dispatcher.setVerboseVersion(engine.verboseVersion);
}
