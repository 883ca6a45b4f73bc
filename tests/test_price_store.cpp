#include "data/csv_importer.h"
#include "data/price_store.h"
#include "market_test_database.h"
#include "test_paths.h"

#include <QSqlQuery>
#include <QtTest>

// Bars back out of the store: raw or adjusted, by date range; the union of timestamps.
class TestPriceStore : public QObject
{
    Q_OBJECT

private:
    static QDateTime day(const char *date)
    {
        return QDateTime(QDate::fromString(QLatin1String(date), Qt::ISODate), QTime(0, 0), Qt::UTC);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_market.isOpen());
        CsvImporter importer(m_market.database());
        ImportReport report;
        importer.importPaths({ testDataPath("CSRA_data.csv"), testDataPath("SNI_data.csv"),
                                 testDataPath("AAPL_data.csv") },
            report);
        QVERIFY(report.everythingImported());
    }

    void rawBarsAreAsImported()
    {
        const QList<Bar> bars = PriceStore(m_market.database()).bars("AAPL", PriceAdjustment::Raw);
        QCOMPARE(bars.size(), 1259);
        const Bar &first = bars.first();
        QCOMPARE(first.timestamp, day("2015-01-12"));
        QCOMPARE(first.open, 112.5999984741211);
        QCOMPARE(first.high, 112.62999725341797);
        QCOMPARE(first.low, 108.80000305175781);
        QCOMPARE(first.close, 109.25);
        QCOMPARE(first.volume, std::optional<double>(49650800.0));
        QCOMPARE(first.amount, std::nullopt);
        QCOMPARE(first.adjustedClose, std::optional<double>(100.38079071044922));
    }

    void adjustedBarsScaleByAdjCloseOverClose()
    {
        const PriceStore store(m_market.database());
        const Bar raw = store.bars("AAPL", PriceAdjustment::Raw).first();
        const Bar adjusted = store.bars("AAPL", PriceAdjustment::Adjusted).first();
        const double factor = 100.38079071044922 / 109.25;
        QCOMPARE(adjusted.open, raw.open * factor);
        QCOMPARE(adjusted.high, raw.high * factor);
        QCOMPARE(adjusted.low, raw.low * factor);
        QCOMPARE(adjusted.close, 100.38079071044922);
        QCOMPARE(adjusted.volume, raw.volume);
    }

    void rangeIsInclusive()
    {
        const QList<Bar> bars
            = PriceStore(m_market.database())
                  .bars("CSRA", PriceAdjustment::Raw, day("2018-03-13"), day("2018-03-15"));
        QCOMPARE(bars.size(), 3);
        QCOMPARE(bars.first().timestamp, day("2018-03-13"));
        QCOMPARE(bars.last().timestamp, day("2018-03-15"));
    }

    void unknownTickerHasNoBars()
    {
        QVERIFY(PriceStore(m_market.database()).bars("NOPE", PriceAdjustment::Raw).isEmpty());
    }

    void tickersAndCounts()
    {
        const PriceStore store(m_market.database());
        QCOMPARE(store.tickers(), (QStringList { "AAPL", "CSRA", "SNI" }));
        QCOMPARE(store.barCount(), 1259LL + 17 + 2);
    }

    void timestampsAreTheSortedUnion()
    {
        const PriceStore store(m_market.database());
        // SNI's two days are CSRA days too; AAPL adds the rest of five years.
        QCOMPARE(store.timestamps({ "CSRA", "SNI" }).size(), 17);
        const QList<QDateTime> all = store.timestamps({ "SNI", "AAPL", "CSRA", "NOPE" });
        QCOMPARE(all.size(), 1259);
        QVERIFY(std::is_sorted(all.cbegin(), all.cend()));
        QCOMPARE(all.last(), day("2020-01-10"));
    }

    // A failed statement throws DatabaseError with the driver's message; it never reads as "no
    // bars", "no tickers" or a count of 0 (the bars table is renamed under the store).
    void sqlErrorInAReadIsReportedNotReadAsNoRows()
    {
        MarketTestDatabase market;
        QVERIFY2(market.isOpen(), qPrintable(market.errorString()));
        const PriceStore store(market.database());
        QVERIFY(QSqlQuery(market.database()).exec("ALTER TABLE bars RENAME TO bars_gone"));
        const QString noBars = QStringLiteral("no such table: bars");
        QVERIFY(
            databaseErrorOf([&] { store.bars("AAPL", PriceAdjustment::Raw); }).contains(noBars));
        QVERIFY(databaseErrorOf([&] { store.tickers(); }).contains(noBars));
        QVERIFY(databaseErrorOf([&] { store.timestamps({ "AAPL" }); }).contains(noBars));
        QVERIFY(databaseErrorOf([&] { store.barCount("AAPL"); }).contains(noBars));
        QVERIFY(databaseErrorOf([&] { store.barCount(); }).contains(noBars));

        QVERIFY(QSqlQuery(market.database()).exec("ALTER TABLE instruments RENAME TO gone"));
        const QString noInstruments = QStringLiteral("no such table: instruments");
        QVERIFY(databaseErrorOf([&] { store.instruments(); }).contains(noInstruments));
        QVERIFY(databaseErrorOf([&] { store.instrument("AAPL"); }).contains(noInstruments));
    }

    void sqlErrorInAWriteIsReported()
    {
        MarketTestDatabase market;
        QVERIFY2(market.isOpen(), qPrintable(market.errorString()));
        PriceStore store(market.database());
        QVERIFY(QSqlQuery(market.database()).exec("DROP TABLE bars"));
        QVERIFY(QSqlQuery(market.database()).exec("ALTER TABLE instruments RENAME TO gone"));
        Bar bar;
        bar.timestamp = day("2020-01-10");
        QVERIFY(!databaseErrorOf([&] { store.writeBars({ { "AAPL", bar } }); }).isEmpty());
        QVERIFY(!databaseErrorOf([&] { store.addInstrument("AAPL"); }).isEmpty());
        QVERIFY(!databaseErrorOf([&] { store.setSector("AAPL", "Energy"); }).isEmpty());
    }

private:
    MarketTestDatabase m_market;
};

QTEST_GUILESS_MAIN(TestPriceStore)
#include "test_price_store.moc"
