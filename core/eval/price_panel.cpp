#include "eval/price_panel.h"

#include <stdexcept>
#include <string>

namespace Eval {

PricePanel::PricePanel(
    std::vector<QDate> calendar, std::vector<QString> tickers, std::vector<double> closes)
    : m_calendar(std::move(calendar))
    , m_tickers(std::move(tickers))
    , m_closes(std::move(closes))
{
    if (m_closes.size() != m_calendar.size() * m_tickers.size())
        throw std::invalid_argument("price panel: got " + std::to_string(m_closes.size())
            + " closes, expected " + std::to_string(m_calendar.size()) + " dates x "
            + std::to_string(m_tickers.size()) + " tickers");
    for (int row = 0; row < rowCount(); ++row) {
        if (row > 0 && !(m_calendar[row - 1] < m_calendar[row]))
            throw std::invalid_argument("price panel: calendar not strictly ascending at "
                + m_calendar[row].toString(Qt::ISODate).toStdString());
        m_rowByDate.insert(m_calendar[row], row);
    }
    for (int column = 0; column < tickerCount(); ++column) {
        if (m_columnByTicker.contains(m_tickers[column]))
            throw std::invalid_argument(
                "price panel: ticker repeated: " + m_tickers[column].toStdString());
        m_columnByTicker.insert(m_tickers[column], column);
    }
}

std::optional<int> PricePanel::rowOf(const QDate &date) const
{
    const auto found = m_rowByDate.constFind(date);
    if (found == m_rowByDate.constEnd())
        return std::nullopt;
    return *found;
}

std::optional<int> PricePanel::columnOf(const QString &ticker) const
{
    const auto found = m_columnByTicker.constFind(ticker);
    if (found == m_columnByTicker.constEnd())
        return std::nullopt;
    return *found;
}

} // namespace Eval
