#pragma once

#include "eval/evaluation.h"
#include "eval/price_panel.h"
#include "run/run_repository.h"

#include <QSqlDatabase>
#include <QStringList>

// A stored run, judged.
struct RunEvaluation
{
    RunRecord run;
    Eval::EvaluationOptions options; // as used: the run's horizons unless others were given
    int scoreCount = 0; // score rows evaluated
    Eval::PricePanel panel; // the prices evaluated against
    Eval::EvaluationReport report;
    QStringList missingTickers; // tickers of the run without a single bar in the database
    // What the user should know about the input: a run still running (evaluated on what it has
    // stored), horizons that neither the run's scores nor its paths reach.
    QStringList notes;
};

// Evaluates a stored run: the one way a run is judged, by `kronos-cli evaluate RUN_ID` and by
// the GUI alike. Reads the run's scores (with their q10/q90 bands), its predicted close paths
// and sample paths (schema 4; older runs have none and are evaluated at their stored horizons),
// the adjusted closes and sectors of its tickers, and evaluates them (evaluateAgainstStore):
// a horizon without scores of its own is scored from the paths, the IC decay covers every
// horizon up to the longest path, calibration uses the samples. A run of a model with random
// weights is a control whose gates never pass. Storing the result is RunEvaluationStore's job.
//
// Works on the connection's thread only (a worker opens its own MarketDatabase); must be
// destroyed before its MarketDatabase.
class RunEvaluator
{
public:
    explicit RunEvaluator(QSqlDatabase database);

    // `options.horizons` empty: the run's horizons. Throws std::runtime_error for an unknown
    // run, a run without scores, or a run none of whose tickers has prices; DatabaseError when
    // the run cannot be read; std::invalid_argument for bad options (see Eval::evaluateScores).
    RunEvaluation evaluate(qint64 runId, Eval::EvaluationOptions options) const;

private:
    // What evaluate() judges, before the prices: the scores with their paths and samples. Fills
    // `evaluation`'s run, notes and horizons (`evaluation.options.horizons` empty: the run's).
    // Throws as evaluate() does.
    Eval::EvaluationInput read(qint64 runId, RunEvaluation &evaluation) const;

    QSqlDatabase m_database;
};
