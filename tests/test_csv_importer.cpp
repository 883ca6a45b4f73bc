#include "csv_test_support.h"
#include "data/csv_importer.h"
#include "data/price_store.h"
#include "market_test_database.h"
#include "test_paths.h"

#include <QBuffer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>

// CSV import: formats, per-row validation with exact reports, atomicity, cancel, re-import.
class TestCsvImporter : public QObject
{
    Q_OBJECT

private:
    static FileImportReport importBytes(QSqlDatabase database, const QByteArray &bytes,
        const QString &fileName = QStringLiteral("X.csv"),
        const std::atomic<bool> *cancel = nullptr)
    {
        QByteArray data = bytes;
        QBuffer buffer(&data);
        buffer.open(QIODevice::ReadOnly);
        CsvImporter importer(database, cancel);
        return importer.importDevice(buffer, fileName);
    }

    static QStringList rejectionLines(const FileImportReport &report)
    {
        QStringList lines;
        for (const ImportRejection &rejection : report.rejections)
            lines.append(QStringLiteral("%1: %2").arg(rejection.line).arg(rejection.reason));
        return lines;
    }

    static QString dataPath(const QString &name) { return testDataPath("") + name; }

private Q_SLOTS:
    void malformedInputsAreReportedExactly_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("error");
        QTest::addColumn<qint64>("read");
        QTest::addColumn<qint64>("imported");
        QTest::addColumn<QStringList>("rejections");

        const QByteArray header = "timestamps,open,high,low,close,volume\n";
        const QByteArray good = "2020-01-02,1,2,0.5,1.5,10\n";
        const QString expected = QStringLiteral(
            "expected columns Date (or timestamps), Open, High, Low, Close, optionally "
            "Volume, Amount, Adj Close and a ticker column (ticker, symbol or Name); or "
            "ticker and sector");
        const QString nothing = QStringLiteral("; nothing imported from this file");
        const QString dateForms = QStringLiteral(
            "not understood (expected YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or YYYY/MM/DD)");

        QTest::newRow("empty file")
            << QByteArray() << "file is empty" << 0LL << 0LL << QStringList();
        QTest::newRow("only a header") << header << "" << 0LL << 0LL << QStringList();
        QTest::newRow("header not understood")
            << QByteArray("foo,bar\n1,2\n")
            << QStringLiteral("header not understood (missing Date, Open, High, Low, Close): "
                              "%1; got foo,bar")
                   .arg(expected)
            << 0LL << 0LL << QStringList();
        QTest::newRow("missing column")
            << QByteArray("timestamps,open,high,close\n2020-01-02,1,2,1.5\n")
            << QStringLiteral("header not understood (missing Low): %1; "
                              "got timestamps,open,high,close")
                   .arg(expected)
            << 0LL << 0LL << QStringList();
        QTest::newRow("column twice")
            << QByteArray("timestamps,open,Open,high,low,close\n")
            << "header not understood: column 'Open' appears twice" << 0LL << 0LL << QStringList();
        QTest::newRow("text in a number")
            << header + "2020-01-02,abc,2,0.5,1.5,10\n"
            << "" << 1LL << 0LL << QStringList { "2: open 'abc' is not a number" };
        QTest::newRow("NaN") << header + "2020-01-02,1,2,0.5,NaN,10\n"
                             << "" << 1LL << 0LL << QStringList { "2: close 'NaN' is not finite" };
        QTest::newRow("inf") << header + "2020-01-02,1,inf,0.5,1.5,10\n"
                             << "" << 1LL << 0LL << QStringList { "2: high 'inf' is not finite" };
        QTest::newRow("hexadecimal")
            << header + "2020-01-02,0x1,2,0.5,1.5,10\n"
            << "" << 1LL << 0LL << QStringList { "2: open '0x1' is not a number" };
        QTest::newRow("out of range")
            << header + "2020-01-02,1,1e999,0.5,1.5,10\n"
            << "" << 1LL << 0LL << QStringList { "2: high '1e999' is not a number" };
        QTest::newRow("signs, exponents and spaces")
            << header + "2020-01-02, +1 ,2e0,5E-1,1.50,1e3\n"
            << "" << 1LL << 1LL << QStringList();
        QTest::newRow("zero price")
            << header + "2020-01-02,0,2,0.5,1.5,10\n"
            << "" << 1LL << 0LL << QStringList { "2: open 0 is not above zero" };
        QTest::newRow("negative price")
            << header + "2020-01-02,1,2,-0.5,1.5,10\n"
            << "" << 1LL << 0LL << QStringList { "2: low -0.5 is not above zero" };
        QTest::newRow("high below low")
            << header + "2020-01-02,1.5,1,2,1.5,10\n"
            << "" << 1LL << 0LL << QStringList { "2: low 2 is above min(open, close) 1.5" };
        QTest::newRow("high below close")
            << header + "2020-01-02,1,1.5,0.9,2,10\n"
            << "" << 1LL << 0LL << QStringList { "2: high 1.5 is below max(open, close) 2" };
        QTest::newRow("negative volume")
            << header + "2020-01-02,1,2,0.5,1.5,-5\n"
            << "" << 1LL << 0LL << QStringList { "2: volume -5 is negative" };
        QTest::newRow("empty price") << header + "2020-01-02,,2,0.5,1.5,10\n"
                                     << "" << 1LL << 0LL << QStringList { "2: open is empty" };
        QTest::newRow("duplicate date")
            << header + good + "2020-01-03,1,2,0.5,1.5,10\n" + good << "" << 3LL << 2LL
            << QStringList { "4: duplicate timestamp 2020-01-02 for X (first on line 2)" };
        QTest::newRow("impossible date")
            << header + "2020-02-30,1,2,0.5,1.5,10\n"
            << "" << 1LL << 0LL
            << QStringList { QStringLiteral("2: timestamp '2020-02-30' %1").arg(dateForms) };
        QTest::newRow("unknown date form")
            << header + "02.01.2020,1,2,0.5,1.5,10\n"
            << "" << 1LL << 0LL
            << QStringList { QStringLiteral("2: timestamp '02.01.2020' %1").arg(dateForms) };
        QTest::newRow("too few fields")
            << header + "2020-01-02,1,2\n"
            << "" << 1LL << 0LL << QStringList { "2: expected 6 fields, got 3" };
        QTest::newRow("too many fields")
            << header + "2020-01-02,1,2,0.5,1.5,10,7\n"
            << "" << 1LL << 0LL << QStringList { "2: expected 6 fields, got 7" };
        QTest::newRow("byte order mark and CRLF")
            << QByteArray("\xEF\xBB\xBF"
                          "Date,Open,High,Low,Close,Volume\r\n2020-01-02,1,2,0.5,1.5,10\r\n")
            << "" << 1LL << 1LL << QStringList();
        QTest::newRow("trailing delimiter")
            << QByteArray("timestamps,open,high,low,close,volume,\n2020-01-02,1,2,0.5,1.5,10,\n")
            << "" << 1LL << 1LL << QStringList();
        QTest::newRow("quoted fields")
            << QByteArray("\"timestamps\",\"open\",\"high\",\"low\",\"close\",\"note\"\n"
                          "\"2020-01-02\",\"1\",\"2\",\"0.5\",\"1.5\",\"split, 2:1\"\n")
            << "" << 1LL << 1LL << QStringList();
        QTest::newRow("semicolon and decimal comma")
            << QByteArray("timestamps;open;high;low;close\n2020-01-02;1,5;2;1;1,75\n") << "" << 1LL
            << 1LL << QStringList();
        QTest::newRow("slash dates and times") << header
                + "2020/01/02,1,2,0.5,1.5,10\n2020-01-03 09:30,1,2,0.5,1.5,10\n"
                  "2020-01-03 09:35:00,1,2,0.5,1.5,10\n"
                                               << "" << 3LL << 3LL << QStringList();
        QTest::newRow("empty ticker in a long file")
            << QByteArray("ticker,timestamps,open,high,low,close\n,2020-01-02,1,2,0.5,1.5\n"
                          "Y,2020-01-02,1,2,0.5,1.5\n")
            << "" << 2LL << 1LL << QStringList { "2: ticker is empty" };
        QTest::newRow("unclosed quote rolls the file back")
            << header + good + "2020-01-03,\"1,2,0.5,1.5,10\n"
            << "line 3: quoted field is not closed before the end of the file" + nothing << 1LL
            << 0LL << QStringList();
        QTest::newRow("good and bad rows counted")
            << header + good + "2020-01-03,1,2,0.5,x,10\n" + "2020-01-06,1,2,0.5,1.5,\n"
            << "" << 3LL << 2LL << QStringList { "3: close 'x' is not a number" };
    }

    void malformedInputsAreReportedExactly()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, error);
        QFETCH(qint64, read);
        QFETCH(qint64, imported);
        QFETCH(QStringList, rejections);

        MarketTestDatabase market;
        QVERIFY2(market.isOpen(), qPrintable(market.errorString()));
        const FileImportReport report = importBytes(market.database(), content);
        QCOMPARE(report.error, error);
        QCOMPARE(rejectionLines(report), rejections);
        QCOMPARE(report.read, read);
        QCOMPARE(report.imported, imported);
        QCOMPARE(report.rejected, qint64(rejections.size()));
        QCOMPARE(report.replaced, 0LL);
        QCOMPARE(PriceStore(market.database()).barCount(), imported);
    }

    void realFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("ticker");
        QTest::addColumn<qint64>("imported");
        QTest::addColumn<QStringList>("rejections");

        QTest::newRow("short history") << "CSRA_data.csv"
                                       << "CSRA" << 17LL << QStringList();
        QTest::newRow("two rows") << "SNI_data.csv"
                                  << "SNI" << 2LL << QStringList();
        QTest::newRow("missing days") << "JNJ_data.csv"
                                      << "JNJ" << 1256LL << QStringList();
        QTest::newRow("zero prices")
            << "CBS_data.csv"
            << "CBS" << 1234LL << QStringList { "1236: open 0.0 is not above zero" };
        QTest::newRow("low above close")
            << "DXC_data.csv"
            << "DXC" << 1258LL
            << QStringList { "855: low 80.05000305175781 is above min(open, close) "
                             "79.68000030517578" };
        QTest::newRow("intraday Kronos file") << "regression_input_5min.csv"
                                              << "REGRESSION_INPUT_5MIN" << 2500LL << QStringList();
    }

    void realFiles()
    {
        QFETCH(QString, file);
        QFETCH(QString, ticker);
        QFETCH(qint64, imported);
        QFETCH(QStringList, rejections);

        MarketTestDatabase market;
        QVERIFY(market.isOpen());
        CsvImporter importer(market.database());
        const FileImportReport report = importer.importFile(dataPath(file));
        QCOMPARE(report.error, QString());
        QCOMPARE(rejectionLines(report), rejections);
        QCOMPARE(report.imported, imported);
        QCOMPARE(report.tickers, QStringList { ticker });
        QCOMPARE(PriceStore(market.database()).barCount(ticker), imported);
    }

    void formatIsNamed()
    {
        MarketTestDatabase market;
        CsvImporter importer(market.database());
        QCOMPARE(
            importer.importFile(dataPath("AAPL_data.csv")).format, QStringLiteral("Yahoo, daily"));
        QCOMPARE(importer.importFile(dataPath("regression_input_5min.csv")).format,
            QStringLiteral("Kronos, intraday"));
    }

    void longFileHoldsManyTickers()
    {
        MarketTestDatabase market;
        const FileImportReport report = importBytes(market.database(),
            "Symbol,Date,Open,High,Low,Close\nb,2020-01-02,1,2,0.5,1.5\n"
            "A,2020-01-02,1,2,0.5,1.5\nA,2020-01-03,1,2,0.5,1.5\n",
            QStringLiteral("universe.csv"));
        QCOMPARE(report.tickers, (QStringList { "A", "B" }));
        const PriceStore store(market.database());
        QCOMPARE(store.barCount("A"), 2LL);
        QCOMPARE(store.barCount("B"), 1LL);
    }

    void reimportReplacesInPlace()
    {
        MarketTestDatabase market;
        const QByteArray header = "Date,Open,High,Low,Close,Adj Close\n";
        importBytes(
            market.database(), header + "2020-01-02,1,2,0.5,1.5,1.5\n2020-01-03,1,2,0.5,1.5,1.5\n");
        const FileImportReport again = importBytes(
            market.database(), header + "2020-01-03,1,3,0.5,2.5,2\n2020-01-06,1,2,0.5,1.5,1.5\n");
        QCOMPARE(again.imported, 2LL);
        QCOMPARE(again.replaced, 1LL);
        const QList<Bar> bars = PriceStore(market.database()).bars("X", PriceAdjustment::Raw);
        QCOMPARE(bars.size(), 3);
        QCOMPARE(bars.at(1).close, 2.5);
        QCOMPARE(bars.at(1).adjustedClose, std::optional<double>(2));
    }

    // An error late in a file leaves the store as it was, previously stored rows included.
    void errorInTheMiddleLeavesNothing()
    {
        MarketTestDatabase market;
        const QByteArray header = "timestamps,open,high,low,close\n";
        importBytes(market.database(), header + "2020-01-02,1,2,0.5,1.5\n");
        const FileImportReport report = importBytes(market.database(),
            header
                + "2020-01-02,1,9,0.5,8\n2020-01-03,1,2,0.5,1.5\n"
                  "2020-01-06,\"1,2,0.5,1.5\n");
        QVERIFY(!report.error.isEmpty());
        QCOMPARE(report.imported, 0LL);
        const QList<Bar> bars = PriceStore(market.database()).bars("X", PriceAdjustment::Raw);
        QCOMPARE(bars.size(), 1);
        QCOMPARE(bars.first().close, 1.5);
    }

    // A file that cannot be read to its end is that file's problem: it is rejected with the
    // reader's message and the import goes on with the next file.
    void aMalformedFileIsRejectedAndTheNextImported()
    {
        MarketTestDatabase market;
        QTemporaryDir folder;
        const QString malformed = folder.filePath(QStringLiteral("BAD.csv"));
        QVERIFY(CsvTest::writeFile(
            malformed, "timestamps,open,high,low,close\n2020-01-02,1,2,0.5,\"1.5\n"));
        CsvImporter importer(market.database());
        ImportReport report;
        importer.importPaths({ malformed, dataPath("CSRA_data.csv") }, report);
        QCOMPARE(report.files.size(), 2);
        QCOMPARE(report.files.at(0).error,
            QStringLiteral("line 2: quoted field is not closed before the end of the file; "
                           "nothing imported from this file"));
        QCOMPARE(report.files.at(1).error, QString());
        QCOMPARE(report.files.at(1).imported, 17LL);
        QCOMPARE(PriceStore(market.database()).tickers(), QStringList { "CSRA" });
    }

    void cancelRollsBackAndStops()
    {
        MarketTestDatabase market;
        std::atomic<bool> cancel { false };
        CsvImporter importer(market.database(), &cancel);
        ImportReport report;
        importer.importPaths({ dataPath("CSRA_data.csv"), dataPath("SNI_data.csv") }, report,
            [&](const FileImportReport &) { cancel = true; });
        QCOMPARE(report.files.size(), 1);
        QCOMPARE(report.files.first().imported, 17LL);
        QVERIFY(report.cancelled);
        QVERIFY(!report.everythingImported());

        const FileImportReport cancelled = importBytes(market.database(),
            "timestamps,open,high,low,close\n2020-01-02,1,2,0.5,1.5\n", QStringLiteral("X.csv"),
            &cancel);
        QVERIFY(cancelled.cancelled);
        QCOMPARE(cancelled.imported, 0LL);
        const PriceStore store(market.database());
        QCOMPARE(store.tickers(), QStringList { "CSRA" });
    }

    // A store error is not a problem of the file: it stops the import with a DatabaseError that
    // names the file, rolls that file back, and the files before it stay imported and reported.
    void databaseErrorStopsTheImportAndKeepsTheFilesBefore()
    {
        MarketTestDatabase market;
        CsvImporter importer(market.database());
        ImportReport report;
        const QString error = databaseErrorOf([&] {
            importer.importPaths({ dataPath("CSRA_data.csv"), dataPath("SNI_data.csv") }, report,
                [&](const FileImportReport &) {
                    QVERIFY(QSqlQuery(market.database())
                                .exec("CREATE TRIGGER refuse BEFORE INSERT ON bars"
                                      " BEGIN SELECT RAISE(ABORT, 'the disk is on fire'); END"));
                });
        });
        QVERIFY2(error.startsWith(QStringLiteral("SNI_data.csv: the disk is on fire")),
            qPrintable(error));
        QVERIFY2(
            error.endsWith(QStringLiteral("; nothing imported from this file")), qPrintable(error));
        QCOMPARE(report.files.size(), 1);
        QCOMPARE(report.files.first().imported, 17LL);
        QCOMPARE(PriceStore(market.database()).tickers(), QStringList { "CSRA" });
    }

    void folderImportsEveryCsv()
    {
        const QStringList files = CsvImporter::expandPaths({ testDataDir() });
        QVERIFY(files.contains(dataPath("JNJ_data.csv")));
        QVERIFY(std::all_of(files.cbegin(), files.cend(),
            [](const QString &file) { return file.endsWith(".csv"); }));
    }

    void tenMegabyteLineIsRead()
    {
        MarketTestDatabase market;
        const QByteArray note(10 * 1024 * 1024, 'n');
        const FileImportReport report = importBytes(market.database(),
            "timestamps,open,high,low,close,note\n2020-01-02,1,2,0.5,1.5," + note
                + "\n2020-01-03,1,2,0.5,1.5,short\n");
        QCOMPARE(report.error, QString());
        QCOMPARE(report.imported, 2LL);
    }

    void sectorsFileSetsSectors()
    {
        MarketTestDatabase market;
        const FileImportReport report = importBytes(market.database(),
            "ticker,sector\nAAPL,Information Technology\nJNJ,Health Care\n"
            "aapl,Energy\n",
            QStringLiteral("sectors.csv"));
        QCOMPARE(report.format, QStringLiteral("sectors"));
        QCOMPARE(report.imported, 2LL);
        QCOMPARE(
            rejectionLines(report), QStringList { "4: duplicate ticker AAPL (first on line 2)" });
        QCOMPARE(
            PriceStore(market.database()).instrument("JNJ")->sector, QStringLiteral("Health Care"));
    }

    void reportLinesNameFileAndLine()
    {
        FileImportReport report;
        report.file = QStringLiteral("x.csv");
        report.format = QStringLiteral("Kronos, daily");
        report.read = 3;
        report.imported = 1;
        report.rejected = 2;
        report.rejections
            = { { 2, QStringLiteral("open is empty") }, { 3, QStringLiteral("ticker is empty") } };
        QCOMPARE(report.lines(1),
            (QStringList { "x.csv: 3 read, 1 imported, 0 replaced, 2 rejected (Kronos, daily)",
                "x.csv:2: open is empty", "x.csv: 1 more rejected rows not shown" }));
    }
};

QTEST_GUILESS_MAIN(TestCsvImporter)
#include "test_csv_importer.moc"
