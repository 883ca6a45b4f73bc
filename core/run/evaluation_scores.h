#pragma once

#include "run_records.h"
#include "signal_scores.h"

#include <QList>
#include <vector>

// A run's stored scores as core/eval's input, so a finished (or partly finished) run is judged
// with the same functions as a user's scores file. Each row keeps its horizon, so every horizon
// is evaluated on the scores made for it; the date is the bar's calendar day; a sampled run's
// 10th/90th percentile closes become the q10/q90 band of the predicted return. Pure;
// thread-safe.
std::vector<Eval::ScoreRow> evaluationScores(const QList<ScoreRow> &runScores);
