#include "cli_test_support.h"
#include "csv_test_support.h"
#include "test_paths.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

// `kronos-cli forecast` end to end on the fixture checkpoint: inputs with future rows cut into
// micro-batches, the output CSV against upstream's forecasts, and clear errors for bad input.
class TestForecastCli : public QObject
{
    Q_OBJECT

private:
    const QString m_cases = testDataPath("kronos-narrow/cases/");
    const QString m_model = testDataPath("kronos-narrow/model");
    const QString m_tokenizer = testDataPath("kronos-narrow/tokenizer");

    // The case's input with its expected file's timestamps appended as future rows.
    static QString inputWithFutureRows(
        const QString &caseDir, const QString &index, const QString &target)
    {
        QFile input(caseDir + QStringLiteral("input_") + index + QStringLiteral(".csv"));
        input.open(QIODevice::ReadOnly);
        QByteArray bytes = input.readAll();
        const int commas = int(bytes.left(bytes.indexOf('\n')).count(','));
        const QList<QStringList> expected = CsvTest::readCsv(
            caseDir + QStringLiteral("expected_") + index + QStringLiteral(".csv"));
        for (int row = 1; row < expected.size(); ++row)
            bytes += expected[row][0].toUtf8() + QByteArray(commas, ',') + '\n';
        QFile output(target);
        output.open(QIODevice::WriteOnly);
        output.write(bytes);
        return target;
    }

    static int runCli(const QStringList &arguments, QString *errorText = nullptr)
    {
        const CliTest::Result result = CliTest::run(arguments);
        if (errorText)
            *errorText = result.err;
        return result.exitCode;
    }

    // Forecasts the daily_single case 3 bars ahead into `output`; returns the exit status.
    int forecastThreeBars(const QString &output, QString *errorText) const
    {
        return runCli({ QStringLiteral("forecast"), QStringLiteral("--model"), m_model,
                          QStringLiteral("--tokenizer"), m_tokenizer, QStringLiteral("--pred-len"),
                          QStringLiteral("3"), QStringLiteral("--output"), output,
                          m_cases + QStringLiteral("daily_single/input_00.csv") },
            errorText);
    }

private Q_SLOTS:
    void forecastsMixedLengthsLikeUpstream()
    {
        QTemporaryDir dir;
        const QString daily = m_cases + QStringLiteral("daily_batch12/");
        // Three series at batch size 2: two micro-batches.
        QStringList inputs;
        for (const char *index : { "00", "01", "02" })
            inputs << inputWithFutureRows(daily, QLatin1String(index),
                dir.filePath(QStringLiteral("daily_%1.csv").arg(QLatin1String(index))));
        QString errorText;
        const QString output = dir.filePath(QStringLiteral("forecast.csv"));
        const int status
            = runCli(QStringList { QStringLiteral("forecast"), QStringLiteral("--model"), m_model,
                         QStringLiteral("--tokenizer"), m_tokenizer, QStringLiteral("--pred-len"),
                         QStringLiteral("20"), QStringLiteral("--top-k"), QStringLiteral("1"),
                         QStringLiteral("--batch-size"), QStringLiteral("2"),
                         QStringLiteral("--output"), output }
                    + inputs,
                &errorText);
        QVERIFY2(status == 0, qPrintable(errorText));
        QVERIFY(errorText.contains(QStringLiteral("batch 2/2: 1 series of 252 bars")));

        const QList<QStringList> rows = CsvTest::readCsv(output);
        QCOMPARE(rows.value(0),
            (QStringList { QStringLiteral("series"), QStringLiteral("timestamps"),
                QStringLiteral("open"), QStringLiteral("high"), QStringLiteral("low"),
                QStringLiteral("close"), QStringLiteral("volume"), QStringLiteral("amount") }));
        QCOMPARE(rows.size(), 1 + 3 * 20);
        double largest = 0;
        for (int s = 0; s < 3; ++s) {
            const QList<QStringList> expected = CsvTest::readCsv(
                daily + QStringLiteral("expected_%1.csv").arg(s, 2, 10, QLatin1Char('0')));
            for (int t = 0; t < 20; ++t) {
                const QStringList &row = rows[1 + s * 20 + t];
                QCOMPARE(row[0], QStringLiteral("daily_%1").arg(s, 2, 10, QLatin1Char('0')));
                QCOMPARE(row[1], expected[1 + t][0]); // timestamps written as the input wrote them
                for (int f = 0; f < 6; ++f) {
                    const double want = expected[1 + t][1 + f].toDouble();
                    largest = std::max(largest,
                        std::abs(row[2 + f].toDouble() - want) / std::max(std::abs(want), 1e-3));
                }
            }
        }
        qInfo("largest relative difference %.3g", largest);
        QVERIFY(largest < 1e-5);
    }

    void continuesTheCalendarWithoutFutureRows()
    {
        QTemporaryDir dir;
        const QString output = dir.filePath(QStringLiteral("forecast.csv"));
        QString errorText;
        const int status = forecastThreeBars(output, &errorText);
        QVERIFY2(status == 0, qPrintable(errorText));
        const QList<QStringList> rows = CsvTest::readCsv(output);
        QCOMPARE(rows.size(), 4);
        // The context ends on Friday 2019-06-28: the next bars are Monday to Wednesday.
        QCOMPARE(rows[1][1], QStringLiteral("2019-07-01 00:00:00"));
        QCOMPARE(rows[3][1], QStringLiteral("2019-07-03 00:00:00"));
    }

    void unwritableOutputExitsWithOneNamingThePath()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("not-a-folder")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const QString output = blocker.fileName() + QStringLiteral("/forecast.csv");
        QString errorText;
        QCOMPARE(forecastThreeBars(output, &errorText), 1);
        QVERIFY2(errorText.contains(
                     QStringLiteral("kronos-cli forecast: Cannot write %1: ").arg(output)),
            qPrintable(errorText));
    }

    void reportsBadInputsClearly_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing column")
            << QByteArray("timestamps,open,high,close\n2020-01-02,1,2,1.5\n")
            << "no 'low' column; expected timestamps,open,high,low,close";
        QTest::newRow("text in a number")
            << QByteArray("timestamps,open,high,low,close\n2020-01-02,1,2,abc,1.5\n")
            << "x.csv:2: low 'abc' is not a number";
        QTest::newRow("bad timestamp")
            << QByteArray("timestamps,open,high,low,close\n02/01/2020,1,2,1,1.5\n")
            << "x.csv:2: timestamp '02/01/2020' is not";
        QTest::newRow("future rows count")
            << QByteArray("timestamps,open,high,low,close\n2020-01-02,1,2,1,1.5\n2020-01-03,,,,\n")
            << "1 future rows, but --pred-len is 3";
        QTest::newRow("bar after future")
            << QByteArray("timestamps,open,high,low,close\n2020-01-02,,,,\n2020-01-03,1,2,1,1.5\n")
            << "x.csv:3: a bar after a future row";
        QTest::newRow("quote not closed")
            << QByteArray("timestamps,open,high,low,close\n2020-01-02,1,2,1,\"1.5\n")
            << "x.csv: line 2: quoted field is not closed before the end of the file";
    }

    void reportsBadInputsClearly()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QFile input(dir.filePath(QStringLiteral("x.csv")));
        QVERIFY(input.open(QIODevice::WriteOnly));
        input.write(content);
        input.close();
        QString errorText;
        const int status
            = runCli({ QStringLiteral("forecast"), QStringLiteral("--model"), m_model,
                         QStringLiteral("--tokenizer"), m_tokenizer, QStringLiteral("--pred-len"),
                         QStringLiteral("3"), QStringLiteral("--output"),
                         dir.filePath(QStringLiteral("out.csv")), input.fileName() },
                &errorText);
        QCOMPARE(status, 1);
        QVERIFY2(errorText.contains(expected), qPrintable(errorText));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("out.csv"))));
    }

    void usageErrorsExitWithTwo()
    {
        QString errorText;
        QCOMPARE(runCli({ QStringLiteral("forecast"), QStringLiteral("--pred-len"),
                            QStringLiteral("3") },
                     &errorText),
            2);
        QVERIFY(
            errorText.contains(QStringLiteral("--model, --tokenizer and --output are required")));
        QCOMPARE(
            runCli({ QStringLiteral("forecast"), QStringLiteral("--model"), m_model,
                       QStringLiteral("--tokenizer"), m_tokenizer, QStringLiteral("--output"),
                       QStringLiteral("o.csv"), QStringLiteral("--pred-len"), QStringLiteral("3"),
                       QStringLiteral("--device"), QStringLiteral("tpu"), QStringLiteral("x.csv") },
                &errorText),
            2);
        QVERIFY(errorText.contains(QStringLiteral("--device tpu is not available here")));
    }
};

QTEST_GUILESS_MAIN(TestForecastCli)
#include "test_forecast_cli.moc"
