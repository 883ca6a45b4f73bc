#pragma once

#include <QDateTime>
#include <QList>

// The trading calendar of a universe: the sorted union of its members' bar timestamps (the
// "global calendar"), extended beyond the last bar so forecasts have future dates.
//
// Daily calendars (every timestamp at 00:00) continue on weekdays (holidays are unknown);
// intraday ones continue at the median interval between consecutive timestamps. Timestamps
// are exchange-local times in UTC QDateTimes, as in Bar. Immutable; safe to share between
// threads.
class TradingCalendar
{
public:
    TradingCalendar() = default;
    // `timestamps` in any order, duplicates allowed (e.g. PriceStore::timestamps()).
    explicit TradingCalendar(const QList<QDateTime> &timestamps);

    bool isEmpty() const { return m_seconds.isEmpty(); }
    qsizetype size() const { return m_seconds.size(); }
    QList<QDateTime> timestamps() const;
    QDateTime first() const;
    QDateTime last() const;
    bool isIntraday() const { return m_intraday; }
    // Median spacing of consecutive timestamps, in seconds; 0 with fewer than two.
    qint64 medianIntervalSeconds() const { return m_medianInterval; }

    // The `steps`-th calendar time strictly after `t` (steps >= 1), extrapolated beyond the last
    // bar. Invalid for an empty calendar, or an intraday one with fewer than two timestamps
    // when the answer lies beyond the data.
    QDateTime next(const QDateTime &t, int steps = 1) const;
    // The `steps`-th calendar time strictly before `t`; invalid before the first bar (the past
    // is never invented).
    QDateTime previous(const QDateTime &t, int steps = 1) const;

private:
    QDateTime extrapolate(qint64 after, int steps) const;

    QList<qint64> m_seconds;
    bool m_intraday = false;
    qint64 m_medianInterval = 0;
};
