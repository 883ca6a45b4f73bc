#pragma once

// Kronos Workbench evaluation — how good are a signal's scores?
//
// API in one paragraph: build a PricePanel (adjusted closes, dates x tickers, NaN for a missing
// bar) and an EvaluationInput (ScoreRow list: date, ticker, score, optional horizon and
// q10/q90; optionally each score's sampled returns, a run's predicted close paths and the
// tickers' sectors), choose EvaluationOptions (horizons, folds, cost, gate thresholds) and call
// evaluateScores(). The EvaluationReport that comes back holds, per horizon, the model and its
// two baselines (momentum, 1-month reversal) on the same dates and names: per-date results (the
// rows of per_date.csv), an overall summary, one summary per walk-forward fold, the Newey-West
// significance of IC, RankIC, spread and sector-neutral RankIC, the costed long-short book,
// monthly and per-sector RankIC and the rank autocorrelation; for the model also its accuracy
// against persistence and, when sampled, the calibration of its bands; then the IC decay over
// horizons and the gates' verdicts. Nothing here touches a database, a file or a widget: callers
// (CLI, GUI) read their inputs and print or export the structs. Every function is pure and
// thread-safe; a report owns all its data. The building blocks (rank_correlation.h,
// newey_west.h, long_short_book.h, forecast_calibration.h, ...) are usable on their own.

#include "eval/baseline_signals.h"
#include "eval/forecast_accuracy.h"
#include "eval/forecast_calibration.h"
#include "eval/gates.h"
#include "eval/long_short_book.h"
#include "eval/metric_summary.h"
#include "eval/newey_west.h"
#include "eval/price_panel.h"
#include "eval/rank_ic_breakdown.h"
#include "eval/signal_evaluation.h"
#include "eval/signal_scores.h"
#include "eval/walk_forward_folds.h"

#include <QDate>
#include <QHash>
#include <QString>
#include <optional>
#include <vector>

namespace Eval {

// What is judged, besides the prices.
struct EvaluationInput
{
    std::vector<ScoreRow> scores;
    // Sampled predicted returns per (date, ticker, horizon); empty: no calibration.
    std::vector<SampledReturns> samples;
    // A run's predicted close paths: a horizon without score rows of its own is scored from them,
    // and the IC decay covers every horizon up to the longest path.
    std::vector<PredictedPath> paths;
    // Ticker -> GICS sector; a ticker without one counts as unknownSector().
    QHash<QString, QString> sectors;
};

struct EvaluationOptions
{
    std::vector<int> horizons { 20, 60, 90 }; // trading rows; each >= 1
    int reversalLookback = kReversalLookback; // trading rows of the reversal baseline
    FoldSpec folds;
    GateThresholds gates;
    double costBps = kDefaultCostBps; // of the long-short book, per unit traded
    // The scores come from a model with random weights (a control run): gates are never passed.
    bool randomWeights = false;
};

enum class SignalKind {
    Model,
    Momentum, // past return over the horizon
    Reversal, // minus the past 1-month return
};

// "model", "momentum" or "reversal": the `signal` column of the CSV files.
QString signalName(SignalKind kind);

// Newey-West statistics of the per-date figures of significance.csv.
struct SignalSignificance
{
    NeweyWestEstimate ic;
    NeweyWestEstimate rankIc;
    NeweyWestEstimate spread;
    NeweyWestEstimate sectorNeutralRankIc;
};

struct SignalEvaluation
{
    SignalKind kind = SignalKind::Model;
    std::vector<DateResult> perDate; // one per evaluation date, ascending
    SignalSummary overall;
    SignalSignificance significance;
    LongShortBook book;
    std::vector<MonthlyRankIc> monthlyRankIc; // calendar order
    std::vector<SectorRankIc> sectorRankIc; // by sector name
    MetricSummary rankAutocorrelation; // of rankAutocorrelation() over the dates
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
    bool overlapping = false; // horizon > minimumDateSpacing: plain t-stats optimistic
    std::vector<FoldEvaluation> folds;
    ForecastAccuracy accuracy; // the model's score read as a predicted return
    // The model's sampled bands; empty when the input has no samples at all.
    std::optional<ForecastCalibration> calibration;
    // Score rows that could not be placed on the panel (see ScoreMatching).
    int unknownDateRows = 0;
    int unknownTickerRows = 0;
    int duplicateRows = 0;
    bool scoredFromPaths = false; // no score rows for this horizon: scored from the paths
    bool scored = false; // some score row or path serves this horizon on the panel

    const SignalEvaluation &signal(SignalKind kind) const;
};

// One point of the IC decay: a signal's mean IC and RankIC at one horizon.
struct IcDecayPoint
{
    SignalKind signal = SignalKind::Model;
    int horizon = 0;
    std::optional<double> icMean;
    std::optional<double> rankIcMean;
    std::optional<double> rankIcNeweyWestT;
};

struct EvaluationReport
{
    std::vector<HorizonEvaluation> horizons; // in the order of EvaluationOptions::horizons
    GateVerdict gates; // the model's, one entry per horizon
    GateThresholds gateThresholds; // the thresholds the gates were judged with
    // Per signal, over every horizon from 1 to the longest predicted path (a run's), or over
    // the horizons evaluated (a scores file); ordered by signal, then horizon.
    std::vector<IcDecayPoint> icDecay;
    double costBps = kDefaultCostBps;
    bool randomWeights = false;
    int sampledForecasts = 0; // (date, ticker, horizon) with samples in the input
    int tickersWithoutSector = 0; // panel columns in unknownSector()
};

// The signals in the order every table lists them.
constexpr SignalKind kSignalKinds[]
    = { SignalKind::Model, SignalKind::Momentum, SignalKind::Reversal };

// Evaluates `input` against `panel` at every horizon of `options` (see the note above).
// Throws std::invalid_argument for a horizon or reversal lookback < 1, an EveryNDates fold
// spec with fewer than 1 date per fold, or a negative cost.
EvaluationReport evaluateScores(
    const PricePanel &panel, const EvaluationInput &input, const EvaluationOptions &options);

// evaluateScores of scores alone: no samples, paths or sectors.
EvaluationReport evaluateScores(
    const PricePanel &panel, const std::vector<ScoreRow> &scores, const EvaluationOptions &options);

} // namespace Eval
