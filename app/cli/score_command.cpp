#include "cli/score_command.h"

#include "cli/cli_dispatcher.h"
#include "cli/database_option.h"
#include "cli/scoring_run_driver.h"
#include "cli/scoring_run_options.h"
#include "data/market_database.h"
#include "run/checkpoint_fingerprint.h"
#include "run/run_repository.h"
#include "run/scoring_worker.h"
#include "run/shard_runs.h"

#include <QCommandLineParser>

int runScoreCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Score a universe over evaluation dates with Kronos: score = (predicted close at h - "
        "last close) / last close for each horizon h. The run is stored in the market database "
        "batch by batch; an interrupted run is resumed with `kronos-cli runs resume ID`.\n"
        "Without sampling options decoding is greedy."));
    parser.addHelpOption();
    const DatabaseOption database(parser);
    const ScoringRunOptions runOptions(parser);
    const QCommandLineOption shard(QStringLiteral("shard"),
        QStringLiteral("Score only shard I of N: the evaluation dates at positions = I (mod N) "
                       "of the run's plan, as a run of their own that the same command resumes "
                       "(merge the shards with `kronos-cli runs merge`)."),
        QStringLiteral("I/N"));
    const QCommandLineOption output(QStringLiteral("output"),
        QStringLiteral("Also write the scores to this CSV file."), QStringLiteral("scores.csv"));
    parser.addOptions({ shard, output });
    if (const std::optional<int> status
        = parseCommandArguments(parser, arguments, QStringLiteral("score"), out, err))
        return *status;

    const auto usage = [&](const QString &message) {
        err << "kronos-cli score: " << message << "\n";
        return CliDispatcher::UsageError;
    };
    RunSpec spec;
    QString error;
    if (!runOptions.read(parser, spec, error))
        return usage(error);
    if (parser.isSet(shard)) {
        spec.shard = RunShard::parse(parser.value(shard), error);
        if (!spec.shard)
            return usage(error);
    }

    MarketDatabase market;
    if (!database.open(parser, market, err))
        return 1;
    const auto drive = [&](const CliWorkerThread::Start &start) {
        return ScoringRunDriver::drive(market.filePath(), start, parser.value(output), out, err);
    };
    if (spec.shard) {
        // A shard's task may be started again (requeued, resubmitted): it continues its run.
        std::optional<RunRecord> own;
        try {
            spec.model.contentHash = CheckpointFingerprint::of(spec.model);
            own = ShardRuns::find(RunRepository(market.database()), spec);
        } catch (const std::exception &failure) {
            err << "kronos-cli score: " << failure.what() << "\n";
            return 1;
        }
        if (own && own->status == RunStatus::Finished) {
            err << QStringLiteral("shard %1: run %2 in %3 is finished already\n")
                       .arg(spec.shard->text())
                       .arg(own->id)
                       .arg(market.filePath());
            return 0;
        }
        if (own) {
            err << QStringLiteral("shard %1: resuming run %2 in %3\n")
                       .arg(spec.shard->text())
                       .arg(own->id)
                       .arg(market.filePath());
            const qint64 id = own->id;
            return drive([id](ScoringWorker &worker, std::shared_ptr<RunControl> control) {
                QMetaObject::invokeMethod(
                    &worker, [&worker, id, control] { worker.resumeRun(id, control); });
            });
        }
    }
    return drive([spec](ScoringWorker &worker, std::shared_ptr<RunControl> control) {
        QMetaObject::invokeMethod(
            &worker, [&worker, spec, control] { worker.startRun(spec, control); });
    });
}
