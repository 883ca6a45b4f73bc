#include "evaluate_command.h"

#include "cli_dispatcher.h"
#include "database_option.h"
#include "evaluation_report_writer.h"
#include "evaluation_summary_table.h"
#include "gate_threshold_options.h"
#include "market_database.h"
#include "positive_list.h"
#include "run_evaluation.h"
#include "run_evaluation_store.h"
#include "score_file_reader.h"

#include <QCommandLineParser>
#include <stdexcept>

namespace {

constexpr int Failed = 1;
constexpr int UsageError = 2;

} // namespace

int runEvaluateCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Evaluate a scoring run (RUN_ID) or any signal's scores (--scores) against the adjusted "
        "closes in the market database: IC, "
        "RankIC, quintile returns and spread, top-quintile turnover, the same for the "
        "momentum and 1-month reversal baselines, walk-forward folds and gates.\n"
        "FILE.csv has date,ticker,score[,horizon] (any signal: compare your own models)."));
    parser.addHelpOption();
    const DatabaseOption database(parser);
    const QCommandLineOption scores(QStringLiteral("scores"),
        QStringLiteral("Scores to evaluate: date,ticker,score[,horizon]."),
        QStringLiteral("FILE.csv"));
    const QCommandLineOption horizons(QStringLiteral("horizons"),
        QStringLiteral("Forward-return horizons in trading rows (default: the run's, or the "
                       "values of the file's horizon column)."),
        QStringLiteral("H,H..."));
    const QCommandLineOption folds(QStringLiteral("folds"),
        QStringLiteral("Walk-forward folds: month, quarter, year or N "
                       "dates per fold (default year)."),
        QStringLiteral("SPEC"), QStringLiteral("year"));
    const QCommandLineOption outputDir(QStringLiteral("output-dir"),
        QStringLiteral("Write per_date.csv, per_fold.csv and "
                       "summary.csv to this folder."),
        QStringLiteral("DIR"));
    parser.addOptions({ scores, horizons, folds, outputDir });
    const GateThresholdOptions gates(parser);
    parser.addPositionalArgument(QStringLiteral("RUN_ID"),
        QStringLiteral("A scoring run of the database (kronos-cli runs list)."),
        QStringLiteral("[RUN_ID]"));
    if (const std::optional<int> status
        = parseCommandArguments(parser, arguments, QStringLiteral("evaluate"), out, err))
        return *status;

    Eval::EvaluationOptions options;
    QString error;
    const std::optional<Eval::FoldSpec> foldSpec = Eval::parseFoldSpec(parser.value(folds));
    const PositiveList horizonList = parsePositiveList(parser.value(horizons));
    const QStringList positional = parser.positionalArguments();
    bool runIdOk = false;
    const qint64 runId = positional.value(0).toLongLong(&runIdOk);
    if (positional.size() > 1)
        error = QStringLiteral("unexpected argument '%1'").arg(positional[1]);
    else if (positional.isEmpty() == !parser.isSet(scores))
        error = QStringLiteral("give either a RUN_ID or --scores FILE.csv");
    else if (!positional.isEmpty() && (!runIdOk || runId < 1))
        error = QStringLiteral("RUN_ID must be a run's number, got '%1'").arg(positional[0]);
    else if (!foldSpec)
        error = QStringLiteral("--folds must be month, quarter, year or a whole number >= 1");
    else if (parser.isSet(horizons) && !horizonList.isValid())
        error = QStringLiteral("--horizons must list whole numbers >= 1, e.g. 20,60,90");
    else
        gates.read(parser, options.gates, error);
    if (!error.isEmpty()) {
        err << "kronos-cli evaluate: " << error << "\n";
        return UsageError;
    }
    options.folds = *foldSpec;

    try {
        // A bad scores file is reported before a database is opened (or created).
        Eval::ScoreFile file;
        if (parser.isSet(scores)) {
            file = Eval::readScoreFile(parser.value(scores));
            if (!parser.isSet(horizons) && file.horizons.empty()) {
                err << "kronos-cli evaluate: --horizons is needed: " << parser.value(scores)
                    << " has no horizon column\n";
                return UsageError;
            }
        }
        MarketDatabase market;
        if (!database.open(parser, market, err))
            return Failed;
        // Without --horizons: the file's horizon values, or the run's (evaluateRun).
        if (parser.isSet(horizons))
            options.horizons = { horizonList.values.begin(), horizonList.values.end() };
        else
            options.horizons = file.horizons;
        StoreEvaluation evaluation;
        if (parser.isSet(scores)) {
            evaluation = evaluateAgainstStore(market.database(), file.rows, options);
        } else {
            RunEvaluation run = evaluateRun(market.database(), runId, options);
            if (run.run.status != RunStatus::Finished)
                err << "kronos-cli evaluate: run " << runId << " is "
                    << runStatusName(run.run.status) << "; evaluating the " << run.run.scored
                    << " series it has scored\n";
            options = run.options;
            evaluation = std::move(run.evaluation);
        }
        const QStringList &missing = evaluation.prices.missingTickers;
        if (!missing.isEmpty())
            err << "kronos-cli evaluate: no prices in the database for " << missing.size()
                << " ticker(s) of the scores (rows ignored): " << missing.join(QStringLiteral(", "))
                << "\n";

        const Eval::EvaluationReport &report = evaluation.report;
        out << Eval::formatEvaluationSummary(report, options.gates);
        out.flush();
        if (!parser.isSet(scores)) {
            RunEvaluationStore(market.database()).save(runId, report);
            err << "kronos-cli evaluate: summary stored with run " << runId << "\n";
        }
        if (parser.isSet(outputDir)) {
            const QString writeError = Eval::writeEvaluationReport(report, parser.value(outputDir));
            if (!writeError.isEmpty()) {
                err << "kronos-cli evaluate: " << writeError << "\n";
                return Failed;
            }
            err << "kronos-cli evaluate: per_date.csv, per_fold.csv and summary.csv written to "
                << parser.value(outputDir) << "\n";
        }
    } catch (const std::exception &exception) {
        err << "kronos-cli evaluate: " << exception.what() << "\n";
        return Failed;
    }
    return 0;
}
