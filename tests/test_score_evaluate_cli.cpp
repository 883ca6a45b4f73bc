#include "cli_test_support.h"
#include "csv_test_support.h"
#include "test_paths.h"

#include <QTemporaryDir>
#include <QtTest>

// A real scoring run on the fixture checkpoint, evaluated end to end from the command line:
// kronos-cli score, then evaluate RUN_ID, which must equal evaluating the exported scores file.
class TestScoreEvaluateCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scoredRunIsEvaluatedLikeItsExportedScores()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("market.sqlite"));
        const QString fixture = testDataPath("kronos-narrow");
        CliTest::Result result = CliTest::run({ QStringLiteral("universes"),
            QStringLiteral("create"), QStringLiteral("Twelve"), QStringLiteral("--tickers"),
            QStringLiteral("A,AAL,AAP,AAPL,ADM,ADP,AEE,AFL,AGN,AIV,ALB,ALL"),
            QStringLiteral("--db"), db });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));

        result = CliTest::run({ QStringLiteral("score"), QStringLiteral("--db"), db,
            QStringLiteral("--universe"), QStringLiteral("Twelve"), QStringLiteral("--from"),
            QStringLiteral("2019-06-03"), QStringLiteral("--to"), QStringLiteral("2019-07-15"),
            QStringLiteral("--every"), QStringLiteral("10"), QStringLiteral("--horizons"),
            QStringLiteral("5,10"), QStringLiteral("--lookback"), QStringLiteral("64"),
            QStringLiteral("--model"), fixture + QStringLiteral("/model"),
            QStringLiteral("--tokenizer"), fixture + QStringLiteral("/tokenizer"),
            QStringLiteral("--batch-size"), QStringLiteral("16") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(result.err.contains(QStringLiteral("36 series scored")), qPrintable(result.err));

        const QString fromRun = dir.filePath(QStringLiteral("from_run"));
        result = CliTest::run({ QStringLiteral("evaluate"), QStringLiteral("1"),
            QStringLiteral("--db"), db, QStringLiteral("--output-dir"), fromRun });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));

        const QString scores = dir.filePath(QStringLiteral("scores.csv"));
        result = CliTest::run({ QStringLiteral("runs"), QStringLiteral("export"),
            QStringLiteral("1"), QStringLiteral("--db"), db, QStringLiteral("--output"), scores });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QString fromFile = dir.filePath(QStringLiteral("from_file"));
        result = CliTest::run({ QStringLiteral("evaluate"), QStringLiteral("--scores"), scores,
            QStringLiteral("--horizons"), QStringLiteral("5,10"), QStringLiteral("--db"), db,
            QStringLiteral("--output-dir"), fromFile });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));

        // The exported file carries scores to 10 significant digits, the run their full precision.
        const QList<QStringList> perDate
            = CsvTest::readCsv(fromRun + QStringLiteral("/per_date.csv"));
        const QList<QStringList> perDateFromFile
            = CsvTest::readCsv(fromFile + QStringLiteral("/per_date.csv"));
        QCOMPARE(perDate.size(), perDateFromFile.size());
        for (int row = 0; row < perDate.size(); ++row)
            for (int column = 0; column < perDate[row].size(); ++column) {
                bool numeric = false;
                const double value = perDate[row][column].toDouble(&numeric);
                if (numeric)
                    QVERIFY(std::abs(value - perDateFromFile[row][column].toDouble()) < 1e-8);
                else
                    QCOMPARE(perDate[row][column], perDateFromFile[row][column]);
            }
        // 3 dates x 2 horizons x 3 signals, each date with all 12 names and an IC.
        QCOMPARE(perDate.size(), 1 + 3 * 2 * 3);
        const int n = int(perDate.first().indexOf(QStringLiteral("n")));
        const int ic = int(perDate.first().indexOf(QStringLiteral("ic")));
        for (int row = 1; row < perDate.size(); ++row) {
            QCOMPARE(perDate[row][n], QStringLiteral("12"));
            QVERIFY(!perDate[row][ic].isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestScoreEvaluateCli)
#include "test_score_evaluate_cli.moc"
