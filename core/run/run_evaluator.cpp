#include "run_evaluator.h"

#include "evaluation_scores.h"
#include "store_evaluation.h"

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

RunEvaluation RunEvaluator::evaluate(qint64 runId, Eval::EvaluationOptions options) const
{
    const RunRepository runs(m_database);
    RunEvaluation evaluation;
    const std::optional<RunRecord> run = runs.find(runId);
    if (!run)
        fail(QStringLiteral("no run %1 in the database").arg(runId));
    evaluation.run = *run;
    if (options.horizons.empty())
        options.horizons.assign(run->spec.horizons.begin(), run->spec.horizons.end());
    options.randomWeights = !run->spec.model.randomShape.isEmpty();

    Eval::EvaluationInput input;
    input.scores = evaluationScores(runs.scores(runId));
    evaluation.scoreCount = int(input.scores.size());
    if (input.scores.empty())
        fail(QStringLiteral("run %1 has no scores yet").arg(runId));
    runs.forEachSeriesPaths(runId, run->spec.sampling.sampleCount > 1,
        [&](const SeriesPaths &paths) { addSeriesPaths(input, paths, options.horizons); });
    if (run->status != RunStatus::Finished)
        evaluation.notes << QStringLiteral("run %1 is %2; evaluating the %3 series it has scored")
                                .arg(runId)
                                .arg(runStatusName(run->status))
                                .arg(run->scored);

    int longestPath = 0;
    for (const Eval::PredictedPath &path : input.paths)
        longestPath = std::max(longestPath, int(path.closes.size()));
    for (int horizon : options.horizons) {
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

    StoreEvaluation judged = evaluateAgainstStore(m_database, std::move(input), options);
    evaluation.missingTickers = judged.prices.missingTickers;
    evaluation.panel = std::move(judged.prices.panel);
    evaluation.report = std::move(judged.report);
    evaluation.options = options;
    return evaluation;
}
