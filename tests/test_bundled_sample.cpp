#include "data/bundled_sample.h"
#include "data/price_store.h"
#include "data/universe_repository.h"
#include "market_test_database.h"

#include <QSet>
#include <QtTest>

// The embedded sample: 100 tickers over all 11 sectors, every one of the 1,259 days.
class TestBundledSample : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void installsIntoANewDatabase()
    {
        MarketTestDatabase market;
        QVERIFY(market.isOpen());
        BundledSample::install(market.database());

        const PriceStore store(market.database());
        const QStringList tickers = store.tickers();
        QCOMPARE(tickers.size(), 100);
        QCOMPARE(store.barCount(), 100LL * 1259);
        QCOMPARE(store.timestamps(tickers).size(), 1259);
        QSet<QString> sectors;
        for (const QString &ticker : tickers) {
            QCOMPARE(store.barCount(ticker), 1259LL);
            sectors.insert(store.instrument(ticker)->sector);
        }
        QCOMPARE(sectors.size(), 11);
        QVERIFY(!sectors.contains(QString()));

        const UniverseRepository universes(market.database());
        QCOMPARE(universes.find(BundledSample::universeName())->tickers, tickers);
        QCOMPARE(universes.list().size(), 1 + 11);
        QCOMPARE(universes.find("Sector: Energy")->tickers.size(), 6);
    }
};

QTEST_GUILESS_MAIN(TestBundledSample)
#include "test_bundled_sample.moc"
