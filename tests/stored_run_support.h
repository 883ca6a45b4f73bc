#pragma once

// Scores of any signal stored as a scoring run, for the tests that evaluate a run by its id
// (the Evaluation tab, `kronos-cli evaluate RUN_ID`).

#include "eval/signal_scores.h"
#include "run/run_repository.h"

#include <QSqlDatabase>
#include <cmath>
#include <vector>

// Stores `rows` (unscored ones left out) as one committed batch of a new run over `universe` at
// `horizons`, left running (partly done, as a run whose worker stopped). Returns its id.
inline qint64 storeScoresAsRun(QSqlDatabase database, const std::vector<Eval::ScoreRow> &rows,
    const QString &universe, const QList<int> &horizons)
{
    RunRepository runs(database);
    RunSpec spec;
    spec.universe = universe;
    spec.horizons = horizons;
    QList<ScoreRow> scores;
    for (const Eval::ScoreRow &row : rows) {
        if (std::isnan(row.score))
            continue; // not scored
        for (int horizon : horizons) {
            ScoreRow score;
            score.date = QDateTime(row.date, QTime(0, 0), Qt::UTC);
            score.ticker = row.ticker;
            score.horizon = horizon;
            score.score = row.score;
            scores.append(score);
        }
    }
    const qint64 runId = runs.create(spec, int(rows.size()), {});
    runs.commitBatch(runId, { 0, int(scores.size() / horizons.size()), 1.0, 0 }, scores, {});
    return runId;
}
