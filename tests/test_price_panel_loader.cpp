#include "data/csv_importer.h"
#include "data/price_store.h"
#include "eval/io/price_panel_loader.h"
#include "market_test_database.h"

#include <QFile>
#include <QtTest>
#include <cmath>
#include <stdexcept>

using Eval::LoadedPricePanel;
using Eval::PricePanelLoader;

// From the store to a panel: the calendar of the tickers asked for, adjusted closes, NaN holes,
// tickers without bars set aside, intraday bars refused.
class TestPricePanelLoader : public QObject
{
    Q_OBJECT

private:
    // Imports a long price file (date,ticker,open,high,low,close[,adj_close]) into a new store.
    static bool import(MarketTestDatabase &market, const QByteArray &content)
    {
        QFile file(QDir(market.folder()).filePath(QStringLiteral("prices.csv")));
        if (!file.open(QIODevice::WriteOnly))
            return false;
        file.write(content);
        file.close();
        ImportReport report;
        CsvImporter(market.database()).importPaths({ file.fileName() }, report);
        return report.everythingImported();
    }

private Q_SLOTS:
    void loadsTheCalendarOfTheTickersAsked_data()
    {
        QTest::addColumn<QByteArray>("prices");
        QTest::addColumn<QStringList>("tickers");
        QTest::addColumn<QStringList>("calendar");
        QTest::addColumn<QStringList>("columns");
        QTest::addColumn<QList<double>>("closes"); // row-major, NaN for a hole
        QTest::addColumn<QStringList>("missing");

        const double hole = std::nan("");
        const QByteArray twoTickers("date,ticker,open,high,low,close\n"
                                    "2020-01-02,AAA,10,10,10,10\n2020-01-03,AAA,11,11,11,11\n"
                                    "2020-01-03,BBB,20,20,20,20\n2020-01-06,BBB,21,21,21,21\n"
                                    "2020-01-07,CCC,30,30,30,30\n");
        QTest::newRow("union of dates, holes as NaN")
            << twoTickers << QStringList { "BBB", "AAA" }
            << QStringList { "2020-01-02", "2020-01-03", "2020-01-06" }
            << QStringList { "AAA", "BBB" } << QList<double> { 10, hole, 11, 20, hole, 21 }
            << QStringList {};
        QTest::newRow("other tickers do not extend the calendar")
            << twoTickers << QStringList { "AAA" } << QStringList { "2020-01-02", "2020-01-03" }
            << QStringList { "AAA" } << QList<double> { 10, 11 } << QStringList {};
        QTest::newRow("tickers without bars set aside")
            << twoTickers << QStringList { "ZZZ", "CCC", "YYY", "ZZZ" }
            << QStringList { "2020-01-07" } << QStringList { "CCC" } << QList<double> { 30 }
            << QStringList { "YYY", "ZZZ" };
        QTest::newRow("adjusted closes")
            << QByteArray("date,ticker,open,high,low,close,adj_close\n"
                          "2020-01-02,AAA,10,10,10,10,5\n2020-01-03,AAA,12,12,12,12,6\n")
            << QStringList { "AAA" } << QStringList { "2020-01-02", "2020-01-03" }
            << QStringList { "AAA" } << QList<double> { 5, 6 } << QStringList {};
    }

    void loadsTheCalendarOfTheTickersAsked()
    {
        QFETCH(QByteArray, prices);
        QFETCH(QStringList, tickers);
        QFETCH(QStringList, calendar);
        QFETCH(QStringList, columns);
        QFETCH(QList<double>, closes);
        QFETCH(QStringList, missing);

        MarketTestDatabase market;
        QVERIFY(market.isOpen());
        QVERIFY(import(market, prices));
        const PriceStore store(market.database());
        const LoadedPricePanel loaded = PricePanelLoader(store).load(tickers);

        QStringList actualCalendar;
        for (const QDate &date : loaded.panel.calendar())
            actualCalendar << date.toString(Qt::ISODate);
        QCOMPARE(actualCalendar, calendar);
        QCOMPARE(
            QStringList(loaded.panel.tickers().begin(), loaded.panel.tickers().end()), columns);
        QCOMPARE(loaded.missingTickers, missing);
        for (int row = 0; row < loaded.panel.rowCount(); ++row) {
            for (int column = 0; column < loaded.panel.tickerCount(); ++column) {
                const double expected = closes[row * columns.size() + column];
                const double actual = loaded.panel.close(row, column);
                QCOMPARE(std::isnan(actual), std::isnan(expected));
                if (!std::isnan(expected))
                    QCOMPARE(actual, expected);
            }
        }
    }

    void refusesIntradayBars()
    {
        MarketTestDatabase market;
        QVERIFY(market.isOpen());
        QVERIFY(import(market,
            "timestamps,ticker,open,high,low,close\n2020-01-02 09:30,AAA,10,10,10,10\n"
            "2020-01-02 09:35,AAA,11,11,11,11\n"));
        const PriceStore store(market.database());
        try {
            PricePanelLoader(store).load({ "AAA" });
            QFAIL("intraday bars were accepted");
        } catch (const std::runtime_error &error) {
            QCOMPARE(QString::fromUtf8(error.what()),
                QStringLiteral("AAA has intraday bars (2020-01-02 09:30); evaluation needs daily "
                               "closes"));
        }
    }
};

QTEST_GUILESS_MAIN(TestPricePanelLoader)
#include "test_price_panel_loader.moc"
