#include "csv_test_support.h"
#include "data/csv_importer.h"
#include "data/file_error.h"
#include "data/ticker_list_reader.h"
#include "data/universe_repository.h"
#include "market_test_database.h"

#include <QBuffer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

// Universes: unknown tickers reported, rename / duplicate / delete, built-in ones protected,
// sector universes rebuilt from the instruments' sectors; ticker lists typed or from files.
class TestUniverseRepository : public QObject
{
    Q_OBJECT

private:
    void importText(const QByteArray &text, const QString &name)
    {
        QByteArray data = text;
        QBuffer buffer(&data);
        buffer.open(QIODevice::ReadOnly);
        const FileImportReport report
            = CsvImporter(m_market->database()).importDevice(buffer, name);
        QVERIFY2(report.error.isEmpty() && report.rejected == 0, qPrintable(report.error));
    }

private Q_SLOTS:
    void init()
    {
        m_market = std::make_unique<MarketTestDatabase>();
        QVERIFY(m_market->isOpen());
        importText("ticker,Date,Open,High,Low,Close\nAAPL,2020-01-02,1,2,0.5,1.5\n"
                   "MSFT,2020-01-02,1,2,0.5,1.5\nJNJ,2020-01-02,1,2,0.5,1.5\n",
            "prices.csv");
        importText("ticker,sector\nAAPL,Information Technology\nMSFT,Information Technology\n"
                   "JNJ,Health Care\nPFE,Health Care\n",
            "sectors.csv");
    }

    void cleanup() { m_market.reset(); }

    void createReportsUnknownTickers()
    {
        UniverseRepository universes(m_market->database());
        QStringList unknown;
        universes.create("Mine", "test", { "aapl", " MSFT ", "ZZZ", "AAPL", "PFE" }, &unknown);
        // PFE has a sector but no bars: nothing to work with, so it is unknown too.
        QCOMPARE(unknown, (QStringList { "ZZZ", "PFE" }));
        const std::optional<Universe> mine = universes.find("mine");
        QVERIFY(mine);
        QCOMPARE(mine->name, QStringLiteral("Mine"));
        QCOMPARE(mine->description, QStringLiteral("test"));
        QCOMPARE(mine->tickers, (QStringList { "AAPL", "MSFT" }));
        QVERIFY(!mine->builtIn);
    }

    void namesAreUnique_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("error");
        QTest::newRow("taken") << "mine"
                               << "a universe named 'mine' already exists";
        QTest::newRow("empty") << "  "
                               << "a universe needs a name";
        QTest::newRow("sector prefix")
            << "Sector: Mine"
            << "names starting with 'Sector: ' are kept for the built-in sector universes";
    }

    void namesAreUnique()
    {
        QFETCH(QString, name);
        QFETCH(QString, error);
        UniverseRepository universes(m_market->database());
        universes.create("Mine", {}, { "AAPL" });
        QCOMPARE(databaseErrorOf([&] { universes.create(name, {}, { "MSFT" }); }), error);
        QCOMPARE(universes.list().size(), 1); // refused: nothing stored
    }

    void renameDuplicateDelete()
    {
        UniverseRepository universes(m_market->database());
        universes.create("Mine", "d", { "AAPL", "JNJ" });
        universes.rename("Mine", "Ours");
        QVERIFY(!universes.find("Mine"));
        universes.rename("Ours", "OURS");
        QCOMPARE(databaseErrorOf([&] { universes.rename("OURS", " "); }),
            QStringLiteral("a universe needs a name"));
        universes.duplicate("OURS", "Copy");
        QCOMPARE(universes.find("Copy")->tickers, (QStringList { "AAPL", "JNJ" }));
        QCOMPARE(databaseErrorOf([&] { universes.rename("Copy", "ours"); }),
            QStringLiteral("a universe named 'ours' already exists"));
        universes.remove("OURS");
        QVERIFY(!universes.find("OURS"));
        QVERIFY(universes.find("Copy"));
        QCOMPARE(databaseErrorOf([&] { universes.remove("OURS"); }),
            QStringLiteral("no universe named 'OURS'"));
        QCOMPARE(databaseErrorOf([&] { universes.duplicate("OURS", "Again"); }),
            QStringLiteral("no universe named 'OURS'"));
    }

    void sectorUniversesFollowTheInstruments()
    {
        UniverseRepository universes(m_market->database());
        universes.refreshSectorUniverses();
        QCOMPARE(universes.find("Sector: Information Technology")->tickers,
            (QStringList { "AAPL", "MSFT" }));
        QCOMPARE(universes.find("Sector: Health Care")->tickers, QStringList { "JNJ" });

        importText("ticker,Date,Open,High,Low,Close\nPFE,2020-01-02,1,2,0.5,1.5\n", "pfe.csv");
        universes.refreshSectorUniverses();
        QCOMPARE(universes.find("Sector: Health Care")->tickers, (QStringList { "JNJ", "PFE" }));
        QCOMPARE(universes.list().size(), 2);
    }

    // Issue 15.4: importing ADBE, ADI, AKAM and AMD grew Information Technology from 12 to 16
    // members without a word.
    void refreshingSectorUniversesReportsWhatChanged()
    {
        UniverseRepository universes(m_market->database());
        QList<UniverseChange> changes;
        universes.refreshSectorUniverses(&changes);
        QCOMPARE(changes.size(), 2); // both sector universes are new
        QCOMPARE(changes[1].universe, QStringLiteral("Sector: Information Technology"));
        QCOMPARE(changes[1].added, (QStringList { "AAPL", "MSFT" }));

        changes.clear();
        importText("ticker,Date,Open,High,Low,Close\nPFE,2020-01-02,1,2,0.5,1.5\n", "pfe.csv");
        importText("ticker,sector\nMSFT,Health Care\n", "moved.csv");
        universes.refreshSectorUniverses(&changes);
        QCOMPARE(changes.size(), 2);
        const UniverseChange &health = changes[0];
        QCOMPARE(health.universe, QStringLiteral("Sector: Health Care"));
        QCOMPARE(health.membersBefore, 1);
        QCOMPARE(health.membersAfter(), 3);
        QCOMPARE(
            health.text(), QStringLiteral("Sector: Health Care: 1 -> 3 members (added MSFT, PFE)"));
        QCOMPARE(changes[1].text(),
            QStringLiteral("Sector: Information Technology: 2 -> 1 members (removed MSFT)"));

        changes.clear();
        universes.refreshSectorUniverses(&changes);
        QVERIFY(changes.isEmpty());
    }

    void builtInUniversesCanOnlyBeDuplicated()
    {
        UniverseRepository universes(m_market->database());
        universes.setBuiltIn("Sample", "bundled", { "AAPL", "JNJ" });
        const QString refusal = QStringLiteral("'Sample' is built in and cannot be changed; "
                                               "duplicate it first");
        QCOMPARE(databaseErrorOf([&] { universes.remove("Sample"); }), refusal);
        QCOMPARE(databaseErrorOf([&] { universes.rename("Sample", "Other"); }), refusal);
        QCOMPARE(databaseErrorOf([&] { universes.addTickers("Sample", { "MSFT" }); }), refusal);
        QCOMPARE(databaseErrorOf([&] { universes.removeTickers("Sample", { "AAPL" }); }), refusal);
        universes.duplicate("Sample", "My sample");
        universes.addTickers("My sample", { "MSFT" });
        QCOMPARE(universes.find("My sample")->tickers, (QStringList { "AAPL", "JNJ", "MSFT" }));
        QVERIFY(universes.find("Sample")->builtIn);
    }

    // A failed statement throws; it never reads as "no universes" or "no such universe".
    void sqlErrorInAReadIsReportedNotReadAsNoUniverse()
    {
        UniverseRepository universes(m_market->database());
        universes.create("Mine", {}, { "AAPL" });
        QVERIFY(QSqlQuery(m_market->database()).exec("ALTER TABLE universes RENAME TO gone"));
        const QString noTable = QStringLiteral("no such table: universes");
        QVERIFY(databaseErrorOf([&] { universes.list(); }).contains(noTable));
        QVERIFY(databaseErrorOf([&] { universes.find("Mine"); }).contains(noTable));
        QVERIFY(databaseErrorOf([&] { universes.remove("Mine"); }).contains(noTable));
    }

    void tickerListFromText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("tickers");
        QTest::newRow("commas") << "AAPL,MSFT" << QStringList { "AAPL", "MSFT" };
        QTest::newRow("mixed separators")
            << " aapl;  msft\nGOOG\tibm, " << QStringList { "AAPL", "MSFT", "GOOG", "IBM" };
        QTest::newRow("repeats dropped") << "A,a,B" << QStringList { "A", "B" };
        QTest::newRow("empty") << "" << QStringList();
    }

    void tickerListFromText()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, tickers);
        QCOMPARE(TickerListReader::fromText(text), tickers);
    }

    void tickerListFromFile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("tickers");
        QTest::newRow("one per line")
            << QByteArray("AAPL\nmsft\r\n\nJNJ\n") << QStringList { "AAPL", "MSFT", "JNJ" };
        QTest::newRow("csv with a ticker column")
            << QByteArray("Name,Symbol,Weight\n\"Apple, Inc.\",AAPL,0.5\nJ&J,JNJ,0.5\n")
            << QStringList { "AAPL", "JNJ" };
        QTest::newRow("empty file") << QByteArray() << QStringList {};
    }

    void tickerListFromFile()
    {
        QFETCH(QByteArray, content);
        QFETCH(QStringList, tickers);
        QTemporaryDir folder;
        const QString path = folder.filePath("list.csv");
        QVERIFY(CsvTest::writeFile(path, content));
        QCOMPARE(TickerListReader::fromFile(path), tickers);
    }

    void unreadableTickerFileThrowsNamingThePath_data()
    {
        QTest::addColumn<QByteArray>("content"); // empty: no file at all
        QTest::addColumn<QString>("error"); // after the path
        QTest::newRow("missing file") << QByteArray() << ": No such file or directory";
        QTest::newRow("quote not closed in the header")
            << QByteArray("\"ticker\nAAPL\n")
            << ": line 1: quoted field is not closed before the end of the file";
        QTest::newRow("quote not closed in a row")
            << QByteArray("ticker\nAAPL\n\"MSFT\n")
            << ": line 3: quoted field is not closed before the end of the file";
    }

    void unreadableTickerFileThrowsNamingThePath()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, error);
        QTemporaryDir folder;
        const QString path = folder.filePath("list.csv");
        if (!content.isEmpty())
            QVERIFY(CsvTest::writeFile(path, content));
        QString message;
        try {
            TickerListReader::fromFile(path);
            QFAIL("the file was read");
        } catch (const FileError &thrown) {
            message = QString::fromUtf8(thrown.what());
        }
        QVERIFY2(message.contains(path + error), qPrintable(message));
    }

private:
    std::unique_ptr<MarketTestDatabase> m_market;
};

QTEST_GUILESS_MAIN(TestUniverseRepository)
#include "test_universe_repository.moc"
