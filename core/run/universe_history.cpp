#include "run/universe_history.h"

#include "data/price_store.h"
#include "data/universe_repository.h"
#include "run/run_error.h"

#include <algorithm>

UniverseHistory UniverseHistory::load(QSqlDatabase database, const QString &name)
{
    const std::optional<Universe> universe = UniverseRepository(database).find(name);
    if (!universe)
        throw RunError(QStringLiteral("no universe named '%1'").arg(name));
    if (universe->tickers.isEmpty())
        throw RunError(QStringLiteral("the universe '%1' has no tickers").arg(name));
    UniverseHistory history;
    history.m_tickers = universe->tickers;
    PriceStore store(database);
    // The calendar is every timestamp any member has: taken from the bars just read rather
    // than from a second pass over the table.
    QList<QDateTime> timestamps;
    for (const QString &ticker : std::as_const(history.m_tickers)) {
        const QList<Bar> bars = store.bars(ticker, PriceAdjustment::Adjusted);
        for (const Bar &bar : bars)
            timestamps.append(bar.timestamp);
        history.m_bars.insert(ticker, bars);
    }
    history.m_calendar = TradingCalendar(timestamps);
    return history;
}

const QList<Bar> &UniverseHistory::bars(const QString &ticker) const
{
    static const QList<Bar> none;
    const auto found = m_bars.constFind(ticker);
    return found == m_bars.cend() ? none : *found;
}

qsizetype UniverseHistory::barIndex(const QString &ticker, const QDateTime &date) const
{
    const QList<Bar> &series = bars(ticker);
    const auto found = std::lower_bound(series.cbegin(), series.cend(), date,
        [](const Bar &bar, const QDateTime &t) { return bar.timestamp < t; });
    return found != series.cend() && found->timestamp == date ? found - series.cbegin() : -1;
}

kronos::SeriesInput UniverseHistory::seriesInput(
    const QString &ticker, const QDateTime &date, int lookback, int predLen) const
{
    const QList<Bar> &series = bars(ticker);
    const qsizetype last = barIndex(ticker, date);
    kronos::SeriesInput input;
    input.key = QStringLiteral("%1 %2").arg(ticker, date.toString(Qt::ISODate));
    bool allVolume = true, allAmount = true;
    for (qsizetype i = last - lookback + 1; i <= last; ++i) {
        const Bar &bar = series.at(i);
        input.timestamps.append(bar.timestamp);
        input.bars.push_back({ bar.open, bar.high, bar.low, bar.close, bar.volume.value_or(0),
            bar.amount.value_or(0) });
        allVolume = allVolume && bar.volume.has_value();
        allAmount = allAmount && bar.amount.has_value();
    }
    // A column missing on any bar of the window counts as missing, so the engine fills it the
    // upstream way instead of reading zeros as data.
    input.columns = allAmount && allVolume ? kronos::GivenColumns::PricesVolumeAmount
        : allVolume                        ? kronos::GivenColumns::PricesVolume
                                           : kronos::GivenColumns::Prices;
    for (int step = 1; step <= predLen; ++step)
        input.futureTimestamps.append(m_calendar.next(date, step));
    return input;
}
