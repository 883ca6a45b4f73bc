#include "cli/probe_command.h"

#include "cli/cli_dispatcher.h"
#include "cli/cli_worker_thread.h"
#include "cli/database_option.h"
#include "cli/interrupt_flag.h"
#include "cli/run_spec_options.h"
#include "data/byte_size.h"
#include "data/market_database.h"
#include "run/batch_size_probe.h"
#include "run/positive_list.h"
#include "run/scoring_worker.h"

#include <QCommandLineParser>
#include <optional>

int runProbeCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Which batch size should a run use on this machine? Runs short trial batches of "
        "growing size (8 decode steps each, on a context that makes the final decode as long as "
        "the run's) on the plan's date with the most scorable tickers, and prints each trial's "
        "peak memory and the series per second a run would reach, extrapolated to the longest "
        "horizon. Stops at the first trial that runs out of memory or over the budget. Stores "
        "nothing."));
    parser.addHelpOption();
    const DatabaseOption database(parser);
    const RunSpecOptions runOptions(parser);
    const QCommandLineOption sizes(QStringLiteral("sizes"),
        QStringLiteral("Batch sizes to try (default 1,2,4,8,… up to the universe)."),
        QStringLiteral("B,B"));
    parser.addOption(sizes);
    if (const std::optional<int> status
        = parseCommandArguments(parser, arguments, QStringLiteral("probe"), out, err))
        return *status;

    const auto usage = [&](const QString &message) {
        err << "kronos-cli probe: " << message << "\n";
        return CliDispatcher::UsageError;
    };
    RunSpec spec;
    QString error;
    if (!runOptions.read(parser, spec, error))
        return usage(error);
    QList<int> trialSizes; // none: the worker's default, 1, 2, 4, … up to the universe
    if (parser.isSet(sizes)) {
        const PositiveList given = parsePositiveList(parser.value(sizes));
        if (!given.isValid())
            return usage(QStringLiteral("--sizes must be positive integers like 1,4,16, got '%1'")
                             .arg(parser.value(sizes)));
        trialSizes = given.values;
    }
    MarketDatabase market;
    if (!database.open(parser, market, err))
        return 1;

    CliWorkerThread session(market.filePath());
    QList<ProbeTrial> trials;
    std::optional<QString> failure;
    out << "batch | steps | trial s | peak MiB | est. s at horizon | est. series/s\n" << Qt::flush;
    QObject::connect(session.worker(), &ScoringWorker::probeTrialFinished, session.context(),
        [&](const ProbeTrial &trial) {
            trials.append(trial);
            out << QStringLiteral("%1 | %2 | %3 | %4 | %5 | %6%7\n")
                       .arg(trial.size, 5)
                       .arg(trial.steps, 5)
                       .arg(trial.seconds, 7, 'f', 2)
                       .arg(ByteSize::toMiB(trial.peakBytes), 8, 'f', 0)
                       .arg(trial.estimatedSeconds, 17, 'f', 1)
                       .arg(trial.estimatedSeriesPerSecond(), 13, 'f', 2)
                       .arg(trial.failed() ? QStringLiteral("  failed: ") + trial.failure
                                           : QString())
                << Qt::flush;
        });
    QObject::connect(
        session.worker(), &ScoringWorker::probeFinished, session.context(), [&](const QString &e) {
            failure = e;
            session.quit();
        });
    session.run([spec, trialSizes](ScoringWorker &worker, std::shared_ptr<RunControl> control) {
        QMetaObject::invokeMethod(&worker, [&worker, spec, trialSizes, control] {
            worker.probeBatchSizes(spec, trialSizes, control);
        });
    });

    if (failure && !failure->isEmpty()) {
        err << "kronos-cli probe: " << *failure << "\n";
        return 1;
    }
    // The budget the worker judged the trials by.
    const qint64 budget = spec.memoryBudgetBytes();
    const std::optional<ProbeTrial> best = BatchSizeProbe::fastestWithin(trials, budget);
    if (best)
        out << QStringLiteral("fastest within 90% of the %1 budget: --batch-size %2 (about "
                              "%3 series/s to horizon %4)\n")
                   .arg(ByteSize::format(budget))
                   .arg(best->size)
                   .arg(best->estimatedSeriesPerSecond(), 0, 'f', 2)
                   .arg(best->horizon);
    else if (!trials.isEmpty())
        out << QStringLiteral("no trial stayed within 90% of the %1 budget\n")
                   .arg(ByteSize::format(budget));
    return session.interrupted() ? InterruptFlag::ExitStatus : 0;
}
