#pragma once

// Kronos Workbench evaluation — how good are a signal's scores?
//
// API in one paragraph: build a PricePanel (adjusted closes, dates x tickers, NaN for a missing
// bar) and a list of ScoreRow (date, ticker, score, optional horizon), choose
// EvaluationOptions (horizons, folds, gate thresholds) and call evaluateScores(). The
// EvaluationReport that comes back holds, per horizon, the model and its two baselines
// (momentum, 1-month reversal) on the same dates and names: per-date results (the rows of
// per_date.csv), an overall summary and one summary per walk-forward fold; the model's
// per-date Spearman correlation with momentum; whether consecutive dates' horizons overlap
// (t-statistics then optimistic); and the gates' verdicts. Nothing here touches a database, a
// file or a widget: callers (CLI, GUI) read their inputs and print or export the structs.
// Every function is pure and thread-safe; a report owns all its data. The building blocks
// (rank_correlation.h, quintiles.h, cross_section_metrics.h, signal_evaluation.h, ...) are
// usable on their own.

#include "baseline_signals.h"
#include "gates.h"
#include "metric_summary.h"
#include "price_panel.h"
#include "signal_evaluation.h"
#include "signal_scores.h"
#include "walk_forward_folds.h"

#include <QDate>
#include <QString>
#include <optional>
#include <vector>

namespace Eval {

struct EvaluationOptions
{
    std::vector<int> horizons { 20, 60, 90 }; // trading rows; each >= 1
    int reversalLookback = kReversalLookback; // trading rows of the reversal baseline
    FoldSpec folds;
    GateThresholds gates;
};

enum class SignalKind {
    Model,
    Momentum, // past return over the horizon
    Reversal, // minus the past 1-month return
};

// "model", "momentum" or "reversal": the `signal` column of per_date.csv.
QString signalName(SignalKind kind);

struct SignalEvaluation
{
    SignalKind kind = SignalKind::Model;
    std::vector<DateResult> perDate; // one per evaluation date, ascending
    SignalSummary overall;
};

struct FoldEvaluation
{
    QString label;
    QDate firstDate;
    QDate lastDate;
    SignalSummary model;
    SignalSummary momentum;
    SignalSummary reversal;
    MetricSummary momentumCorrelation;
};

struct HorizonEvaluation
{
    int horizon = 0;
    SignalEvaluation model;
    SignalEvaluation momentum;
    SignalEvaluation reversal;
    std::vector<std::optional<double>> momentumCorrelationPerDate; // aligned with model.perDate
    MetricSummary momentumCorrelation;
    std::optional<int> minimumDateSpacing; // rows between the closest consecutive dates
    bool overlapping = false; // horizon > minimumDateSpacing: t-stats optimistic
    std::vector<FoldEvaluation> folds;
    // Score rows that could not be placed on the panel (see ScoreMatching).
    int unknownDateRows = 0;
    int unknownTickerRows = 0;
    int duplicateRows = 0;
};

struct EvaluationReport
{
    std::vector<HorizonEvaluation> horizons; // in the order of EvaluationOptions::horizons
    GateVerdict gates; // the model's, one entry per horizon
};

// Evaluates `scores` against `panel` at every horizon of `options` (see the note above).
// Throws std::invalid_argument for a horizon or reversal lookback < 1, or an EveryNDates fold
// spec with fewer than 1 date per fold.
EvaluationReport evaluateScores(
    const PricePanel &panel, const std::vector<ScoreRow> &scores, const EvaluationOptions &options);

} // namespace Eval
