#include "run/evaluation_scores.h"

namespace {

// A sampled close's percentile as a percentile of the predicted return.
std::optional<double> asReturn(const std::optional<double> &close, double lastClose)
{
    if (!close || !(lastClose > 0.0))
        return std::nullopt;
    return *close / lastClose - 1.0;
}

} // namespace

std::vector<Eval::ScoreRow> evaluationScores(const QList<ScoreRow> &runScores)
{
    std::vector<Eval::ScoreRow> rows;
    rows.reserve(size_t(runScores.size()));
    for (const ScoreRow &score : runScores)
        rows.push_back({ score.date.date(), score.ticker, score.score, score.horizon,
            asReturn(score.p10, score.lastClose), asReturn(score.p90, score.lastClose) });
    return rows;
}

void addSeriesPaths(
    Eval::EvaluationInput &input, const SeriesPaths &paths, const std::vector<int> &horizons)
{
    if (!(paths.lastClose > 0.0))
        return;
    const QDate date = paths.date.date();
    input.paths.push_back({ date, paths.ticker, paths.lastClose, paths.mean });
    if (paths.sampleCount == 0)
        return;
    for (int horizon : horizons) {
        if (horizon < 1 || horizon > paths.steps)
            continue;
        Eval::SampledReturns sampled { date, paths.ticker, horizon, {} };
        sampled.returns.reserve(size_t(paths.sampleCount));
        for (int sample = 0; sample < paths.sampleCount; ++sample)
            sampled.returns.push_back(
                double(paths.samples[size_t(sample * paths.steps + horizon - 1)]) / paths.lastClose
                - 1.0);
        input.samples.push_back(std::move(sampled));
    }
}
