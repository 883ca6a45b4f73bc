#include "data/csv_reader.h"
#include "data/file_error.h"

#include <QBuffer>
#include <QtTest>
#include <cstring>

using Records = QList<QStringList>;
using LineNumbers = QList<qint64>;

// The tokenizer on its own: what each record holds and which line it starts on.
class TestCsvReader : public QObject
{
    Q_OBJECT

private:
    struct Parsed
    {
        Records records;
        LineNumbers lines;
        char delimiter = 0;
        QString error;
    };

    // Every record up to the end, or up to the FileError (its message in `error`).
    static Parsed parse(QIODevice &device)
    {
        CsvReader reader(device);
        Parsed parsed;
        CsvRecord record;
        try {
            while (reader.readRecord(record)) {
                parsed.records.append(record.fields);
                parsed.lines.append(record.lineNumber);
            }
        } catch (const FileError &error) {
            parsed.error = QString::fromUtf8(error.what());
        }
        parsed.delimiter = reader.delimiter();
        return parsed;
    }

    static Parsed parse(const QByteArray &bytes)
    {
        QBuffer buffer;
        buffer.setData(bytes);
        buffer.open(QIODevice::ReadOnly);
        return parse(buffer);
    }

    // A device that hands out `bytes` and then fails, as a file on a failing disk does.
    class FailingDevice : public QIODevice
    {
    public:
        explicit FailingDevice(const QByteArray &bytes)
            : m_bytes(bytes)
        {
            open(QIODevice::ReadOnly);
        }
        bool isSequential() const override { return true; }

    protected:
        qint64 readData(char *data, qint64 maxSize) override
        {
            if (m_bytes.isEmpty()) {
                setErrorString(QStringLiteral("Input/output error"));
                return -1;
            }
            const qint64 size = qMin(maxSize, qint64(m_bytes.size()));
            memcpy(data, m_bytes.constData(), size_t(size));
            m_bytes.remove(0, size);
            return size;
        }
        qint64 writeData(const char *, qint64) override { return -1; }

    private:
        QByteArray m_bytes;
    };

private Q_SLOTS:
    void tokenizes_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<Records>("records");
        QTest::addColumn<LineNumbers>("lines");
        QTest::addColumn<char>("delimiter");

        QTest::newRow("plain") << QByteArray("a,b\n1,2\n") << Records { { "a", "b" }, { "1", "2" } }
                               << LineNumbers { 1, 2 } << ',';
        QTest::newRow("no final newline")
            << QByteArray("a,b\n1,2") << Records { { "a", "b" }, { "1", "2" } }
            << LineNumbers { 1, 2 } << ',';
        QTest::newRow("crlf") << QByteArray("a,b\r\n1,2\r\n")
                              << Records { { "a", "b" }, { "1", "2" } } << LineNumbers { 1, 2 }
                              << ',';
        QTest::newRow("byte order mark")
            << QByteArray("\xEF\xBB\xBF"
                          "Date,Close\n1,2\n")
            << Records { { "Date", "Close" }, { "1", "2" } } << LineNumbers { 1, 2 } << ',';
        QTest::newRow("semicolon")
            << QByteArray("a;b\n1,5;2,5\n") << Records { { "a", "b" }, { "1,5", "2,5" } }
            << LineNumbers { 1, 2 } << ';';
        QTest::newRow("comma wins a tie")
            << QByteArray("a\n1\n") << Records { { "a" }, { "1" } } << LineNumbers { 1, 2 } << ',';
        QTest::newRow("quoted delimiter and quote")
            << QByteArray("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n")
            << Records { { "a", "b" }, { "x,y", "say \"hi\"" } } << LineNumbers { 1, 2 } << ',';
        QTest::newRow("quoted newline moves the line count")
            << QByteArray("a,b\n\"two\nlines\",1\n3,4\n")
            << Records { { "a", "b" }, { "two\nlines", "1" }, { "3", "4" } }
            << LineNumbers { 1, 2, 4 } << ',';
        QTest::newRow("quoted crlf kept")
            << QByteArray("a\r\n\"x\r\ny\"\r\n") << Records { { "a" }, { "x\r\ny" } }
            << LineNumbers { 1, 2 } << ',';
        QTest::newRow("trailing delimiter dropped")
            << QByteArray("a,b,\n1,2,\n3,4\n")
            << Records { { "a", "b" }, { "1", "2" }, { "3", "4" } } << LineNumbers { 1, 2, 3 }
            << ',';
        QTest::newRow("empty last field kept without trailing header delimiter")
            << QByteArray("a,b\n1,\n") << Records { { "a", "b" }, { "1", "" } }
            << LineNumbers { 1, 2 } << ',';
        QTest::newRow("empty lines skipped")
            << QByteArray("a\n\n1\r\n\r\n2\n") << Records { { "a" }, { "1" }, { "2" } }
            << LineNumbers { 1, 3, 5 } << ',';
        QTest::newRow("quoted empty field is a record")
            << QByteArray("a\n\"\"\n") << Records { { "a" }, { "" } } << LineNumbers { 1, 2 }
            << ',';
        QTest::newRow("text after closing quote kept")
            << QByteArray("a\n\"ab\"c\n") << Records { { "a" }, { "abc" } } << LineNumbers { 1, 2 }
            << ',';
        QTest::newRow("utf-8") << QByteArray("name\nSoci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale\n")
                               << Records { { "name" }, { QString::fromUtf8("Société Générale") } }
                               << LineNumbers { 1, 2 } << ',';
        QTest::newRow("empty input") << QByteArray() << Records {} << LineNumbers {} << ',';
        QTest::newRow("only a byte order mark")
            << QByteArray("\xEF\xBB\xBF") << Records {} << LineNumbers {} << ',';
    }

    void tokenizes()
    {
        QFETCH(QByteArray, input);
        QFETCH(Records, records);
        QFETCH(LineNumbers, lines);
        QFETCH(char, delimiter);

        const Parsed parsed = parse(input);
        QCOMPARE(parsed.error, QString());
        QCOMPARE(parsed.records, records);
        QCOMPARE(parsed.lines, lines);
        QCOMPARE(parsed.delimiter, delimiter);
    }

    void unclosedQuoteThrowsNamingTheLine()
    {
        const Parsed parsed = parse("a,b\n1,2\n3,\"open\n4,5\n");
        QCOMPARE(parsed.records, (Records { { "a", "b" }, { "1", "2" } }));
        QCOMPARE(parsed.error,
            QStringLiteral("line 3: quoted field is not closed before the end of the file"));
    }

    // A failed read used to read as the end of the file: the rows after it were lost silently.
    void failedReadThrowsNamingTheLine()
    {
        FailingDevice device("a,b\n1,2\n3,");
        const Parsed parsed = parse(device);
        QCOMPARE(parsed.records, (Records { { "a", "b" }, { "1", "2" } }));
        QCOMPARE(parsed.error, QStringLiteral("line 3: cannot read: Input/output error"));
    }

    // Records longer than the read chunk cross buffer refills in every state.
    void longFieldsCrossChunkBoundaries()
    {
        const QByteArray longText(10 * 1024 * 1024, 'x');
        const QByteArray quoted = "\"" + QByteArray(200 * 1024, 'q') + "\"\"\"";
        const Parsed parsed = parse("a,b\n" + longText + "," + quoted + "\n1,2\n");
        QCOMPARE(parsed.error, QString());
        QCOMPARE(parsed.records.size(), 3);
        QCOMPARE(parsed.records.at(1).at(0).size(), longText.size());
        QCOMPARE(parsed.records.at(1).at(1), QString(200 * 1024, QLatin1Char('q')) + "\"");
        QCOMPARE(parsed.records.at(2), (QStringList { "1", "2" }));
        QCOMPARE(parsed.lines, (LineNumbers { 1, 2, 3 }));
    }

    void longHeaderDetectsDelimiter()
    {
        QByteArray header;
        for (int i = 0; i < 20000; ++i)
            header += "column" + QByteArray::number(i) + ";";
        header.chop(1);
        const Parsed parsed = parse(header + "\n1;2\n");
        QCOMPARE(parsed.delimiter, ';');
        QCOMPARE(parsed.records.at(0).size(), 20000);
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "test_csv_reader.moc"
