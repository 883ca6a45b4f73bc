#include "evaluation_scores.h"

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
