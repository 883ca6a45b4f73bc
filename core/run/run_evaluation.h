#pragma once

#include "evaluation.h"
#include "price_panel_loader.h"
#include "run_records.h"

#include <vector>

class QSqlDatabase;

// Scores judged against the adjusted closes the market database holds for their tickers: what
// `kronos-cli evaluate` prints and the workbench's Evaluation tab shows, computed by this one
// path. A run's evaluation is then stored with it (RunEvaluationStore), by both.

// The prices evaluated against, and the report.
struct StoreEvaluation
{
    Eval::LoadedPricePanel prices; // the scored tickers' panel, and those without a bar
    Eval::EvaluationReport report;
};

// Loads the prices of the tickers `scores` name and evaluates the scores. Throws
// std::runtime_error when none of the tickers has a bar, or a ticker has intraday bars.
StoreEvaluation evaluateAgainstStore(QSqlDatabase database,
    const std::vector<Eval::ScoreRow> &scores, const Eval::EvaluationOptions &options);

// A scoring run judged on the scores it has stored: a running, cancelled or failed run on
// those stored so far.
struct RunEvaluation
{
    RunRecord run;
    std::vector<Eval::ScoreRow> scores; // evaluationScores() of its stored scores
    Eval::EvaluationOptions options; // as used: the run's horizons unless others were given
    StoreEvaluation evaluation;
};

// Evaluates run `runId`'s stored scores; `options.horizons` empty means the run's horizons.
// Throws std::runtime_error for an unknown run, a run without scores, or as
// evaluateAgainstStore().
RunEvaluation evaluateRun(QSqlDatabase database, qint64 runId, Eval::EvaluationOptions options);
