#include "signal_evaluation.h"

#include "period_returns.h"
#include "top_quintile_turnover.h"

#include <functional>

namespace Eval {

namespace {

// The date's names that also have a forward return over `horizon` rows.
std::vector<CrossSectionEntry> crossSectionAt(
    const PricePanel &panel, const DatedScores &dated, int horizon)
{
    std::vector<CrossSectionEntry> entries;
    entries.reserve(dated.columns.size());
    for (size_t i = 0; i < dated.columns.size(); ++i) {
        const int column = dated.columns[i];
        if (const std::optional<double> r = forwardReturn(panel, dated.row, column, horizon))
            entries.push_back({ column, dated.scores[i], *r });
    }
    return entries;
}

// summarizeMetric over the values one DateResult field takes in results[begin, end).
template <typename Field>
MetricSummary summarizeField(
    const std::vector<DateResult> &results, int begin, int end, Field field)
{
    std::vector<std::optional<double>> values;
    values.reserve(end - begin);
    for (int k = begin; k < end; ++k)
        values.push_back(std::invoke(field, results[k]));
    return summarizeMetric(values);
}

} // namespace

std::vector<DateResult> evaluateSignal(
    const PricePanel &panel, const SignalScores &signal, int horizon)
{
    std::vector<DateResult> results;
    results.reserve(signal.size());
    std::vector<int> previousTop;
    for (const DatedScores &dated : signal) {
        CrossSectionMetrics metrics = evaluateCrossSection(crossSectionAt(panel, dated, horizon));
        DateResult result;
        result.date = dated.date;
        result.n = metrics.n;
        result.icAvailability = metrics.icAvailability;
        result.ic = metrics.ic;
        result.rankIc = metrics.rankIc;
        result.quintileMeans = metrics.quintileMeans;
        result.spread = metrics.spread;
        result.topTurnover = topQuintileTurnover(previousTop, metrics.topQuintile);
        previousTop = std::move(metrics.topQuintile);
        results.push_back(std::move(result));
    }
    return results;
}

SignalSummary summarizeSignal(const std::vector<DateResult> &results, int begin, int end)
{
    SignalSummary summary;
    summary.dateCount = end - begin;
    for (int k = begin; k < end; ++k) {
        if (results[k].icAvailability == IcAvailability::TooFewNames)
            ++summary.datesWithTooFewNames;
        else if (results[k].icAvailability == IcAvailability::ZeroVariance)
            ++summary.datesWithZeroVariance;
    }
    summary.ic = summarizeField(results, begin, end, &DateResult::ic);
    summary.rankIc = summarizeField(results, begin, end, &DateResult::rankIc);
    summary.spreadMean = summarizeField(results, begin, end, &DateResult::spread).mean;
    for (int q = 0; q < kQuintileCount; ++q) {
        summary.quintileMeans[q] = summarizeField(results, begin, end, [q](const DateResult &r) {
            return r.quintileMeans[q];
        }).mean;
    }
    summary.topTurnoverMean = summarizeField(results, begin, end, &DateResult::topTurnover).mean;
    return summary;
}

} // namespace Eval
