#include "data/trading_calendar.h"

#include <algorithm>

namespace {

constexpr qint64 SecondsPerDay = 24 * 60 * 60;

QDateTime fromSeconds(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

} // namespace

TradingCalendar::TradingCalendar(const QList<QDateTime> &timestamps)
{
    m_seconds.reserve(timestamps.size());
    for (const QDateTime &timestamp : timestamps)
        m_seconds.append(timestamp.toSecsSinceEpoch());
    std::sort(m_seconds.begin(), m_seconds.end());
    m_seconds.erase(std::unique(m_seconds.begin(), m_seconds.end()), m_seconds.end());

    m_intraday = std::any_of(m_seconds.cbegin(), m_seconds.cend(),
        [](qint64 seconds) { return seconds % SecondsPerDay != 0; });
    if (m_seconds.size() >= 2) {
        QList<qint64> intervals;
        intervals.reserve(m_seconds.size() - 1);
        for (qsizetype i = 1; i < m_seconds.size(); ++i)
            intervals.append(m_seconds.at(i) - m_seconds.at(i - 1));
        const auto middle = intervals.begin() + intervals.size() / 2;
        std::nth_element(intervals.begin(), middle, intervals.end());
        m_medianInterval = *middle;
    }
}

QList<QDateTime> TradingCalendar::timestamps() const
{
    QList<QDateTime> result;
    result.reserve(m_seconds.size());
    for (qint64 seconds : m_seconds)
        result.append(fromSeconds(seconds));
    return result;
}

QDateTime TradingCalendar::first() const
{
    return isEmpty() ? QDateTime() : fromSeconds(m_seconds.first());
}

QDateTime TradingCalendar::last() const
{
    return isEmpty() ? QDateTime() : fromSeconds(m_seconds.last());
}

QDateTime TradingCalendar::next(const QDateTime &t, int steps) const
{
    if (isEmpty() || steps < 1 || !t.isValid())
        return {};
    const qint64 seconds = t.toSecsSinceEpoch();
    const qsizetype after
        = std::upper_bound(m_seconds.cbegin(), m_seconds.cend(), seconds) - m_seconds.cbegin();
    const qsizetype index = after + steps - 1;
    if (index < m_seconds.size())
        return fromSeconds(m_seconds.at(index));
    const qsizetype known = m_seconds.size() - after;
    return extrapolate(std::max(seconds, m_seconds.last()), int(steps - known));
}

QDateTime TradingCalendar::previous(const QDateTime &t, int steps) const
{
    if (isEmpty() || steps < 1 || !t.isValid())
        return {};
    const qsizetype atOrAfter
        = std::lower_bound(m_seconds.cbegin(), m_seconds.cend(), t.toSecsSinceEpoch())
        - m_seconds.cbegin();
    const qsizetype index = atOrAfter - steps;
    return index >= 0 ? fromSeconds(m_seconds.at(index)) : QDateTime();
}

QDateTime TradingCalendar::extrapolate(qint64 after, int steps) const
{
    if (!m_intraday) {
        QDate day = fromSeconds(after).date();
        while (steps > 0) {
            day = day.addDays(1);
            if (day.dayOfWeek() <= 5)
                --steps;
        }
        return QDateTime(day, QTime(0, 0), Qt::UTC);
    }
    if (m_medianInterval <= 0)
        return {};
    // Future times stay on the grid that continues from the last bar.
    const qint64 last = m_seconds.last();
    const qint64 gridStepsPassed = (after - last) / m_medianInterval;
    return fromSeconds(last + (gridStepsPassed + steps) * m_medianInterval);
}
