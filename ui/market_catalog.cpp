#include "market_catalog.h"

#include "bundled_sample.h"
#include "market_database.h"
#include "price_store.h"
#include "universe_repository.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

const UniverseInfo *MarketCatalog::find(const QString &name) const
{
    for (const UniverseInfo &universe : universes) {
        if (universe.name == name)
            return &universe;
    }
    return nullptr;
}

MarketCatalogLoader::MarketCatalogLoader(QObject *parent)
    : QObject(parent)
{
}

void MarketCatalogLoader::load(const QString &databasePath)
{
    const int generation = ++m_generation;
    auto *watcher = new QFutureWatcher<MarketCatalog>(this);
    connect(watcher, &QFutureWatcher<MarketCatalog>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_generation)
            Q_EMIT loaded(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(&MarketCatalogLoader::read, databasePath));
}

MarketCatalog MarketCatalogLoader::read(const QString &databasePath)
{
    MarketCatalog catalog;
    MarketDatabase database;
    if (!database.open(databasePath)) {
        catalog.error = database.errorString();
        return catalog;
    }
    if (database.wasCreated()) {
        if (!BundledSample::install(database.database(), catalog.error))
            return catalog;
        catalog.sampleInstalled = true;
    }
    const UniverseRepository universes(database.database());
    const PriceStore prices(database.database());
    for (const Instrument &instrument : prices.instruments()) {
        if (!instrument.sector.isEmpty())
            catalog.sectors.insert(instrument.ticker, instrument.sector);
    }
    for (const Universe &universe : universes.list()) {
        UniverseInfo info { universe.name, int(universe.tickers.size()), {} };
        QDate previous;
        for (const QDateTime &timestamp : prices.timestamps(universe.tickers)) {
            // Intraday bars share a day; the run setup picks evaluation days.
            if (timestamp.date() != previous)
                info.tradingDays.append(previous = timestamp.date());
        }
        catalog.universes.append(info);
    }
    return catalog;
}
