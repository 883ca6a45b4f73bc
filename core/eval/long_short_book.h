#pragma once

#include "eval/quintiles.h"

#include <QDate>
#include <array>
#include <optional>
#include <vector>

namespace Eval {

// What a trader would have earned: long quintile 5, short quintile 1, held for the horizon and
// rebalanced, with a cost on every name traded. Pure; thread-safe.

constexpr double kDefaultCostBps = 10.0;
constexpr double kTradingDaysPerYear = 252.0;

// One evaluation date where the spread is defined, with the members of its outer quintiles.
struct QuintileBookDate
{
    QDate date;
    int row = 0; // the date's panel row
    double spread = 0.0; // mean r of quintile 5 - mean r of quintile 1
    std::vector<int> top; // panel columns in quintile 5, ascending
    std::vector<int> bottom; // panel columns in quintile 1, ascending
    // Mean r of each quintile (index 0 = quintile 1); empty for a quintile without names.
    std::array<std::optional<double>, kQuintileCount> quintileMeans;
};

// One holding period of the book.
struct BookPeriod
{
    QDate date; // when the book was formed
    double gross = 0.0; // the spread
    double traded = 0.0; // 2 at the first period, else 2 (top turnover + bottom turnover)
    double net = 0.0; // gross - cost_bps / 10^4 * traded
    double wealthGross = 0.0; // prod(1 + gross) up to and with this period, from 1
    double wealthNet = 0.0; // prod(1 + net)
    // prod(1 + mean r of quintile k) over the periods so far, gross (Alphalens' cumulative
    // returns by quantile); a period where quintile k is empty adds nothing to it.
    std::array<double, kQuintileCount> quintileWealth {};
};

struct LongShortBook
{
    double costBps = kDefaultCostBps;
    int periods = 0;
    std::optional<double> meanGross;
    std::optional<double> meanNet;
    std::optional<double> cumNet; // prod(1 + net) - 1
    std::optional<double> annReturn; // (1 + cumNet)^(252 / (h periods)) - 1; 1 + cumNet > 0
    std::optional<double> sharpe; // mean net / std net (ddof 1) * sqrt(252 / h); >= 2 periods
    std::optional<double> maxDrawdown; // max over t of 1 - W_t / max_{s<=t} W_s, W_0 = 1
    std::vector<BookPeriod> curve; // the chosen periods in date order
};

// The book at horizon h (rows): dates chosen greedily from the first of `dates` (ascending),
// each next one at least h rows after the last chosen, so holding periods never overlap.
// Turnover of a side = the share of its members not held at the previous chosen date.
LongShortBook longShortBook(
    const std::vector<QuintileBookDate> &dates, int horizon, double costBps);

} // namespace Eval
