#include "signal_evaluation.h"

#include "period_returns.h"
#include "top_quintile_turnover.h"

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

// The values a DateResult field takes over results[begin, end).
template <typename Field>
std::vector<std::optional<double>> fieldValues(
    const std::vector<DateResult> &results, int begin, int end, Field field)
{
    std::vector<std::optional<double>> values;
    values.reserve(end - begin);
    for (int k = begin; k < end; ++k)
        values.push_back(field(results[k]));
    return values;
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
    summary.ic = summarizeMetric(
        fieldValues(results, begin, end, [](const DateResult &r) { return r.ic; }));
    summary.rankIc = summarizeMetric(
        fieldValues(results, begin, end, [](const DateResult &r) { return r.rankIc; }));
    summary.spreadMean = summarizeMetric(fieldValues(results, begin, end, [](const DateResult &r) {
        return r.spread;
    })).mean;
    for (int q = 0; q < kQuintileCount; ++q) {
        summary.quintileMeans[q]
            = summarizeMetric(fieldValues(results, begin, end, [q](const DateResult &r) {
                  return r.quintileMeans[q];
              })).mean;
    }
    summary.topTurnoverMean
        = summarizeMetric(fieldValues(results, begin, end, [](const DateResult &r) {
              return r.topTurnover;
          })).mean;
    return summary;
}

} // namespace Eval
