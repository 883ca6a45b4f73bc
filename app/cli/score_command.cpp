#include "score_command.h"

#include "cli_dispatcher.h"
#include "database_option.h"
#include "engine_options_parser.h"
#include "horizon_list.h"
#include "market_database.h"
#include "run_spec.h"
#include "scoring_run_driver.h"
#include "scoring_worker.h"

#include <QCommandLineParser>

namespace {

constexpr int UsageError = 2;

bool readDate(const QString &text, const QString &option, QDate &date, QString &error)
{
    date = QDate::fromString(text, Qt::ISODate);
    if (!date.isValid())
        error = QStringLiteral("--%1 must be a date like 2019-06-28, got '%2'").arg(option, text);
    return date.isValid();
}

bool readPositive(const QString &text, const QString &option, qint64 &value, QString &error)
{
    bool ok = false;
    value = text.toLongLong(&ok);
    if (!ok || value < 1)
        error = QStringLiteral("--%1 must be a positive integer, got '%2'").arg(option, text);
    return ok && value >= 1;
}

} // namespace

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
    const QCommandLineOption universe(
        QStringLiteral("universe"), QStringLiteral("Universe to score."), QStringLiteral("NAME"));
    const QCommandLineOption date(
        QStringLiteral("date"), QStringLiteral("One evaluation date."), QStringLiteral("D"));
    const QCommandLineOption from(
        QStringLiteral("from"), QStringLiteral("First date of a range."), QStringLiteral("D"));
    const QCommandLineOption to(
        QStringLiteral("to"), QStringLiteral("Last date of a range."), QStringLiteral("D"));
    const QCommandLineOption every(QStringLiteral("every"),
        QStringLiteral("Range: every N-th trading day (default 1)."), QStringLiteral("N"),
        QStringLiteral("1"));
    const QCommandLineOption monthly(
        QStringLiteral("monthly"), QStringLiteral("Range: the first trading day of each month."));
    const QCommandLineOption weekly(
        QStringLiteral("weekly"), QStringLiteral("Range: the first trading day of each week."));
    const QCommandLineOption horizons(QStringLiteral("horizons"),
        QStringLiteral("Trading days ahead (default 20,60,90)."), QStringLiteral("H,H"),
        QStringLiteral("20,60,90"));
    const QCommandLineOption lookback(QStringLiteral("lookback"),
        QStringLiteral("Context bars per series (default 252)."), QStringLiteral("N"),
        QStringLiteral("252"));
    const QCommandLineOption model(QStringLiteral("model"),
        QStringLiteral("Predictor checkpoint folder."), QStringLiteral("DIR"));
    const QCommandLineOption tokenizer(QStringLiteral("tokenizer"),
        QStringLiteral("Tokenizer checkpoint folder."), QStringLiteral("DIR"));
    const QCommandLineOption randomWeights(QStringLiteral("random-weights"),
        QStringLiteral("Instead of a checkpoint: seeded random weights of mini, small or base "
                       "(speed and memory measurements only)."),
        QStringLiteral("SHAPE"));
    const QCommandLineOption batchSize(QStringLiteral("batch-size"),
        QStringLiteral("Series per micro-batch, or auto (default 12)."), QStringLiteral("B|auto"),
        QStringLiteral("12"));
    const QCommandLineOption budget(QStringLiteral("memory-budget"),
        QStringLiteral("Memory budget in MB (default: 70% of physical "
                       "memory on the CPU)."),
        QStringLiteral("MB"));
    const QCommandLineOption name(
        QStringLiteral("name"), QStringLiteral("The run's name."), QStringLiteral("NAME"));
    const QCommandLineOption output(QStringLiteral("output"),
        QStringLiteral("Also write the scores to this CSV file."), QStringLiteral("scores.csv"));
    parser.addOptions({ universe, date, from, to, every, monthly, weekly, horizons, lookback, model,
        tokenizer, randomWeights, batchSize, budget, name, output });
    const EngineOptionsParser engineOptions(parser, /*withSampling=*/true);
    if (const std::optional<int> status
        = parseCommandArguments(parser, arguments, QStringLiteral("score"), out, err))
        return *status;

    RunSpec spec;
    QString error;
    kronos::EngineOptions engine;
    bool sampled = false;
    for (const char *option : { "temperature", "top-k", "top-p", "sample-count", "seed" })
        sampled = sampled || parser.isSet(QLatin1String(option));
    qint64 number = 0;
    const auto usage = [&](const QString &message) {
        err << "kronos-cli score: " << message << "\n";
        return UsageError;
    };
    if (!parser.isSet(universe))
        return usage(QStringLiteral("--universe NAME is required"));
    spec.universe = parser.value(universe);
    spec.name = parser.value(name);
    if (parser.isSet(date) == (parser.isSet(from) || parser.isSet(to)))
        return usage(QStringLiteral("give either --date D or --from D --to D"));
    if (parser.isSet(date)) {
        QDate day;
        if (!readDate(parser.value(date), QStringLiteral("date"), day, error))
            return usage(error);
        spec.dates = DateSelection::single(day);
    } else {
        if (!parser.isSet(from) || !parser.isSet(to))
            return usage(QStringLiteral("a range needs both --from and --to"));
        if (!readDate(parser.value(from), QStringLiteral("from"), spec.dates.from, error)
            || !readDate(parser.value(to), QStringLiteral("to"), spec.dates.to, error))
            return usage(error);
        if (int(parser.isSet(monthly)) + int(parser.isSet(weekly)) + int(parser.isSet(every)) > 1)
            return usage(QStringLiteral("choose one of --every, --monthly and --weekly"));
        if (!readPositive(parser.value(every), QStringLiteral("every"), number, error))
            return usage(error);
        spec.dates.every = int(number);
        spec.dates.step = parser.isSet(monthly) ? DateStep::Monthly
            : parser.isSet(weekly)              ? DateStep::Weekly
                                                : DateStep::EveryNTradingDays;
    }
    const std::optional<QList<int>> horizonList = parseHorizonList(parser.value(horizons));
    if (!horizonList)
        return usage(QStringLiteral("--horizons must be positive integers like 20,60,90, got '%1'")
                         .arg(parser.value(horizons)));
    spec.horizons = *horizonList;
    if (!readPositive(parser.value(lookback), QStringLiteral("lookback"), number, error))
        return usage(error);
    spec.lookback = int(number);
    if (parser.value(batchSize) == QLatin1String("auto")) {
        spec.batchSize = 0;
    } else {
        if (!readPositive(parser.value(batchSize), QStringLiteral("batch-size"), number, error))
            return usage(error);
        spec.batchSize = int(number);
    }
    if (parser.isSet(budget)) {
        if (!readPositive(parser.value(budget), QStringLiteral("memory-budget"), number, error))
            return usage(error);
        spec.memoryBudgetMb = number;
    }
    spec.model.modelDir = parser.value(model);
    spec.model.tokenizerDir = parser.value(tokenizer);
    spec.model.randomShape = parser.value(randomWeights);
    if (!engineOptions.read(parser, engine, spec.sampling, error))
        return usage(error);
    if (!sampled)
        spec.sampling = kronos::SamplingOptions::greedy();
    spec.device = engine.device;
    spec.threads = engine.threads;
    spec.maxContext = engine.maxContext;
    error = spec.validate();
    if (!error.isEmpty())
        return usage(error);

    MarketDatabase market;
    if (!database.open(parser, market, err))
        return 1;
    return ScoringRunDriver::drive(
        market.filePath(),
        [spec](ScoringWorker &worker) {
            QMetaObject::invokeMethod(&worker, [&worker, spec] { worker.startRun(spec); });
        },
        parser.value(output), out, err);
}
