#pragma once

#include "data/bar.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>
#include <optional>

// A bar with the instrument it belongs to, for batched writes.
struct TickerBar
{
    QString ticker;
    Bar bar;
};

// Reads and writes instruments and their bars in a MarketDatabase.
//
// Writers do not open transactions: the caller groups writes (CsvImporter makes one file one
// transaction). Every method throws DatabaseError when a statement fails: a read never answers
// "no rows" for an SQL error. Uses prepared statements kept for the store's lifetime. Works on
// the connection's thread only; must be destroyed before its MarketDatabase.
class PriceStore
{
public:
    explicit PriceStore(QSqlDatabase database);

    // Bars of `ticker` in time order, within [from, to] when given (an invalid QDateTime leaves
    // that side open).
    QList<Bar> bars(const QString &ticker, PriceAdjustment adjustment, const QDateTime &from = {},
        const QDateTime &to = {}) const;
    // Tickers that have at least one bar, sorted.
    QStringList tickers() const;
    QList<Instrument> instruments() const;
    std::optional<Instrument> instrument(const QString &ticker) const;
    // The sorted union of the bar timestamps of `tickers` (the universe's global calendar).
    QList<QDateTime> timestamps(const QStringList &tickers) const;
    qint64 barCount(const QString &ticker) const;
    qint64 barCount() const;

    // Adds the instrument when unknown; keeps its name and sector otherwise.
    void addInstrument(const QString &ticker);
    // Adds the instrument when unknown and sets its sector.
    void setSector(const QString &ticker, const QString &sector);
    // Inserts each bar, or replaces the stored one with the same ticker and timestamp. The
    // tickers must be known (addInstrument()).
    void writeBars(const QList<TickerBar> &bars);

private:
    qint64 count(QSqlQuery &query) const;

    QSqlDatabase m_database;
    QSqlQuery m_writeBar;
    QSqlQuery m_addInstrument;
};
