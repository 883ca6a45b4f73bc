#include "run_evaluation.h"

#include "evaluation_scores.h"
#include "price_store.h"
#include "run_repository.h"

#include <stdexcept>

StoreEvaluation evaluateAgainstStore(QSqlDatabase database,
    const std::vector<Eval::ScoreRow> &scores, const Eval::EvaluationOptions &options)
{
    const PriceStore store(database);
    StoreEvaluation evaluation;
    evaluation.prices = Eval::PricePanelLoader(store).load(Eval::scoredTickers(scores));
    if (evaluation.prices.panel.tickerCount() == 0)
        throw std::runtime_error("none of the scores' tickers has prices in the market database");
    evaluation.report = Eval::evaluateScores(evaluation.prices.panel, scores, options);
    return evaluation;
}

RunEvaluation evaluateRun(QSqlDatabase database, qint64 runId, Eval::EvaluationOptions options)
{
    const RunRepository runs(database);
    const std::optional<RunRecord> run = runs.find(runId);
    if (!run)
        throw std::runtime_error(
            QStringLiteral("no run %1 in the database").arg(runId).toStdString());
    RunEvaluation result;
    result.run = *run;
    result.scores = evaluationScores(runs.scores(runId));
    if (result.scores.empty())
        throw std::runtime_error(
            QStringLiteral("run %1 has no scores yet").arg(runId).toStdString());
    if (options.horizons.empty())
        options.horizons = { run->spec.horizons.begin(), run->spec.horizons.end() };
    result.options = options;
    result.evaluation = evaluateAgainstStore(database, result.scores, options);
    return result;
}
