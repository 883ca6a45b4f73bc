#include "evaluation_scores.h"

std::vector<Eval::ScoreRow> evaluationScores(const QList<ScoreRow> &runScores)
{
    std::vector<Eval::ScoreRow> rows;
    rows.reserve(size_t(runScores.size()));
    for (const ScoreRow &score : runScores)
        rows.push_back({ score.date.date(), score.ticker, score.score, score.horizon });
    return rows;
}
