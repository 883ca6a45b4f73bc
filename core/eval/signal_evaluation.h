#pragma once

#include "eval/cross_section_metrics.h"
#include "eval/metric_summary.h"
#include "eval/price_panel.h"
#include "eval/rank_ic_breakdown.h"
#include "eval/signal_scores.h"

#include <QDate>
#include <QString>
#include <array>
#include <optional>
#include <vector>

namespace Eval {

// One date's names that have both a score and a forward return.
struct CrossSection
{
    QDate date;
    int row = 0; // the date's panel row
    std::vector<CrossSectionEntry> entries; // sorted by column
};

// One row of per_date.csv: a signal's metrics at one evaluation date and horizon.
struct DateResult
{
    QDate date;
    int row = 0; // the date's panel row
    int n = 0; // names with both a score and a forward return
    IcAvailability icAvailability = IcAvailability::TooFewNames;
    std::optional<double> ic;
    std::optional<double> rankIc;
    std::array<std::optional<double>, kQuintileCount> quintileMeans; // index 0 = quintile 1
    std::optional<double> spread; // q5 - q1
    std::optional<double> topTurnover; // vs the previous evaluation date
    std::vector<int> topQuintile; // panel columns in quintile 5, ascending
    std::vector<int> bottomQuintile; // panel columns in quintile 1, ascending
    std::optional<double> sectorNeutralRankIc; // see sectorNeutralRankIc()
    std::vector<SectorValue> sectorRankIc; // see perSectorRankIc()
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

// For each date of `signal`, its names with a score and a forward return r_h (forwardReturn).
// One cross-section per date, in the signal's order. Pure; thread-safe.
std::vector<CrossSection> crossSections(
    const PricePanel &panel, const SignalScores &signal, int horizon);

// Per-date metrics of a signal: each cross-section goes through evaluateCrossSection, its top
// quintile is compared with the previous date's (topQuintileTurnover), and its RankIC is broken
// down by sector (perSectorRankIc, sectorNeutralRankIc) with `sectorOfColumn` (columnSectors();
// empty: every name in unknownSector()). One result per cross-section, in order. Pure;
// thread-safe.
std::vector<DateResult> evaluateSignal(const PricePanel &panel,
    const std::vector<CrossSection> &sections, const std::vector<QString> &sectorOfColumn = {});

// evaluateSignal over crossSections(panel, signal, horizon).
std::vector<DateResult> evaluateSignal(const PricePanel &panel, const SignalScores &signal,
    int horizon, const std::vector<QString> &sectorOfColumn = {});

// Summary of results[begin, end): summarizeMetric over the dates with an IC (resp. RankIC);
// the mean over dates of the spread, of each quintile mean and of the top turnover, each over
// the dates where it is defined; dates without IC counted by reason. Pure; thread-safe.
SignalSummary summarizeSignal(const std::vector<DateResult> &results, int begin, int end);

// Why figures of `summary` at `horizon` are n/a, in words for a tooltip; empty when every one is
// defined. No date at all: no score serves the horizon on the prices (`horizonScored` false: not
// a horizon of the run and no forecast path reaches it, or every row is at a date or ticker
// without prices), or no forward prices yet (the horizon has not passed after the dates); no
// date with an IC: too few names or equal values on each;
// IR and t: fewer than 2 such dates, or an IC that never varies; turnover: fewer than 2
// consecutive dates with a top quintile. Pure; thread-safe.
QString undefinedFiguresReason(const SignalSummary &summary, int horizon, bool horizonScored);

} // namespace Eval
