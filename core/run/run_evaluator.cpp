#include "run/run_evaluator.h"

#include "run/evaluation_scores.h"
#include "run/store_evaluation.h"

#include <stdexcept>

namespace {

[[noreturn]] void fail(const QString &message)
{
    throw std::runtime_error(message.toStdString());
}

} // namespace

RunEvaluator::RunEvaluator(QSqlDatabase database)
    : m_database(std::move(database))
{
}

Eval::EvaluationInput RunEvaluator::read(qint64 runId, RunEvaluation &evaluation) const
{
    const RunRepository runs(m_database);
    const std::optional<RunRecord> run = runs.find(runId);
    if (!run)
        fail(QStringLiteral("no run %1 in the database").arg(runId));
    evaluation.run = *run;
    std::vector<int> &horizons = evaluation.options.horizons;
    if (horizons.empty())
        horizons.assign(run->spec.horizons.begin(), run->spec.horizons.end());

    Eval::EvaluationInput input;
    input.scores = evaluationScores(runs.scores(runId));
    if (input.scores.empty())
        fail(QStringLiteral("run %1 has no scores yet").arg(runId));
    runs.forEachSeriesPaths(runId, run->spec.sampling.sampleCount > 1,
        [&](const SeriesPaths &paths) { addSeriesPaths(input, paths, horizons); });
    if (run->status != RunStatus::Finished)
        evaluation.notes << QStringLiteral("run %1 is %2; evaluating the %3 series it has scored")
                                .arg(runId)
                                .arg(runStatusName(run->status))
                                .arg(run->scored);

    int longestPath = 0;
    for (const Eval::PredictedPath &path : input.paths)
        longestPath = std::max(longestPath, int(path.closes.size()));
    for (int horizon : horizons) {
        if (run->spec.horizons.contains(horizon) || horizon <= longestPath)
            continue;
        evaluation.notes << (longestPath == 0
                ? QStringLiteral("run %1 has no scores at horizon %2 and no stored paths (it was "
                                 "scored before paths were kept): only its own horizons can be "
                                 "evaluated")
                      .arg(runId)
                      .arg(horizon)
                : QStringLiteral("run %1 has no scores at horizon %2, and its paths reach only "
                                 "%3 steps")
                      .arg(runId)
                      .arg(horizon)
                      .arg(longestPath));
    }
    return input;
}

RunEvaluation RunEvaluator::evaluate(qint64 runId, Eval::EvaluationOptions options) const
{
    RunEvaluation evaluation;
    evaluation.options = std::move(options);
    Eval::EvaluationInput input = read(runId, evaluation);
    evaluation.options.randomWeights = !evaluation.run.spec.model.randomShape.isEmpty();
    evaluation.scoreCount = int(input.scores.size());

    StoreEvaluation judged = evaluateAgainstStore(m_database, std::move(input), evaluation.options);
    evaluation.missingTickers = judged.prices.missingTickers;
    evaluation.panel = std::move(judged.prices.panel);
    evaluation.report = std::move(judged.report);
    return evaluation;
}
