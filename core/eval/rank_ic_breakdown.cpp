#include "eval/rank_ic_breakdown.h"

#include "eval/rank_correlation.h"

#include <map>

namespace Eval {

namespace {

// Kahan-compensated running sum.
struct CompensatedSum
{
    double sum = 0.0;
    double compensation = 0.0;
    int count = 0;

    void add(double value)
    {
        const double corrected = value - compensation;
        const double total = sum + corrected;
        compensation = (total - sum) - corrected;
        sum = total;
        ++count;
    }
    double mean() const { return sum / count; }
};

} // namespace

std::vector<QString> columnSectors(
    const PricePanel &panel, const QHash<QString, QString> &sectorByTicker)
{
    std::vector<QString> sectors;
    sectors.reserve(size_t(panel.tickerCount()));
    for (const QString &ticker : panel.tickers()) {
        const QString sector = sectorByTicker.value(ticker).trimmed();
        sectors.push_back(sector.isEmpty() ? unknownSector() : sector);
    }
    return sectors;
}

std::vector<SectorValue> perSectorRankIc(
    const std::vector<CrossSectionEntry> &entries, const std::vector<QString> &sectorOfColumn)
{
    std::map<QString, std::pair<std::vector<double>, std::vector<double>>> bySector;
    for (const CrossSectionEntry &entry : entries) {
        auto &[scores, returns] = bySector[sectorOfColumn[entry.column]];
        scores.push_back(entry.score);
        returns.push_back(entry.forwardReturn);
    }
    std::vector<SectorValue> values;
    for (const auto &[sector, pairs] : bySector) {
        if (static_cast<int>(pairs.first.size()) < kMinimumNamesPerDate)
            continue;
        if (const std::optional<double> rankIc = spearmanCorrelation(pairs.first, pairs.second))
            values.push_back({ sector, *rankIc });
    }
    return values;
}

std::optional<double> sectorNeutralRankIc(
    const std::vector<CrossSectionEntry> &entries, const std::vector<QString> &sectorOfColumn)
{
    if (static_cast<int>(entries.size()) < kMinimumNamesPerDate)
        return std::nullopt;
    QHash<QString, std::pair<CompensatedSum, CompensatedSum>> sums;
    for (const CrossSectionEntry &entry : entries) {
        auto &[scoreSum, returnSum] = sums[sectorOfColumn[entry.column]];
        scoreSum.add(entry.score);
        returnSum.add(entry.forwardReturn);
    }
    std::vector<double> scores;
    std::vector<double> returns;
    scores.reserve(entries.size());
    returns.reserve(entries.size());
    for (const CrossSectionEntry &entry : entries) {
        const auto &[scoreSum, returnSum] = sums[sectorOfColumn[entry.column]];
        scores.push_back(entry.score - scoreSum.mean());
        returns.push_back(entry.forwardReturn - returnSum.mean());
    }
    return spearmanCorrelation(scores, returns);
}

std::vector<MonthlyRankIc> monthlyMeans(
    const std::vector<QDate> &dates, const std::vector<std::optional<double>> &values)
{
    std::map<std::pair<int, int>, std::pair<double, int>> byMonth;
    for (size_t k = 0; k < dates.size() && k < values.size(); ++k) {
        if (!values[k])
            continue;
        auto &[sum, count] = byMonth[{ dates[k].year(), dates[k].month() }];
        sum += *values[k];
        ++count;
    }
    std::vector<MonthlyRankIc> months;
    for (const auto &[month, total] : byMonth)
        months.push_back({ month.first, month.second, total.first / total.second, total.second });
    return months;
}

std::vector<SectorRankIc> sectorMeans(const std::vector<std::vector<SectorValue>> &perDate)
{
    std::map<QString, std::pair<double, int>> bySector;
    for (const std::vector<SectorValue> &date : perDate) {
        for (const SectorValue &value : date) {
            auto &[sum, count] = bySector[value.sector];
            sum += value.value;
            ++count;
        }
    }
    std::vector<SectorRankIc> sectors;
    for (const auto &[sector, total] : bySector)
        sectors.push_back({ sector, total.first / total.second, total.second });
    return sectors;
}

} // namespace Eval
