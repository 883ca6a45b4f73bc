#pragma once

#include <QDate>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

// What the run setup needs to know about the market database: its universes with their member
// counts and trading days. Loaded off the GUI thread, since it reads SQLite (and on a first start
// installs the bundled sample, which takes a few seconds).
struct UniverseInfo
{
    QString name;
    int memberCount = 0;
    QList<QDate> tradingDays; // the universe's calendar, ascending
};

struct MarketCatalog
{
    QList<UniverseInfo> universes;
    QHash<QString, QString> sectors; // ticker -> GICS sector, for the scores table
    bool sampleInstalled = false; // this load created the database and put the sample in it
    QString error; // why the database could not be read; empty when it could

    const UniverseInfo *find(const QString &name) const;
};

Q_DECLARE_METATYPE(MarketCatalog)

// Loads a MarketCatalog on a pool thread with a connection of its own, and reports it on the
// thread that owns the loader. A newer load() supersedes an older one still in flight.
class MarketCatalogLoader : public QObject
{
    Q_OBJECT

public:
    explicit MarketCatalogLoader(QObject *parent = nullptr);

    // Opens (creating and seeding with the bundled sample when new) the database at `path`.
    void load(const QString &databasePath);

    // The blocking part, for the pool thread (and for tests).
    static MarketCatalog read(const QString &databasePath);

Q_SIGNALS:
    void loaded(const MarketCatalog &catalog);

private:
    int m_generation = 0;
};
