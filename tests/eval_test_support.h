#pragma once

#include "eval/price_panel.h"
#include "eval/signal_scores.h"

#include <QDate>
#include <QList>
#include <QStringList>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

// Shared by the core/eval tests: small hand-made panels and a marker for "undefined" in
// data-driven tables (QTest columns cannot hold std::optional).
namespace EvalTestSupport {

constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

// The first calendar day of every hand-made panel; row k is this date plus k days.
inline QDate firstDate()
{
    return QDate(2020, 1, 1);
}

// A panel of consecutive days from firstDate(): closesByRow[row][column], NaN for a missing bar.
inline Eval::PricePanel makePanel(
    const QStringList &tickers, const std::vector<std::vector<double>> &closesByRow)
{
    std::vector<QDate> calendar;
    std::vector<double> closes;
    for (size_t row = 0; row < closesByRow.size(); ++row) {
        calendar.push_back(firstDate().addDays(static_cast<qint64>(row)));
        closes.insert(closes.end(), closesByRow[row].begin(), closesByRow[row].end());
    }
    return Eval::PricePanel(
        std::move(calendar), { tickers.begin(), tickers.end() }, std::move(closes));
}

// kUndefined (NaN) in a table stands for an empty optional.
inline std::optional<double> definedUnlessNaN(double value)
{
    if (std::isnan(value))
        return std::nullopt;
    return value;
}

constexpr int kWigglingTickers = 12;
constexpr int kWigglingRows = 40;

// Twelve tickers over 40 days with wiggling, ticker-specific paths, so that past and future
// returns are neither constant nor perfectly ordered.
inline Eval::PricePanel wigglingPanel()
{
    QStringList tickers;
    std::vector<std::vector<double>> closes(kWigglingRows);
    for (int c = 0; c < kWigglingTickers; ++c) {
        tickers.append(QStringLiteral("T%1").arg(c, 2, 10, QLatin1Char('0')));
        double logPrice = std::log(50.0 + c);
        for (int row = 0; row < kWigglingRows; ++row) {
            logPrice += 0.02 * std::sin(1.7 * row + 2.3 * c * c + c);
            closes[row].push_back(std::exp(logPrice));
        }
    }
    return makePanel(tickers, closes);
}

// Every ticker scored on the given days with the given score function.
template <typename ScoreOf>
std::vector<Eval::ScoreRow> scoresOn(
    const Eval::PricePanel &panel, const QList<int> &rows, ScoreOf scoreOf)
{
    std::vector<Eval::ScoreRow> scores;
    for (int row : rows) {
        for (int column = 0; column < panel.tickerCount(); ++column)
            scores.push_back({ panel.calendar()[row], panel.ticker(column), scoreOf(row, column),
                std::nullopt });
    }
    return scores;
}

} // namespace EvalTestSupport

// Verifies an optional result against a table value: NaN means "must be empty", anything else
// means "must hold this value" (fuzzy compare, as QCOMPARE does for doubles).
#define KW_COMPARE_OPTIONAL(actual, expected)                                                      \
    do {                                                                                           \
        const std::optional<double> kwActual = (actual);                                           \
        const std::optional<double> kwExpected = EvalTestSupport::definedUnlessNaN(expected);      \
        QCOMPARE(kwActual.has_value(), kwExpected.has_value());                                    \
        if (kwExpected)                                                                            \
            QCOMPARE(*kwActual, *kwExpected);                                                      \
    } while (false)
