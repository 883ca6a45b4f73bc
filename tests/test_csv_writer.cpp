#include "data/csv_reader.h"
#include "data/csv_writer.h"
#include "data/file_error.h"
#include "file_size_limit.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QByteArray contentOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

// Export: RFC 4180 quoting, formula-injection neutralization, all-or-nothing files.
class TestCsvWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatsCell_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("written");

        QTest::newRow("plain text") << "AAPL"
                                    << "AAPL";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("comma quoted") << "Apple, Inc."
                                      << "\"Apple, Inc.\"";
        QTest::newRow("quote doubled") << "the \"best\""
                                       << "\"the \"\"best\"\"\"";
        QTest::newRow("newline quoted") << "a\nb"
                                        << "\"a\nb\"";
        QTest::newRow("semicolon left alone") << "a;b"
                                              << "a;b";
        QTest::newRow("utf-8 text") << QString::fromUtf8("Société") << QString::fromUtf8("Société");
        QTest::newRow("formula") << "=SUM(A1:A9)"
                                 << "'=SUM(A1:A9)";
        QTest::newRow("formula with comma") << "=HYPERLINK(\"http://x\",\"y\")"
                                            << "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"";
        QTest::newRow("plus formula") << "+1+2"
                                      << "'+1+2";
        QTest::newRow("minus formula") << "-2+3"
                                       << "'-2+3";
        QTest::newRow("at formula") << "@SUM(1)"
                                    << "'@SUM(1)";
        QTest::newRow("leading tab") << "\tcmd"
                                     << "'\tcmd";
        QTest::newRow("leading carriage return") << "\rcmd"
                                                 << "\"'\rcmd\"";
        QTest::newRow("negative number kept") << "-1.5"
                                              << "-1.5";
        QTest::newRow("signed exponent kept") << "+2e-3"
                                              << "+2e-3";
        QTest::newRow("negative fraction kept") << "-.5"
                                                << "-.5";
        QTest::newRow("negative infinity neutralized") << "-inf"
                                                       << "'-inf";
        QTest::newRow("lone minus neutralized") << "-"
                                                << "'-";
        QTest::newRow("equals in the middle kept") << "a=b"
                                                   << "a=b";
    }

    void formatsCell()
    {
        QFETCH(QString, cell);
        QFETCH(QString, written);
        QCOMPARE(CsvWriter::formatCell(cell), written);
    }

    void rowEndsWithCrlf()
    {
        QCOMPARE(CsvWriter::formatRow({ "a", "b,c", "-1" }), QStringLiteral("a,\"b,c\",-1\r\n"));
        QCOMPARE(CsvWriter::formatRow({}), QStringLiteral("\r\n"));
    }

    void writtenFileReadsBack()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("scores.csv");
        const QList<QStringList> rows { { "ticker", "note" }, { "AAPL", "a, \"b\"\nc" },
            { "MSFT", "" } };
        CsvWriter writer(path);
        for (const QStringList &row : rows)
            writer.writeRow(row);
        writer.commit();

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        CsvReader reader(file);
        CsvRecord record;
        QList<QStringList> readBack;
        while (reader.readRecord(record))
            readBack.append(record.fields);
        QCOMPARE(readBack, rows);
    }

    void fileAppearsOnlyOnCommit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("scores.csv");
        {
            CsvWriter writer(path);
            writer.writeRow({ "half", "written" });
            QVERIFY(!QFile::exists(path));
        }
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());
    }

    void abandonedExportKeepsThePreviousFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("scores.csv");
        {
            CsvWriter first(path);
            first.writeRow({ "old" });
            first.commit();
        }
        {
            CsvWriter second(path);
            second.writeRow({ "new" });
            // Destroyed without commit, as when an exception leaves halfway through a table.
        }
        QCOMPARE(contentOf(path), QByteArray("old\r\n"));
    }

    // The rows fit QSaveFile's write buffer, so the limit is hit when commit() flushes them.
    void failedCommitThrowsAndLeavesThePreviousFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("scores.csv");
        {
            CsvWriter first(path);
            first.writeRow({ "old" });
            first.commit();
        }
        QString message;
        QString failedIn;
        {
            const FileSizeLimit limit(1024);
            QVERIFY(limit.applied());
            try {
                failedIn = QStringLiteral("writeRow");
                CsvWriter second(path);
                for (int row = 0; row < 100; ++row)
                    second.writeRow({ "a row of about thirty bytes", QString::number(row) });
                failedIn = QStringLiteral("commit");
                second.commit();
                failedIn.clear();
            } catch (const FileError &error) {
                message = QString::fromUtf8(error.what());
            }
        }
        QCOMPARE(failedIn, QStringLiteral("commit"));
        QVERIFY2(message.startsWith(QStringLiteral("Cannot write ") + path + QStringLiteral(": ")),
            qPrintable(message));
        QCOMPARE(contentOf(path), QByteArray("old\r\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList { "scores.csv" });
    }

    // Root may write anywhere, but not below a regular file.
    void unwritableLocationThrowsNamingThePath()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath("not-a-folder"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const QString path = blocker.fileName() + QStringLiteral("/scores.csv");
        QString message;
        try {
            CsvWriter writer(path);
            QFAIL("the writer opened a file below a regular file");
        } catch (const FileError &error) {
            message = QString::fromUtf8(error.what());
        }
        QVERIFY2(message.startsWith(QStringLiteral("Cannot write ") + path + QStringLiteral(": ")),
            qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "test_csv_writer.moc"
