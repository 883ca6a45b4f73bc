#pragma once

#include "price_panel.h"

#include <QDate>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace Eval {

// One score as a run, or a user's scores file (date,ticker,score[,horizon]), gives it.
struct ScoreRow
{
    QDate date;
    QString ticker;
    double score = 0.0; // NaN: the name was not scored that date (the row is skipped)
    std::optional<int> horizon; // empty: the same score serves every horizon
};

// The scores of one evaluation date, placed on the panel: parallel lists sorted by column.
struct DatedScores
{
    QDate date;
    int row = 0; // the date's row in the panel's calendar
    std::vector<int> columns;
    std::vector<double> scores;
};

// A signal at one horizon: its evaluation dates in ascending order.
using SignalScores = std::vector<DatedScores>;

// Score rows placed on the panel for one horizon, and what could not be placed.
struct ScoreMatching
{
    SignalScores signal;
    int unknownDateRows = 0; // date is not a trading day of the panel
    int unknownTickerRows = 0; // ticker is not a column of the panel
    int duplicateRows = 0; // a second score for the same date, ticker and horizon (ignored)
};

// The rows that serve `horizon` (their horizon equals it, or is empty), placed on the panel.
// For one date and ticker a horizon-specific row wins over a row without horizon; among rows of
// the same kind the first wins and the others are counted as duplicates. Rows with a NaN score
// are skipped silently: they mark a name the model did not score. Pure; thread-safe.
ScoreMatching matchScoresToPanel(
    const PricePanel &panel, const std::vector<ScoreRow> &rows, int horizon);

// Rows of the panel between consecutive evaluation dates: min over k of row(t_k+1) - row(t_k).
// Nothing with fewer than two dates.
std::optional<int> minimumDateSpacing(const SignalScores &signal);

// The distinct tickers of `rows`, sorted: the columns a panel needs to evaluate them.
QStringList scoredTickers(const std::vector<ScoreRow> &rows);

} // namespace Eval
