#include "cli/evaluate_command.h"

#include "cli/cli_dispatcher.h"
#include "cli/database_option.h"
#include "cli/gate_threshold_options.h"
#include "data/market_database.h"
#include "eval/io/evaluation_report_writer.h"
#include "eval/io/evaluation_summary_table.h"
#include "eval/io/judgement_tables.h"
#include "eval/io/score_file_reader.h"
#include "eval/report/evaluation_html_report.h"
#include "run/positive_list.h"
#include "run/run_evaluation_store.h"
#include "run/run_evaluator.h"
#include "run/run_report_subject.h"
#include "run/store_evaluation.h"

#include <QCommandLineParser>
#include <stdexcept>

namespace {

constexpr int Failed = 1;
constexpr int UsageError = 2;

// A scores file, with its samples, and the horizons of its horizon column.
struct FileInput
{
    Eval::EvaluationInput forecasts;
    std::vector<int> horizons; // may be empty
};

FileInput readFiles(const QString &scoresPath, const QString &samplesPath)
{
    Eval::ScoreFile file = Eval::readScoreFile(scoresPath);
    FileInput input;
    input.forecasts.scores = std::move(file.rows);
    if (!samplesPath.isEmpty())
        input.forecasts.samples = Eval::readSampleFile(samplesPath);
    input.horizons = std::move(file.horizons);
    return input;
}

// What an evaluation came to, whether of files or of a run.
struct Judgement
{
    Eval::EvaluationReport report;
    QStringList missingTickers;
    Eval::ReportSubject subject = {}; // for --report
};

// Throws std::runtime_error when none of the scores' tickers has prices.
Judgement judgeFiles(
    const MarketDatabase &market, FileInput input, const Eval::EvaluationOptions &options)
{
    StoreEvaluation judged
        = evaluateAgainstStore(market.database(), std::move(input.forecasts), options);
    return { std::move(judged.report), judged.prices.missingTickers };
}

} // namespace

int runEvaluateCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Evaluate a scoring run (RUN_ID) or any signal's scores (--scores) against the adjusted "
        "closes in the market database: IC, "
        "RankIC, quintile returns and spread, top-quintile turnover, the same for the "
        "momentum and 1-month reversal baselines, walk-forward folds, Newey-West significance, "
        "accuracy against persistence, calibration of sampled bands, a costed long-short book, "
        "RankIC by month and sector, IC decay and gates.\n"
        "FILE.csv has date,ticker,score[,horizon][,q10,q90] (any signal: compare your own "
        "models)."));
    parser.addHelpOption();
    const DatabaseOption database(parser);
    const QCommandLineOption scores(QStringLiteral("scores"),
        QStringLiteral("Scores to evaluate: date,ticker,score[,horizon][,q10,q90]."),
        QStringLiteral("FILE.csv"));
    const QCommandLineOption samples(QStringLiteral("samples"),
        QStringLiteral("Sampled predicted returns of the scores (with --scores): "
                       "date,ticker,horizon,sample,return."),
        QStringLiteral("FILE.csv"));
    const QCommandLineOption costBps(QStringLiteral("cost-bps"),
        QStringLiteral("Cost of the long-short book per unit traded, in basis points "
                       "(default %1).")
            .arg(Eval::kDefaultCostBps),
        QStringLiteral("BPS"));
    const QCommandLineOption horizons(QStringLiteral("horizons"),
        QStringLiteral("Forward-return horizons in trading rows (default: the run's, or the "
                       "values of the file's horizon column)."),
        QStringLiteral("H,H..."));
    const QCommandLineOption folds(QStringLiteral("folds"),
        QStringLiteral("Walk-forward folds: month, quarter, year or N "
                       "dates per fold (default year)."),
        QStringLiteral("SPEC"), QStringLiteral("year"));
    const QCommandLineOption outputDir(QStringLiteral("output-dir"),
        QStringLiteral("Write per_date.csv, per_fold.csv, summary.csv and the judgement tables "
                       "(significance.csv, accuracy.csv, ...) to this folder."),
        QStringLiteral("DIR"));
    const QCommandLineOption reportFile(QStringLiteral("report"),
        QStringLiteral("Write the evaluation as one self-contained HTML page (verdict, tables, "
                       "charts; opens in any browser, no network)."),
        QStringLiteral("FILE.html"));
    parser.addOptions({ scores, samples, horizons, folds, outputDir, costBps, reportFile });
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
    bool costOk = true;
    const double cost
        = parser.isSet(costBps) ? parser.value(costBps).toDouble(&costOk) : Eval::kDefaultCostBps;
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
    else if (parser.isSet(samples) && !parser.isSet(scores))
        error
            = QStringLiteral("--samples goes with --scores (a run's samples are in the database)");
    else if (!costOk || !(cost >= 0.0))
        error = QStringLiteral("--cost-bps must be a number >= 0, got '%1'")
                    .arg(parser.value(costBps));
    else
        gates.read(parser, options.gates, error);
    if (!error.isEmpty()) {
        err << "kronos-cli evaluate: " << error << "\n";
        return UsageError;
    }
    options.folds = *foldSpec;
    options.costBps = cost;

    try {
        // A bad scores file is reported before a database is opened (or created).
        FileInput files;
        if (parser.isSet(scores)) {
            files = readFiles(parser.value(scores), parser.value(samples));
            if (!parser.isSet(horizons) && files.horizons.empty()) {
                err << "kronos-cli evaluate: --horizons is needed: " << parser.value(scores)
                    << " has no horizon column\n";
                return UsageError;
            }
        }
        MarketDatabase market;
        if (!database.open(parser, market, err))
            return Failed;
        if (parser.isSet(horizons))
            options.horizons.assign(horizonList.values.begin(), horizonList.values.end());
        else
            options.horizons = files.horizons; // empty for a run: the run's own

        Judgement judgement;
        if (parser.isSet(scores)) {
            judgement = judgeFiles(market, std::move(files), options);
            judgement.subject
                = Eval::scoresFileSubject(parser.value(scores), parser.value(samples));
        } else {
            RunEvaluation evaluation = RunEvaluator(market.database()).evaluate(runId, options);
            for (const QString &note : std::as_const(evaluation.notes))
                err << "kronos-cli evaluate: " << note << "\n";
            judgement = { std::move(evaluation.report), evaluation.missingTickers,
                runReportSubject(evaluation.run) };
        }
        Eval::notePriceSource(judgement.subject, market.filePath());
        judgement.subject.generated = QDateTime::currentDateTime();
        if (!judgement.missingTickers.isEmpty())
            err << "kronos-cli evaluate: no prices in the database for "
                << judgement.missingTickers.size() << " ticker(s) of the scores (rows ignored): "
                << judgement.missingTickers.join(QStringLiteral(", ")) << "\n";
        const Eval::EvaluationReport &report = judgement.report;
        out << Eval::formatEvaluationSummary(report);
        out.flush();
        if (!parser.isSet(scores)) {
            RunEvaluationStore(market.database()).save(runId, report);
            err << "kronos-cli evaluate: summary stored with run " << runId << "\n";
        }
        if (parser.isSet(outputDir)) {
            Eval::writeEvaluationReport(report, parser.value(outputDir));
            err << "kronos-cli evaluate: per_date.csv, per_fold.csv, summary.csv, "
                << Eval::judgementTableNames().join(QStringLiteral(", ")) << " written to "
                << parser.value(outputDir) << "\n";
        }
        if (parser.isSet(reportFile)) {
            Eval::writeEvaluationReportHtml(report, judgement.subject, parser.value(reportFile));
            err << "kronos-cli evaluate: report written to " << parser.value(reportFile) << "\n";
        }
    } catch (const std::exception &exception) {
        err << "kronos-cli evaluate: " << exception.what() << "\n";
        return Failed;
    }
    return 0;
}
