#include "evaluate_command.h"

#include "database_option.h"
#include "evaluation_report_writer.h"
#include "evaluation_summary_table.h"
#include "gate_threshold_options.h"
#include "market_database.h"
#include "price_panel_loader.h"
#include "price_store.h"
#include "score_file_reader.h"

#include <QCommandLineParser>

#include <set>

namespace {

constexpr int Failed = 1;
constexpr int UsageError = 2;

// "20,60,90" -> {20, 60, 90} in the order given, repeats dropped; nothing for a bad list.
std::optional<std::vector<int>> parseHorizons(const QString &text)
{
    std::vector<int> horizons;
    std::set<int> seen;
    for (const QString &part : text.split(u',')) {
        bool ok = false;
        const int horizon = part.trimmed().toInt(&ok);
        if (!ok || horizon < 1)
            return std::nullopt;
        if (seen.insert(horizon).second)
            horizons.push_back(horizon);
    }
    return horizons;
}

} // namespace

int runEvaluateCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Evaluate a signal's scores against the adjusted closes in the market database: IC, "
            "RankIC, quintile returns and spread, top-quintile turnover, the same for the "
            "momentum and 1-month reversal baselines, walk-forward folds and gates.\n"
            "FILE.csv has date,ticker,score[,horizon] (any signal: compare your own models)."));
    parser.addHelpOption();
    const DatabaseOption database(parser);
    const QCommandLineOption scores(QStringLiteral("scores"),
                                    QStringLiteral("Scores to evaluate: date,ticker,score[,horizon]."),
                                    QStringLiteral("FILE.csv"));
    const QCommandLineOption horizons(
            QStringLiteral("horizons"),
            QStringLiteral("Forward-return horizons in trading rows (default: the values of the "
                           "file's horizon column)."),
            QStringLiteral("H,H..."));
    const QCommandLineOption folds(QStringLiteral("folds"),
                                   QStringLiteral("Walk-forward folds: month, quarter, year or N "
                                                  "dates per fold (default year)."),
                                   QStringLiteral("SPEC"), QStringLiteral("year"));
    const QCommandLineOption outputDir(QStringLiteral("output-dir"),
                                       QStringLiteral("Write per_date.csv, per_fold.csv and "
                                                      "summary.csv to this folder."),
                                       QStringLiteral("DIR"));
    parser.addOptions({scores, horizons, folds, outputDir});
    const GateThresholdOptions gates(parser);
    if (!parser.parse(arguments)) {
        err << "kronos-cli evaluate: " << parser.errorText() << "\n";
        return UsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return 0;
    }

    Eval::EvaluationOptions options;
    QString error;
    const std::optional<Eval::FoldSpec> foldSpec = Eval::parseFoldSpec(parser.value(folds));
    const std::optional<std::vector<int>> horizonList = parseHorizons(parser.value(horizons));
    if (!parser.isSet(scores))
        error = QStringLiteral("--scores FILE.csv is required");
    else if (!parser.positionalArguments().isEmpty())
        error = QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first());
    else if (!foldSpec)
        error = QStringLiteral("--folds must be month, quarter, year or a whole number >= 1");
    else if (parser.isSet(horizons) && !horizonList)
        error = QStringLiteral("--horizons must list whole numbers >= 1, e.g. 20,60,90");
    else
        gates.read(parser, options.gates, error);
    if (!error.isEmpty()) {
        err << "kronos-cli evaluate: " << error << "\n";
        return UsageError;
    }
    options.folds = *foldSpec;

    try {
        const Eval::ScoreFile scoreFile = Eval::readScoreFile(parser.value(scores));
        if (parser.isSet(horizons))
            options.horizons = *horizonList;
        else if (!scoreFile.horizons.empty())
            options.horizons = scoreFile.horizons;
        else {
            err << "kronos-cli evaluate: --horizons is needed: " << parser.value(scores)
                << " has no horizon column\n";
            return UsageError;
        }

        MarketDatabase market;
        if (!database.open(parser, market, err))
            return Failed;
        const PriceStore store(market.database());
        const Eval::LoadedPricePanel loaded = Eval::PricePanelLoader(store).load(scoreFile.tickers);
        if (!loaded.missingTickers.isEmpty())
            err << "kronos-cli evaluate: no prices in the database for "
                << loaded.missingTickers.size() << " ticker(s) of the scores (rows ignored): "
                << loaded.missingTickers.join(QStringLiteral(", ")) << "\n";
        if (loaded.panel.tickerCount() == 0) {
            err << "kronos-cli evaluate: none of the scores' tickers has prices in "
                << market.filePath() << "\n";
            return Failed;
        }

        const Eval::EvaluationReport report = Eval::evaluateScores(loaded.panel, scoreFile.rows,
                                                                   options);
        out << Eval::formatEvaluationSummary(report, options.gates);
        out.flush();
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
