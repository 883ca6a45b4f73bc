#include "eval/signal_evaluation.h"

#include "eval/period_returns.h"
#include "eval/top_quintile_turnover.h"

#include <QStringList>
#include <functional>

namespace Eval {

namespace {

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

std::vector<CrossSection> crossSections(
    const PricePanel &panel, const SignalScores &signal, int horizon)
{
    std::vector<CrossSection> sections;
    sections.reserve(signal.size());
    for (const DatedScores &dated : signal) {
        CrossSection section { dated.date, dated.row, {} };
        section.entries.reserve(dated.columns.size());
        for (size_t i = 0; i < dated.columns.size(); ++i) {
            const int column = dated.columns[i];
            if (const std::optional<double> r = forwardReturn(panel, dated.row, column, horizon))
                section.entries.push_back({ column, dated.scores[i], *r });
        }
        sections.push_back(std::move(section));
    }
    return sections;
}

std::vector<DateResult> evaluateSignal(const PricePanel &panel,
    const std::vector<CrossSection> &sections, const std::vector<QString> &sectorOfColumn)
{
    const std::vector<QString> sectors
        = sectorOfColumn.empty() ? columnSectors(panel, {}) : sectorOfColumn;
    std::vector<DateResult> results;
    results.reserve(sections.size());
    for (const CrossSection &section : sections) {
        CrossSectionMetrics metrics = evaluateCrossSection(section.entries);
        DateResult result;
        result.date = section.date;
        result.row = section.row;
        result.n = metrics.n;
        result.icAvailability = metrics.icAvailability;
        result.ic = metrics.ic;
        result.rankIc = metrics.rankIc;
        result.quintileMeans = metrics.quintileMeans;
        result.spread = metrics.spread;
        result.topTurnover = results.empty()
            ? std::nullopt
            : topQuintileTurnover(results.back().topQuintile, metrics.topQuintile);
        result.topQuintile = std::move(metrics.topQuintile);
        result.bottomQuintile = std::move(metrics.bottomQuintile);
        result.sectorNeutralRankIc = sectorNeutralRankIc(section.entries, sectors);
        result.sectorRankIc = perSectorRankIc(section.entries, sectors);
        results.push_back(std::move(result));
    }
    return results;
}

std::vector<DateResult> evaluateSignal(const PricePanel &panel, const SignalScores &signal,
    int horizon, const std::vector<QString> &sectorOfColumn)
{
    return evaluateSignal(panel, crossSections(panel, signal, horizon), sectorOfColumn);
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

QString undefinedFiguresReason(const SignalSummary &summary, int horizon, bool horizonScored)
{
    if (!horizonScored)
        return QStringLiteral("n/a: no score at %1 days on a date and ticker of the prices — the "
                              "horizon is not one of the run's (or the file's) and no forecast "
                              "path reaches it, or its rows name dates or tickers without prices")
            .arg(horizon);
    if (summary.dateCount == 0)
        return QStringLiteral("n/a: no evaluation date at %1 days — no forward prices yet (the "
                              "horizon has not passed after the dates)")
            .arg(horizon);
    QStringList reasons;
    if (summary.rankIc.count == 0) {
        if (summary.datesWithTooFewNames == summary.dateCount)
            return QStringLiteral("n/a: on every date fewer than %1 names have a score and a "
                                  "forward return")
                .arg(kMinimumNamesPerDate);
        return QStringLiteral(
            "n/a: no date with an IC (%1 with fewer than %2 names, %3 where every "
            "score or every forward return is equal)")
            .arg(summary.datesWithTooFewNames)
            .arg(kMinimumNamesPerDate)
            .arg(summary.datesWithZeroVariance);
    }
    if (summary.rankIc.count < 2)
        reasons << QStringLiteral("IR and t n/a: they need 2 dates with an IC, there is %1")
                       .arg(summary.rankIc.count);
    else if (!summary.rankIc.ir || !summary.ic.ir)
        reasons << QStringLiteral("IR and t n/a: the IC is the same on every date");
    if (!summary.spreadMean)
        reasons << QStringLiteral("spread n/a: no date with enough names for quintiles");
    if (!summary.topTurnoverMean)
        reasons << QStringLiteral("turnover n/a: it needs 2 consecutive dates with a top quintile");
    return reasons.join(QStringLiteral("; "));
}

} // namespace Eval
