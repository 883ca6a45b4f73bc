#pragma once

#include "cross_section_metrics.h"
#include "metric_summary.h"
#include "price_panel.h"
#include "signal_scores.h"

#include <QDate>
#include <array>
#include <optional>
#include <vector>

namespace Eval {

// One row of per_date.csv: a signal's metrics at one evaluation date and horizon.
struct DateResult
{
    QDate date;
    int n = 0; // names with both a score and a forward return
    IcAvailability icAvailability = IcAvailability::TooFewNames;
    std::optional<double> ic;
    std::optional<double> rankIc;
    std::array<std::optional<double>, kQuintileCount> quintileMeans; // index 0 = quintile 1
    std::optional<double> spread; // q5 - q1
    std::optional<double> topTurnover; // vs the previous evaluation date
};

// A signal's metrics over a set of dates (all of them, or one walk-forward fold).
struct SignalSummary
{
    int dateCount = 0;
    int datesWithTooFewNames = 0; // no IC: n < kMinimumNamesPerDate
    int datesWithZeroVariance = 0; // no IC: every score or every return equal
    MetricSummary ic;
    MetricSummary rankIc;
    std::optional<double> spreadMean;
    std::array<std::optional<double>, kQuintileCount> quintileMeans; // mean over dates of q_k
    std::optional<double> topTurnoverMean;
};

// Per-date metrics of a signal at one horizon: for each evaluation date t, the names with a
// score and a forward return r_h (forwardReturn) go through evaluateCrossSection, and the top
// quintile is compared with the previous evaluation date's (topQuintileTurnover). One result
// per date of `signal`, in its order. Pure; thread-safe.
std::vector<DateResult> evaluateSignal(
    const PricePanel &panel, const SignalScores &signal, int horizon);

// Summary of results[begin, end): summarizeMetric over the dates with an IC (resp. RankIC);
// the mean over dates of the spread, of each quintile mean and of the top turnover, each over
// the dates where it is defined; dates without IC counted by reason. Pure; thread-safe.
SignalSummary summarizeSignal(const std::vector<DateResult> &results, int begin, int end);

} // namespace Eval
