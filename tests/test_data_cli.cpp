#include "cli_test_support.h"
#include "test_paths.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

// `kronos-cli import`, `universes` and `bars` as a user runs them, on a database in a
// temporary folder (a new database receives the bundled sample first).
class TestDataCli : public QObject
{
    Q_OBJECT

private:
    using Result = CliTest::Result;

    // `arguments` = command then options, on the test's database.
    Result run(const QStringList &arguments) const
    {
        return CliTest::runOn(m_folder->filePath("market.sqlite"), arguments, 60000);
    }

    QString writeFile(const QString &name, const QByteArray &content) const
    {
        QFile file(m_folder->filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(content);
        return file.fileName();
    }

    static QString data(const char *name) { return testDataPath("") + name; }

    // Runs `statement` on the test's database, as another program would.
    bool execOnTheDatabase(const QString &statement) const
    {
        bool done = false;
        {
            QSqlDatabase database = QSqlDatabase::addDatabase("QSQLITE", "beside");
            database.setDatabaseName(m_folder->filePath("market.sqlite"));
            done = database.open() && QSqlQuery(database).exec(statement);
            database.close();
        }
        QSqlDatabase::removeDatabase("beside");
        return done;
    }

private Q_SLOTS:
    void init() { m_folder = std::make_unique<QTemporaryDir>(); }

    void importExitStatus_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("firstLine");

        QTest::newRow("everything imported") << data("CSRA_data.csv") << QByteArray() << 0
                                             << data("CSRA_data.csv")
                + ": 17 read, 17 imported, 0 replaced, 0 rejected (Yahoo, daily)";
        QTest::newRow("rows rejected") << data("CBS_data.csv") << QByteArray() << 1
                                       << data("CBS_data.csv")
                + ": 1235 read, 1234 imported, 0 replaced, 1 rejected (Yahoo, daily)";
        QTest::newRow("nothing importable") << "bad.csv" << QByteArray("a,b\n1,2\n") << 2
                                            << "/bad.csv: rejected: header not understood";
    }

    void importExitStatus()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QFETCH(int, exitCode);
        QFETCH(QString, firstLine);
        const QString path = content.isEmpty() ? file : writeFile(file, content);
        const Result result = run({ "import", path });
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY2(result.out.section('\n', 0, 0).contains(firstLine), qPrintable(result.out));
    }

    void importWithoutFilesIsAUsageError() { QCOMPARE(run({ "import" }).exitCode, 2); }

    void importIntoAUniverse()
    {
        const Result imported = run(
            { "import", "--universe", "Short lived", data("CSRA_data.csv"), data("SNI_data.csv") });
        QCOMPARE(imported.exitCode, 0);
        QVERIFY(imported.out.contains("universe Short lived: 2 ticker(s) added"));
        const Result shown = run({ "universes", "show", "short lived" });
        QCOMPARE(shown.exitCode, 0);
        QCOMPARE(shown.out, QStringLiteral("# Short lived (2 tickers): \nCSRA\nSNI\n"));
    }

    void universesLifecycle()
    {
        const Result list = run({ "universes", "list" });
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.startsWith("Sample\t100\tbuilt-in\t"));
        QCOMPARE(list.out.count('\n'), 12);

        const QString sample = run({ "universes", "show", "Sample" }).out;
        const QStringList sampleTickers = sample.split('\n', Qt::SkipEmptyParts).mid(1);
        QCOMPARE(sampleTickers.size(), 100);

        const Result created = run({ "universes", "create", "Pair", "--tickers",
            sampleTickers.at(0) + "," + sampleTickers.at(1) + ",NOPE" });
        QCOMPARE(created.exitCode, 1);
        QVERIFY(created.err.contains("unknown tickers, not added: NOPE"));
        QCOMPARE(run({ "universes", "show", "Pair" }).out.count('\n'), 3);

        const QString listFile = writeFile("list.txt", sampleTickers.at(2).toUtf8() + "\n");
        QCOMPARE(run({ "universes", "create", "One", "--file", listFile }).exitCode, 0);
        QCOMPARE(run({ "universes", "delete", "Pair" }).exitCode, 0);
        QCOMPARE(run({ "universes", "show", "Pair" }).exitCode, 1);
        const Result refused = run({ "universes", "delete", "Sample" });
        QCOMPARE(refused.exitCode, 1);
        QVERIFY(refused.err.contains("built in"));
        QCOMPARE(run({ "universes", "create", "Both" }).exitCode, 2);
    }

    void anUnreadableTickerFileSaysWhyAndFails()
    {
        const QString missing = m_folder->filePath("missing.txt");
        const Result absent = run({ "universes", "create", "Absent", "--file", missing });
        QCOMPARE(absent.exitCode, 1);
        // The first run also says that it created the database.
        QVERIFY2(absent.err.endsWith(
                     QStringLiteral("\nkronos-cli universes: cannot open %1: No such file or "
                                    "directory\n")
                         .arg(missing)),
            qPrintable(absent.err));
        const QString halfRead = writeFile("half.csv", "ticker\nAAPL\n\"MSFT\n");
        const Result malformed = run({ "universes", "create", "Half", "--file", halfRead });
        QCOMPARE(malformed.exitCode, 1);
        QCOMPARE(malformed.err,
            QStringLiteral("kronos-cli universes: %1: line 3: quoted field is not closed before "
                           "the end of the file\n")
                .arg(halfRead));
        QCOMPARE(run({ "universes", "show", "Half" }).exitCode, 1);
    }

    void aRefusedUniverseEditSaysWhyAndFails()
    {
        QCOMPARE(run({ "universes", "create", "Pair", "--tickers", "AAPL" }).exitCode, 0);
        const Result taken = run({ "universes", "create", "pair", "--tickers", "MSFT" });
        QCOMPARE(taken.exitCode, 1);
        QCOMPARE(taken.err,
            QStringLiteral("kronos-cli universes: a universe named 'pair' already exists\n"));
        const Result missing = run({ "universes", "rename", "Nope", "Other" });
        QCOMPARE(missing.exitCode, 1);
        QCOMPARE(missing.err, QStringLiteral("kronos-cli universes: no universe named 'Nope'\n"));
    }

    void anUnopenableDatabaseIsReportedWithItsPath()
    {
        const QString inTheWay = writeFile("not-a-folder", "x");
        const QString path = inTheWay + "/market.sqlite";
        const Result result = CliTest::runOn(path, { "universes", "list" }, 60000);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.startsWith("kronos-cli: cannot open " + path), qPrintable(result.err));
        QVERIFY(result.out.isEmpty());
    }

    // A database error is not a problem of the file: it stops the import with the file's name,
    // the file is rolled back and the files before it stay imported and counted.
    void aDatabaseErrorStopsTheImportKeepingTheFilesBefore()
    {
        QCOMPARE(run({ "universes", "list" }).exitCode, 0); // creates the database
        QVERIFY(execOnTheDatabase(
            "CREATE TRIGGER refuse BEFORE INSERT ON bars"
            " WHEN NEW.ticker = 'SNI' BEGIN SELECT RAISE(ABORT, 'refused'); END"));
        const Result result = run({ "import", data("CSRA_data.csv"), data("SNI_data.csv") });
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.startsWith("kronos-cli import: SNI_data.csv: refused"),
            qPrintable(result.err));
        QVERIFY2(result.out.contains("1 file(s): 17 read, 17 imported"), qPrintable(result.out));
        QCOMPARE(run({ "bars", "CSRA" }).exitCode, 0);
        QCOMPARE(run({ "bars", "SNI" }).exitCode, 1);
    }

    // An SQL error is reported as such and fails the command; it never reads as "no bars".
    void sqlErrorInABarsReadIsReportedNotReadAsNoBars()
    {
        QCOMPARE(run({ "import", data("SNI_data.csv") }).exitCode, 0);
        QVERIFY(execOnTheDatabase("ALTER TABLE bars RENAME TO bars_gone"));
        const Result result = run({ "bars", "SNI" });
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(
            result.err.startsWith("kronos-cli bars: no such table: bars"), qPrintable(result.err));
        QVERIFY(result.out.isEmpty());
    }

    // Issue 15.4: an import that changes a built-in universe's members says so.
    void anImportThatGrowsASectorUniverseSaysSo()
    {
        const QString sectors = writeFile("sectors.csv", "ticker,sector\nCSRA,Health Care\n");
        const Result imported = run({ "import", data("CSRA_data.csv"), sectors });
        QCOMPARE(imported.exitCode, 0);
        QVERIFY2(
            imported.out.contains("universe Sector: Health Care: 13 -> 14 members (added CSRA)\n"),
            qPrintable(imported.out));
        // Nothing changed the second time: nothing to say.
        const Result again = run({ "import", data("CSRA_data.csv") });
        QVERIFY(!again.out.contains("universe Sector:"));
    }

    void barsAsCsv()
    {
        QCOMPARE(run({ "import", data("SNI_data.csv") }).exitCode, 0);
        const Result raw = run({ "bars", "sni" });
        QCOMPARE(raw.exitCode, 0);
        QCOMPARE(raw.out,
            QStringLiteral("timestamps,open,high,low,close,volume,amount,adj_close\r\n"
                           "2018-01-04,86.8499984741211,86.91000366210938,85.77999877929688,"
                           "85.95999908447266,1100003,,85.95999908447266\r\n"
                           "2018-03-05,90.05000305175781,90.44000244140625,89.86000061035156,"
                           "90.0999984741211,3149312,,90.0999984741211\r\n"));
        const Result ranged
            = run({ "bars", "SNI", "--from", "2018-02-01", "--to", "2018-03-05", "--adjusted" });
        QCOMPARE(ranged.exitCode, 0);
        QCOMPARE(ranged.out.count("\r\n"), 2);
        QVERIFY(
            ranged.out.startsWith("timestamps,open,high,low,close,volume,amount\r\n2018-03-05,"));
        QCOMPARE(run({ "bars", "NOPE" }).exitCode, 1);
        QCOMPARE(run({ "bars", "SNI", "--from", "yesterday" }).exitCode, 2);
    }

private:
    std::unique_ptr<QTemporaryDir> m_folder;
};

QTEST_GUILESS_MAIN(TestDataCli)
#include "test_data_cli.moc"
