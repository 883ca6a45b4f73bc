#pragma once

#include "eval/price_panel.h"

#include <QDate>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace Eval {

// One score as a run, or a user's scores file (date,ticker,score[,horizon][,q10,q90]), gives it.
struct ScoreRow
{
    QDate date;
    QString ticker;
    double score = 0.0; // NaN: the name was not scored that date (the row is skipped)
    std::optional<int> horizon; // empty: the same score serves every horizon
    // The predicted return's 10th and 90th percentiles (same units as a return-like score), when
    // given; calibration otherwise takes them from the samples.
    std::optional<double> q10 = std::nullopt;
    std::optional<double> q90 = std::nullopt;
};

// The sampled predicted returns of one (date, ticker, horizon): each sample's return over the
// horizon, in sample order.
struct SampledReturns
{
    QDate date;
    QString ticker;
    int horizon = 0;
    std::vector<double> returns;
};

// A run's predicted close path for one (date, ticker): closes[k - 1] is the close predicted k
// rows after the date, up to the run's longest horizon; any horizon <= closes.size() is
// scored from it as closes[h - 1] / lastClose - 1.
struct PredictedPath
{
    QDate date;
    QString ticker;
    double lastClose = 0.0; // the close on `date`, > 0
    std::vector<float> closes;
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

// The score rows a set of paths gives at `horizon`: one per path that reaches it, with that
// horizon set.
std::vector<ScoreRow> scoresFromPaths(const std::vector<PredictedPath> &paths, int horizon);

// The distinct tickers of `rows`, sorted: the columns a panel needs to evaluate them.
QStringList scoredTickers(const std::vector<ScoreRow> &rows);

} // namespace Eval
