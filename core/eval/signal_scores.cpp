#include "eval/signal_scores.h"

#include <cmath>
#include <map>
#include <set>
#include <utility>

namespace Eval {

namespace {

struct PlacedScore
{
    double score = 0.0;
    bool horizonSpecific = false;
};

} // namespace

ScoreMatching matchScoresToPanel(
    const PricePanel &panel, const std::vector<ScoreRow> &rows, int horizon)
{
    ScoreMatching matching;
    // Ordered by (row, column), so the signal comes out sorted by date and then by column.
    std::map<std::pair<int, int>, PlacedScore> placed;
    for (const ScoreRow &scoreRow : rows) {
        if (std::isnan(scoreRow.score) || (scoreRow.horizon && *scoreRow.horizon != horizon))
            continue;
        const std::optional<int> row = panel.rowOf(scoreRow.date);
        if (!row) {
            ++matching.unknownDateRows;
            continue;
        }
        const std::optional<int> column = panel.columnOf(scoreRow.ticker);
        if (!column) {
            ++matching.unknownTickerRows;
            continue;
        }
        const PlacedScore candidate { scoreRow.score, scoreRow.horizon.has_value() };
        const auto [existing, inserted] = placed.try_emplace({ *row, *column }, candidate);
        if (inserted)
            continue;
        if (existing->second.horizonSpecific == candidate.horizonSpecific)
            ++matching.duplicateRows;
        else if (candidate.horizonSpecific)
            existing->second = candidate;
    }

    for (const auto &[position, placedScore] : placed) {
        const auto [row, column] = position;
        if (matching.signal.empty() || matching.signal.back().row != row)
            matching.signal.push_back(DatedScores { panel.calendar()[row], row, {}, {} });
        matching.signal.back().columns.push_back(column);
        matching.signal.back().scores.push_back(placedScore.score);
    }
    return matching;
}

std::optional<int> minimumDateSpacing(const SignalScores &signal)
{
    std::optional<int> spacing;
    for (size_t k = 1; k < signal.size(); ++k) {
        const int gap = signal[k].row - signal[k - 1].row;
        if (!spacing || gap < *spacing)
            spacing = gap;
    }
    return spacing;
}

std::vector<ScoreRow> scoresFromPaths(const std::vector<PredictedPath> &paths, int horizon)
{
    std::vector<ScoreRow> rows;
    for (const PredictedPath &path : paths) {
        if (horizon < 1 || size_t(horizon) > path.closes.size() || !(path.lastClose > 0.0))
            continue;
        ScoreRow row;
        row.date = path.date;
        row.ticker = path.ticker;
        row.score = double(path.closes[size_t(horizon - 1)]) / path.lastClose - 1.0;
        row.horizon = horizon;
        rows.push_back(std::move(row));
    }
    return rows;
}

QStringList scoredTickers(const std::vector<ScoreRow> &rows)
{
    std::set<QString> tickers;
    for (const ScoreRow &row : rows)
        tickers.insert(row.ticker);
    return QStringList(tickers.begin(), tickers.end());
}

} // namespace Eval
