#include "data/price_store.h"

#include "data/sql_statement.h"
#include "data/sql_values.h"

#include <QVariant>
#include <limits>

PriceStore::PriceStore(QSqlDatabase database)
    : m_database(database)
    // An upsert keeps a re-imported row in place instead of deleting and inserting it.
    , m_writeBar(Sql::prepare(database,
          QStringLiteral(
              "INSERT INTO bars (ticker, timestamp, open, high, low, close, volume, amount,"
              " adjusted_close) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
              " ON CONFLICT (ticker, timestamp) DO UPDATE SET open = excluded.open,"
              " high = excluded.high, low = excluded.low, close = excluded.close,"
              " volume = excluded.volume, amount = excluded.amount,"
              " adjusted_close = excluded.adjusted_close")))
    , m_addInstrument(Sql::prepare(database,
          QStringLiteral("INSERT INTO instruments (ticker) VALUES (?) ON CONFLICT DO NOTHING")))
{
}

qint64 PriceStore::count(QSqlQuery &query) const
{
    Sql::exec(query);
    query.next();
    return query.value(0).toLongLong();
}

QList<Bar> PriceStore::bars(const QString &ticker, PriceAdjustment adjustment,
    const QDateTime &from, const QDateTime &to) const
{
    QSqlQuery query = Sql::prepare(m_database,
        QStringLiteral(
            "SELECT timestamp, open, high, low, close, volume, amount, adjusted_close FROM bars"
            " WHERE ticker = ? AND timestamp >= ? AND timestamp <= ? ORDER BY timestamp"),
        true);
    query.addBindValue(ticker);
    query.addBindValue(
        from.isValid() ? from.toSecsSinceEpoch() : std::numeric_limits<qint64>::min());
    query.addBindValue(to.isValid() ? to.toSecsSinceEpoch() : std::numeric_limits<qint64>::max());
    Sql::exec(query);
    QList<Bar> result;
    while (query.next()) {
        Bar bar;
        bar.timestamp = QDateTime::fromSecsSinceEpoch(query.value(0).toLongLong(), Qt::UTC);
        bar.open = query.value(1).toDouble();
        bar.high = query.value(2).toDouble();
        bar.low = query.value(3).toDouble();
        bar.close = query.value(4).toDouble();
        bar.volume = SqlValues::optionalDouble(query.value(5));
        bar.amount = SqlValues::optionalDouble(query.value(6));
        bar.adjustedClose = SqlValues::optionalDouble(query.value(7));
        if (adjustment == PriceAdjustment::Adjusted && bar.adjustedClose) {
            const double factor = *bar.adjustedClose / bar.close;
            bar.open *= factor;
            bar.high *= factor;
            bar.low *= factor;
            bar.close = *bar.adjustedClose;
        }
        result.append(bar);
    }
    return result;
}

QStringList PriceStore::tickers() const
{
    QSqlQuery query = Sql::prepare(m_database,
        QStringLiteral("SELECT ticker FROM instruments i WHERE EXISTS"
                       " (SELECT 1 FROM bars b WHERE b.ticker = i.ticker)"
                       " ORDER BY ticker"));
    Sql::exec(query);
    QStringList result;
    while (query.next())
        result.append(query.value(0).toString());
    return result;
}

QList<Instrument> PriceStore::instruments() const
{
    QSqlQuery query = Sql::prepare(
        m_database, QStringLiteral("SELECT ticker, name, sector FROM instruments ORDER BY ticker"));
    Sql::exec(query);
    QList<Instrument> result;
    while (query.next())
        result.append(
            { query.value(0).toString(), query.value(1).toString(), query.value(2).toString() });
    return result;
}

std::optional<Instrument> PriceStore::instrument(const QString &ticker) const
{
    QSqlQuery query = Sql::prepare(m_database,
        QStringLiteral("SELECT ticker, name, sector FROM instruments WHERE ticker = ?"));
    query.addBindValue(ticker);
    Sql::exec(query);
    if (!query.next())
        return std::nullopt;
    return Instrument { query.value(0).toString(), query.value(1).toString(),
        query.value(2).toString() };
}

QList<QDateTime> PriceStore::timestamps(const QStringList &tickers) const
{
    QList<QDateTime> result;
    if (tickers.isEmpty())
        return result;
    // Bound through a JSON array: one statement whatever the number of tickers.
    QSqlQuery query = Sql::prepare(m_database,
        QStringLiteral("SELECT DISTINCT timestamp FROM bars WHERE ticker IN"
                       " (SELECT value FROM json_each(?)) ORDER BY timestamp"),
        true);
    QString array = QStringLiteral("[");
    for (const QString &ticker : tickers) {
        if (array.size() > 1)
            array += QLatin1Char(',');
        QString escaped = ticker;
        escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('"'), QLatin1String("\\\""));
        array += QLatin1Char('"') + escaped + QLatin1Char('"');
    }
    array += QLatin1Char(']');
    query.addBindValue(array);
    Sql::exec(query);
    while (query.next())
        result.append(QDateTime::fromSecsSinceEpoch(query.value(0).toLongLong(), Qt::UTC));
    return result;
}

qint64 PriceStore::barCount(const QString &ticker) const
{
    QSqlQuery query
        = Sql::prepare(m_database, QStringLiteral("SELECT COUNT(*) FROM bars WHERE ticker = ?"));
    query.addBindValue(ticker);
    return count(query);
}

qint64 PriceStore::barCount() const
{
    QSqlQuery query = Sql::prepare(m_database, QStringLiteral("SELECT COUNT(*) FROM bars"));
    return count(query);
}

void PriceStore::addInstrument(const QString &ticker)
{
    m_addInstrument.bindValue(0, ticker);
    Sql::exec(m_addInstrument);
}

void PriceStore::setSector(const QString &ticker, const QString &sector)
{
    QSqlQuery query = Sql::prepare(m_database,
        QStringLiteral("INSERT INTO instruments (ticker, sector) VALUES (?, ?)"
                       " ON CONFLICT (ticker) DO UPDATE SET sector = excluded.sector"));
    query.addBindValue(ticker);
    query.addBindValue(sector);
    Sql::exec(query);
}

void PriceStore::writeBars(const QList<TickerBar> &bars)
{
    // One list per column and a single execBatch(): binding value by value costs Qt a string
    // key and a hash lookup each, which dominated the import time.
    QVariantList columns[9];
    for (QVariantList &column : columns)
        column.reserve(bars.size());
    for (const TickerBar &entry : bars) {
        const Bar &bar = entry.bar;
        columns[0].append(entry.ticker);
        columns[1].append(bar.timestamp.toSecsSinceEpoch());
        columns[2].append(bar.open);
        columns[3].append(bar.high);
        columns[4].append(bar.low);
        columns[5].append(bar.close);
        columns[6].append(SqlValues::optionalValue(bar.volume));
        columns[7].append(SqlValues::optionalValue(bar.amount));
        columns[8].append(SqlValues::optionalValue(bar.adjustedClose));
    }
    for (int i = 0; i < 9; ++i)
        m_writeBar.bindValue(i, columns[i]);
    Sql::execBatch(m_writeBar);
}
