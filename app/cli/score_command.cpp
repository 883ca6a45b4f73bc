#include "score_command.h"

#include "cli_dispatcher.h"
#include "database_option.h"
#include "market_database.h"
#include "run_spec_options.h"
#include "scoring_run_driver.h"
#include "scoring_worker.h"

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
    const RunSpecOptions runOptions(parser);
    const QCommandLineOption batchSize(QStringLiteral("batch-size"),
        QStringLiteral("Series per micro-batch, or auto (default 12)."), QStringLiteral("B|auto"),
        QStringLiteral("12"));
    const QCommandLineOption name(
        QStringLiteral("name"), QStringLiteral("The run's name."), QStringLiteral("NAME"));
    const QCommandLineOption output(QStringLiteral("output"),
        QStringLiteral("Also write the scores to this CSV file."), QStringLiteral("scores.csv"));
    parser.addOptions({ batchSize, name, output });
    if (const std::optional<int> status
        = parseCommandArguments(parser, arguments, QStringLiteral("score"), out, err))
        return *status;

    const auto usage = [&](const QString &message) {
        err << "kronos-cli score: " << message << "\n";
        return CliDispatcher::UsageError;
    };
    RunSpec spec;
    QString error;
    if (parser.value(batchSize) == QLatin1String("auto")) {
        spec.batchSize = 0;
    } else {
        qint64 size = 0;
        if (!readPositiveOption(parser.value(batchSize), QStringLiteral("batch-size"), size, error))
            return usage(error);
        spec.batchSize = int(size);
    }
    if (!runOptions.read(parser, spec, error))
        return usage(error);
    spec.name = parser.value(name);

    MarketDatabase market;
    if (!database.open(parser, market, err))
        return 1;
    return ScoringRunDriver::drive(
        market.filePath(),
        [spec](ScoringWorker &worker, std::shared_ptr<RunControl> control) {
            QMetaObject::invokeMethod(
                &worker, [&worker, spec, control] { worker.startRun(spec, control); });
        },
        parser.value(output), out, err);
}
