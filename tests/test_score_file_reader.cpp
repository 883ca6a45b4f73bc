#include "eval/io/score_file_reader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using Eval::ScoreFile;
using Eval::ScoreFileError;

// Scores files as users write them, and the errors that name the file and line of a bad one.
class TestScoreFileReader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_folder;

    QString write(const QByteArray &content) const
    {
        QFile file(m_folder.filePath(QStringLiteral("scores.csv")));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(content);
        return file.fileName();
    }

private Q_SLOTS:
    void readsRows_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("rows"); // date|ticker|score|horizon, "nan" / "" when empty
        QTest::addColumn<QList<int>>("horizons");

        QTest::newRow("three columns")
            << QByteArray("date,ticker,score\n2020-01-02,AAA,0.5\n2020-01-02,BBB,-1e-3\n")
            << QStringList { "2020-01-02|AAA|0.5|", "2020-01-02|BBB|-0.001|" } << QList<int> {};
        QTest::newRow("any order, case, extra columns, spaces")
            << QByteArray("Ticker;model;SCORE;Date\n aaa ;x; 2 ;2020-01-02\n")
            << QStringList { "2020-01-02|AAA|2|" } << QList<int> {};
        QTest::newRow("empty score: not scored")
            << QByteArray("date,ticker,score\n2020-01-02,AAA,\n")
            << QStringList { "2020-01-02|AAA|nan|" } << QList<int> {};
        QTest::newRow("horizon column, empty serves all")
            << QByteArray("date,ticker,score,horizon\n2020-01-02,AAA,1,60\n2020-01-02,AAA,2,20\n"
                          "2020-01-03,BBB,3,\n2020-01-06,AAA,4,60\n")
            << QStringList { "2020-01-02|AAA|1|60", "2020-01-02|AAA|2|20", "2020-01-03|BBB|3|",
                   "2020-01-06|AAA|4|60" }
            << QList<int> { 20, 60 };
    }

    void readsRows()
    {
        QFETCH(QByteArray, content);
        QFETCH(QStringList, rows);
        QFETCH(QList<int>, horizons);

        const ScoreFile file = Eval::readScoreFile(write(content));
        QStringList actual;
        for (const Eval::ScoreRow &row : file.rows)
            actual << QStringLiteral("%1|%2|%3|%4")
                          .arg(row.date.toString(Qt::ISODate), row.ticker,
                              std::isnan(row.score) ? QStringLiteral("nan")
                                                    : QString::number(row.score),
                              row.horizon ? QString::number(*row.horizon) : QString());
        QCOMPARE(actual, rows);
        QCOMPARE(QList<int>(file.horizons.begin(), file.horizons.end()), horizons);
    }

    void readsBands()
    {
        const ScoreFile file = Eval::readScoreFile(
            write("date,ticker,horizon,score,q10,q90\n2020-01-02,AAA,5,0.01,-0.02,0.03\n"
                  "2020-01-02,BBB,5,0.02,,\n"));
        QCOMPARE(file.rows.size(), size_t(2));
        QCOMPARE(*file.rows[0].q10, -0.02);
        QCOMPARE(*file.rows[0].q90, 0.03);
        QVERIFY(!file.rows[1].q10 && !file.rows[1].q90);
    }

    void readsSamplesGroupedInSampleOrder()
    {
        const std::vector<Eval::SampledReturns> samples = Eval::readSampleFile(
            write("ticker,date,horizon,sample,return\nbbb,2020-01-02,5,1,0.2\n"
                  "AAA,2020-01-02,5,1,-0.1\nBBB,2020-01-02,5,0,0.1\nAAA,2020-01-02,5,0,0.3\n"
                  "AAA,2020-01-02,20,0,0.5\n"));
        QCOMPARE(samples.size(), size_t(3));
        QCOMPARE(samples[0].ticker, QStringLiteral("AAA"));
        QCOMPARE(samples[0].horizon, 5);
        QCOMPARE(samples[0].returns, (std::vector<double> { 0.3, -0.1 }));
        QCOMPARE(samples[1].horizon, 20);
        QCOMPARE(samples[2].ticker, QStringLiteral("BBB"));
        QCOMPARE(samples[2].returns, (std::vector<double> { 0.1, 0.2 }));
    }

    void reportsFileAndLine_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("error"); // after "<path>"

        QTest::newRow("empty file") << QByteArray() << ": the file is empty";
        QTest::newRow("header only")
            << QByteArray("date,ticker,score\n") << ": no score rows after the header";
        QTest::newRow("no ticker column")
            << QByteArray("date,symbol,score\n")
            << ":1: no 'ticker' column; expected date,ticker,score[,horizon]";
        QTest::newRow("column twice")
            << QByteArray("date,ticker,score,Score\n") << ":1: column 'score' appears twice";
        QTest::newRow("short row")
            << QByteArray("date,ticker,score\n2020-01-02,AAA,1\n2020-01-03\n")
            << ":3: 1 fields, expected 3";
        QTest::newRow("slashed date") << QByteArray("date,ticker,score\n2020/01/02,AAA,1\n")
                                      << ":2: date '2020/01/02' is not a date (YYYY-MM-DD)";
        QTest::newRow("impossible date") << QByteArray("date,ticker,score\n2020-02-30,AAA,1\n")
                                         << ":2: date '2020-02-30' is not a date (YYYY-MM-DD)";
        QTest::newRow("empty ticker")
            << QByteArray("date,ticker,score\n2020-01-02, ,1\n") << ":2: the ticker is empty";
        QTest::newRow("text score") << QByteArray("date,ticker,score\n2020-01-02,AAA,high\n")
                                    << ":2: score 'high' is not a number";
        QTest::newRow("infinite score") << QByteArray("date,ticker,score\n2020-01-02,AAA,inf\n")
                                        << ":2: score 'inf' is not a number";
        QTest::newRow("zero horizon")
            << QByteArray("date,ticker,score,horizon\n2020-01-02,AAA,1,0\n")
            << ":2: horizon '0' is not a whole number of rows >= 1";
        QTest::newRow("fractional horizon")
            << QByteArray("date,ticker,score,horizon\n2020-01-02,AAA,1,2.5\n")
            << ":2: horizon '2.5' is not a whole number of rows >= 1";
        QTest::newRow("q10 without q90")
            << QByteArray("date,ticker,score,q10\n") << ":1: q10 and q90 come together";
        QTest::newRow("band half given")
            << QByteArray("date,ticker,score,q10,q90\n2020-01-02,AAA,1,0.1,\n")
            << ":2: q10 and q90 must be both given or both empty";
        QTest::newRow("band upside down")
            << QByteArray("date,ticker,score,q10,q90\n2020-01-02,AAA,1,0.2,0.1\n")
            << ":2: q10 '0.2' is above q90 '0.1'";
        QTest::newRow("unclosed quote") << QByteArray("date,ticker,score\n2020-01-02,\"AAA,1\n")
                                        << ": line 2: quoted field is not closed";
    }

    void reportsFileAndLine()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, error);
        const QString path = write(content);
        try {
            Eval::readScoreFile(path);
            QFAIL("the file was accepted");
        } catch (const ScoreFileError &thrown) {
            const QString message = QString::fromUtf8(thrown.what());
            QVERIFY2(message.startsWith(path + error), qPrintable(message));
        }
    }

    void reportsAMissingFile()
    {
        const QString path = m_folder.filePath(QStringLiteral("absent.csv"));
        try {
            Eval::readScoreFile(path);
            QFAIL("a missing file was accepted");
        } catch (const ScoreFileError &thrown) {
            QVERIFY(QString::fromUtf8(thrown.what())
                        .startsWith(path + QStringLiteral(": cannot open")));
        }
    }
};

QTEST_GUILESS_MAIN(TestScoreFileReader)
#include "test_score_file_reader.moc"
