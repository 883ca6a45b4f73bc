#pragma once

#include <QDate>
#include <QHash>
#include <QString>
#include <optional>
#include <vector>

namespace Eval {

// Adjusted closes on a global calendar: one row per trading day (ascending), one column per
// ticker. A missing bar is stored as NaN, so the panel stays a dense row-major array.
// An immutable value: reading is thread-safe; it owns its copies of the dates and prices.
class PricePanel
{
public:
    PricePanel() = default;
    // Throws std::invalid_argument when closes.size() != calendar.size() * tickers.size(),
    // when the calendar is not strictly ascending, or when a ticker is repeated.
    PricePanel(
        std::vector<QDate> calendar, std::vector<QString> tickers, std::vector<double> closes);

    int rowCount() const { return static_cast<int>(m_calendar.size()); }
    int tickerCount() const { return static_cast<int>(m_tickers.size()); }
    const std::vector<QDate> &calendar() const { return m_calendar; }
    const std::vector<QString> &tickers() const { return m_tickers; }
    const QString &ticker(int column) const { return m_tickers[column]; }

    // The adjusted close at (row, column), NaN when that bar is missing. No bounds check.
    double close(int row, int column) const { return m_closes[row * m_tickers.size() + column]; }

    // The calendar row of a date, or nothing when the date is not a trading day of the panel.
    std::optional<int> rowOf(const QDate &date) const;
    // The column of a ticker, or nothing when the panel does not hold it.
    std::optional<int> columnOf(const QString &ticker) const;

private:
    std::vector<QDate> m_calendar;
    std::vector<QString> m_tickers;
    std::vector<double> m_closes;
    QHash<QDate, int> m_rowByDate;
    QHash<QString, int> m_columnByTicker;
};

} // namespace Eval
