#pragma once

#include "eval/evaluation.h"
#include "eval/io/price_panel_loader.h"

#include <QSqlDatabase>

// Forecasts of any signal judged against the adjusted closes and sectors the market database
// holds for their tickers: the one place prices are loaded for an evaluation, used by
// RunEvaluator (a stored run), `kronos-cli evaluate --scores` and the workbench's Evaluation tab.

// The prices evaluated against, and the report.
struct StoreEvaluation
{
    Eval::LoadedPricePanel prices; // the scored tickers' panel, and those without a bar
    Eval::EvaluationReport report;
};

// Loads the prices of the tickers `input.scores` names and evaluates `input` (its sectors are
// those of the database). Throws std::runtime_error when none of the tickers has a bar, and as
// Eval::evaluateScores for bad options. Works on the connection's thread only.
StoreEvaluation evaluateAgainstStore(
    QSqlDatabase database, Eval::EvaluationInput input, const Eval::EvaluationOptions &options);
