#pragma once

#include "eval/evaluation.h"
#include "eval/signal_scores.h"
#include "run/run_records.h"

#include <QList>
#include <vector>

// A run's stored forecasts as core/eval's input, so a finished (or partly finished) run is
// judged with the same functions as a user's scores file. Pure; thread-safe.

// The run's score rows: each keeps its horizon, so every horizon is evaluated on the scores made
// for it; the date is the bar's calendar day; a sampled run's 10th/90th percentile closes become
// the q10/q90 band of the predicted return.
std::vector<Eval::ScoreRow> evaluationScores(const QList<ScoreRow> &runScores);

// Adds one (date, ticker)'s stored paths to `input`: the mean path to input.paths (so horizons
// without score rows, and the IC decay, are scored from it), and for a sampled series each
// sample's return closes[s][h] / lastClose - 1 at every horizon of `horizons` the paths reach,
// to input.samples.
void addSeriesPaths(
    Eval::EvaluationInput &input, const SeriesPaths &paths, const std::vector<int> &horizons);
