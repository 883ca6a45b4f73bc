#pragma once

#include "data/bar.h"
#include "data/trading_calendar.h"
#include "inference/kronos_engine.h"

#include <QHash>
#include <QList>
#include <QStringList>
#include <optional>

class QSqlDatabase; // only load() needs one: users of a loaded history need no SQL

// The bars of a universe's tickers and its global calendar, read once from the market
// database for planning and for building each series' context.
//
// Prices are adjusted for splits and dividends where the data has an adjusted close (raw
// otherwise), so a score measures the return a holder would have had. Immutable once loaded;
// safe to share between threads.
class UniverseHistory
{
public:
    // Reads universe `name` through the calling thread's connection. Throws RunError when the
    // universe is unknown or empty.
    static UniverseHistory load(QSqlDatabase database, const QString &name);

    const QStringList &tickers() const { return m_tickers; }
    const TradingCalendar &calendar() const { return m_calendar; }
    // The ticker's bars, oldest first (empty for an unknown ticker).
    const QList<Bar> &bars(const QString &ticker) const;

    // The forecast request for `ticker` at `date`: the `lookback` bars ending on `date` and the
    // `predLen` next calendar dates (extrapolated on weekdays beyond the data). The date must
    // be one of the ticker's bars with at least `lookback` bars up to it (RunPlanner checks).
    kronos::SeriesInput seriesInput(
        const QString &ticker, const QDateTime &date, int lookback, int predLen) const;
    // Index of the ticker's bar on `date`, or -1.
    qsizetype barIndex(const QString &ticker, const QDateTime &date) const;

private:
    QStringList m_tickers;
    QHash<QString, QList<Bar>> m_bars;
    TradingCalendar m_calendar;
};
