#include "cli_test_support.h"
#include "csv_test_support.h"
#include "eval/io/score_file_reader.h"
#include "market_test_database.h"
#include "stored_run_support.h"
#include "test_paths.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QtTest>
#include <cmath>
#include <map>

// `kronos-cli evaluate --scores` as a user runs it: the eval-basic fixture's prices imported into
// a database in a temporary folder, its scores evaluated through the command, and the files the
// command writes compared with the fixture's independently computed values.
class TestEvaluateCli : public QObject
{
    Q_OBJECT

private:
    using Result = CliTest::Result;

    // 1e-9, relative above 1 in magnitude, as in test_evaluation_fixture (prices in
    // adj_close.csv are rounded to 10 significant digits).
    static constexpr double kTolerance = 1e-9;
    const QString m_fixture = testDataPath("eval-basic/");
    const QString m_fixtureScores = m_fixture + QStringLiteral("scores.csv");
    // A database without the bundled sample, so only the fixture's prices make the calendar.
    MarketTestDatabase m_database;

    Result evaluate(const QStringList &arguments) const
    {
        return CliTest::runOn(
            m_database.path(), QStringList { QStringLiteral("evaluate") } + arguments);
    }

    QString writeFile(const QString &name, const QByteArray &content) const
    {
        QFile file(QDir(m_database.folder()).filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(content);
        return file.fileName();
    }

    static QList<QStringList> readCsv(const QString &path) { return CsvTest::readCsv(path); }

    static QByteArray fixtureScoresWith(const QByteArray &extraRows)
    {
        QFile file(testDataPath("eval-basic/scores.csv"));
        file.open(QIODevice::ReadOnly);
        return file.readAll() + extraRows;
    }

    // Both empty, or both numbers within kTolerance * max(1, |expected|).
    static bool matches(const QString &actual, const QString &expected)
    {
        if (actual.isEmpty() || expected.isEmpty())
            return actual.isEmpty() == expected.isEmpty();
        const double wanted = expected.toDouble();
        return std::abs(actual.toDouble() - wanted) <= kTolerance * std::max(1.0, std::abs(wanted));
    }

    // per_date.csv: every signal on all 84 (horizon, date) pairs, the model's rows equal to
    // expected_per_date.csv.
    void verifyPerDate(const QString &path) const
    {
        const QList<QStringList> rows = readCsv(path);
        QCOMPARE(rows.value(0).join(u','),
            QStringLiteral("signal,horizon,date,n,ic,rank_ic,q1_mean,q2_mean,q3_mean,q4_mean,"
                           "q5_mean,spread,top_turnover"));
        std::map<QString, int> rowsPerSignal;
        std::map<std::pair<QString, QString>, QStringList> modelRows; // (horizon, date) -> row
        for (int i = 1; i < rows.size(); ++i) {
            ++rowsPerSignal[rows[i][0]];
            if (rows[i][0] == QLatin1String("model"))
                modelRows[{ rows[i][1], rows[i][2] }] = rows[i];
        }
        QCOMPARE(rowsPerSignal,
            (std::map<QString, int> { { QStringLiteral("model"), 84 },
                { QStringLiteral("momentum"), 84 }, { QStringLiteral("reversal"), 84 } }));

        const QList<QStringList> expectedRows
            = readCsv(m_fixture + QStringLiteral("expected_per_date.csv"));
        QCOMPARE(expectedRows.size(), 1 + 84);
        for (int i = 1; i < expectedRows.size(); ++i) {
            const QStringList &expected = expectedRows[i]; // date,horizon,n,ic,...,top_turnover
            const QStringList actual = modelRows[{ expected[1], expected[0] }];
            QVERIFY2(actual.size() == 13, qPrintable(expected.join(u',')));
            QCOMPARE(actual[3], expected[2]);
            for (int field = 3; field < expected.size(); ++field)
                QVERIFY2(matches(actual[field + 1], expected[field]),
                    qPrintable(QStringLiteral("%1 vs expected %2")
                                   .arg(actual.join(u','), expected.join(u','))));
        }
    }

    // run_evaluations: three signals at horizons 20 and 60, the model's RankIC mean as in
    // expected_summary.json, gates only for the model.
    void verifyStoredEvaluation(qint64 runId) const
    {
        QFile json(m_fixture + QStringLiteral("expected_summary.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject expected = QJsonDocument::fromJson(json.readAll())
                                         .object()
                                         .value(QStringLiteral("summary"))
                                         .toObject();
        QSqlQuery query(m_database.database());
        QVERIFY(query.exec(QStringLiteral("SELECT horizon, signal, dates, rank_ic_mean, factor_gate"
                                          " FROM run_evaluations WHERE run_id = %1"
                                          " ORDER BY horizon, signal")
                               .arg(runId)));
        QStringList rows;
        while (query.next()) {
            const QString horizon = query.value(0).toString();
            const QString signal = query.value(1).toString();
            rows << horizon + u' ' + signal;
            QCOMPARE(query.value(2).toInt(), 42);
            QCOMPARE(query.value(4).isNull(), signal != QLatin1String("model"));
            if (signal == QLatin1String("model")) {
                const double rankIc = expected.value(horizon)
                                          .toObject()
                                          .value(QStringLiteral("rank_ic"))
                                          .toObject()
                                          .value(QStringLiteral("mean"))
                                          .toDouble();
                QVERIFY(std::abs(query.value(3).toDouble() - rankIc) <= kTolerance);
            }
        }
        QCOMPARE(rows,
            (QStringList { "20 model", "20 momentum", "20 reversal", "60 model", "60 momentum",
                "60 reversal" }));
    }

private Q_SLOTS:
    // adj_close.csv (date, one column per ticker) as a long price file the importer reads:
    // every price as open, high, low and close, an empty cell (a missing bar) left out.
    void initTestCase()
    {
        QVERIFY2(m_database.isOpen(), qPrintable(m_database.errorString()));
        const QList<QStringList> wide = readCsv(m_fixture + QStringLiteral("adj_close.csv"));
        QVERIFY(wide.size() > 1);
        QByteArray longFormat("date,ticker,open,high,low,close\n");
        for (int row = 1; row < wide.size(); ++row) {
            for (int column = 1; column < wide[0].size(); ++column) {
                const QByteArray price = wide[row].value(column).toUtf8();
                if (!price.isEmpty())
                    longFormat += wide[row][0].toUtf8() + ',' + wide[0][column].toUtf8() + ','
                        + price + ',' + price + ',' + price + ',' + price + '\n';
            }
        }
        const Result imported = CliTest::runOn(m_database.path(),
            { QStringLiteral("import"), writeFile(QStringLiteral("prices.csv"), longFormat) });
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.out + imported.err));
    }

    void perDateMatchesTheFixture()
    {
        QTemporaryDir output;
        const Result result
            = evaluate({ QStringLiteral("--scores"), m_fixtureScores, QStringLiteral("--horizons"),
                QStringLiteral("20,60"), QStringLiteral("--output-dir"), output.path() });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(
            result.out.contains(QStringLiteral("Horizon 20 trading days: 42 evaluation dates")));
        QVERIFY(
            result.out.contains(QStringLiteral("Horizon 60 trading days: 42 evaluation dates")));
        // Monthly dates 19 rows apart at the closest: both horizons overlap.
        QCOMPARE(result.out.count(QStringLiteral("WARNING: overlapping horizons")), 2);

        verifyPerDate(output.filePath(QStringLiteral("per_date.csv")));
    }

    void summaryAndFoldsMatchTheFixture()
    {
        QTemporaryDir output;
        const Result result = evaluate({ QStringLiteral("--scores"), m_fixtureScores,
            QStringLiteral("--horizons"), QStringLiteral("20,60"), QStringLiteral("--folds"),
            QStringLiteral("year"), QStringLiteral("--output-dir"), output.path() });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));

        QFile json(m_fixture + QStringLiteral("expected_summary.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject expected = QJsonDocument::fromJson(json.readAll())
                                         .object()
                                         .value(QStringLiteral("summary"))
                                         .toObject();
        const QList<QStringList> summary = readCsv(output.filePath(QStringLiteral("summary.csv")));
        QCOMPARE(summary.size(), 1 + 3 * 2);
        const QStringList header = summary[0];
        int modelRows = 0;
        for (const QStringList &row : summary.mid(1)) {
            if (row[0] != QLatin1String("model"))
                continue;
            ++modelRows;
            const QJsonObject horizon = expected.value(row[1]).toObject();
            for (const QString &metric : { QStringLiteral("ic"), QStringLiteral("rank_ic") }) {
                const QJsonObject values = horizon.value(metric).toObject();
                for (const QString &field : { QStringLiteral("mean"), QStringLiteral("std") }) {
                    const QString cell = row[header.indexOf(metric + u'_' + field)];
                    QVERIFY2(
                        matches(cell, QString::number(values.value(field).toDouble(), 'g', 17)),
                        qPrintable(metric + u'_' + field + u' ' + cell));
                }
                QCOMPARE(row[header.indexOf(metric + QStringLiteral("_count"))],
                    QString::number(values.value(QStringLiteral("count")).toInt()));
            }
            QCOMPARE(row[header.indexOf(QStringLiteral("overlapping"))], QStringLiteral("yes"));
        }
        QCOMPARE(modelRows, 2);

        // Evaluation dates from 2016-01-04 to 2019-06-03: four yearly folds per signal and horizon.
        const QList<QStringList> folds = readCsv(output.filePath(QStringLiteral("per_fold.csv")));
        QCOMPARE(folds.size(), 1 + 3 * 2 * 4);
        QCOMPARE(folds[1].mid(0, 6),
            (QStringList { QStringLiteral("model"), QStringLiteral("20"), QStringLiteral("2016"),
                QStringLiteral("2016-01-04"), QStringLiteral("2016-12-01"),
                QStringLiteral("12") }));
    }

    // The fixture's scores stored as a run at horizons 20 and 60, left running (partly done).
    void evaluatesARunById()
    {
        const qint64 runId = storeScoresAsRun(m_database.database(),
            Eval::readScoreFile(m_fixtureScores).rows, QStringLiteral("eval-basic"), { 20, 60 });
        QVERIFY(runId > 0);

        QTemporaryDir output;
        const Result result
            = evaluate({ QString::number(runId), QStringLiteral("--output-dir"), output.path() });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(
            result.err.contains(QStringLiteral("run %1 is running; evaluating the").arg(runId)),
            qPrintable(result.err));
        verifyPerDate(output.filePath(QStringLiteral("per_date.csv")));
        verifyStoredEvaluation(runId);
        // A new evaluation replaces the stored one.
        QCOMPARE(evaluate({ QString::number(runId) }).exitCode, 0);
        verifyStoredEvaluation(runId);

        const Result unknown = evaluate({ QString::number(runId + 1) });
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains(QStringLiteral("no run %1 in the database").arg(runId + 1)),
            qPrintable(unknown.err));
    }

    void horizonColumnChoosesTheHorizons()
    {
        QByteArray scores("date,ticker,score,horizon\n");
        for (const QStringList &row : readCsv(m_fixtureScores).mid(1))
            scores += row.join(u',').toUtf8() + ",20\n";
        const Result result = evaluate(
            { QStringLiteral("--scores"), writeFile(QStringLiteral("h20.csv"), scores) });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(result.out.contains(QStringLiteral("Horizon 20 trading days")));
        QVERIFY(!result.out.contains(QStringLiteral("Horizon 60")));
    }

    void gateThresholdsAreEditable()
    {
        const QStringList scores { QStringLiteral("--scores"), m_fixtureScores,
            QStringLiteral("--horizons"), QStringLiteral("20") };
        const Result standard = evaluate(scores);
        QVERIFY2(standard.out.contains(
                     QStringLiteral("practical FAIL (top turnover mean 0.8233 > 0.3000)")),
            qPrintable(standard.out));
        QVERIFY(standard.out.contains(
            QStringLiteral("Factor gate overall: FAIL (1 of 1 horizons pass, 2 needed)")));
        const Result edited = evaluate(scores
            + QStringList { QStringLiteral("--max-turnover"), QStringLiteral("0.9"),
                QStringLiteral("--factor-horizons"), QStringLiteral("1") });
        QVERIFY2(edited.exitCode == 0, qPrintable(edited.err));
        QVERIFY2(edited.out.contains(
                     QStringLiteral("practical PASS (top turnover mean 0.8233 <= 0.9000)")),
            qPrintable(edited.out));
        QVERIFY(edited.out.contains(
            QStringLiteral("Factor gate overall: PASS (1 of 1 horizons pass, 1 needed)")));
    }

    void reportsUnknownTickers()
    {
        const QString scores = writeFile(QStringLiteral("unknown.csv"),
            fixtureScoresWith("2016-01-04,ZZZZ,0.5\n2016-02-01,zzzz,0.1\n"));
        const Result result = evaluate({ QStringLiteral("--scores"), scores,
            QStringLiteral("--horizons"), QStringLiteral("20") });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY2(
            result.err.contains(QStringLiteral(
                "no prices in the database for 1 ticker(s) of the scores (rows ignored): ZZZZ")),
            qPrintable(result.err));
        QVERIFY2(result.out.contains(QStringLiteral("2 for tickers without prices")),
            qPrintable(result.out));

        const Result none = evaluate({ QStringLiteral("--scores"),
            writeFile(QStringLiteral("none.csv"), "date,ticker,score\n2016-01-04,ZZZZ,0.5\n"),
            QStringLiteral("--horizons"), QStringLiteral("20") });
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.err.contains(QStringLiteral("none of the scores' tickers has prices")),
            qPrintable(none.err));
    }

    void reportsBadScoresFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no score column")
            << QByteArray("date,ticker,value\n2016-01-04,A,1\n")
            << "bad.csv:1: no 'score' column; expected date,ticker,score[,horizon]";
        QTest::newRow("bad date") << fixtureScoresWith("2016/01/04,A,0.1\n")
                                  << "bad.csv:4202: date '2016/01/04' is not a date (YYYY-MM-DD)";
        QTest::newRow("text score") << QByteArray("date,ticker,score\n2016-01-04,A,abc\n")
                                    << "bad.csv:2: score 'abc' is not a number";
        QTest::newRow("short row")
            << QByteArray("date,ticker,score\n2016-01-04,A\n") << "bad.csv:2: 2 fields, expected 3";
        QTest::newRow("header only")
            << QByteArray("date,ticker,score\n") << "bad.csv: no score rows after the header";
    }

    void reportsBadScoresFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir output;
        const Result result = evaluate({ QStringLiteral("--scores"),
            writeFile(QStringLiteral("bad.csv"), content), QStringLiteral("--horizons"),
            QStringLiteral("20"), QStringLiteral("--output-dir"), output.path() });
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(expected), qPrintable(result.err));
        QVERIFY(!QFile::exists(output.filePath(QStringLiteral("per_date.csv"))));
    }

    void usageErrorsExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no scores") << QStringList { QStringLiteral("--horizons"),
            QStringLiteral("20") } << "give either a RUN_ID or --scores FILE.csv";
        QTest::newRow("run and scores")
            << QStringList { QStringLiteral("1"), QStringLiteral("--scores"), m_fixtureScores }
            << "give either a RUN_ID or --scores FILE.csv";
        QTest::newRow("bad run id") << QStringList { QStringLiteral("first") }
                                    << "RUN_ID must be a run's number, got 'first'";
        QTest::newRow("bad folds") << QStringList { QStringLiteral("--scores"), m_fixtureScores,
            QStringLiteral("--horizons"), QStringLiteral("20"), QStringLiteral("--folds"),
            QStringLiteral("week") }
                                   << "--folds must be month, quarter, year or a whole number >= 1";
        QTest::newRow("bad horizons") << QStringList { QStringLiteral("--scores"), m_fixtureScores,
            QStringLiteral("--horizons"), QStringLiteral("20,x") }
                                      << "--horizons must list whole numbers >= 1";
        QTest::newRow("no horizons") << QStringList { QStringLiteral("--scores"), m_fixtureScores }
                                     << "--horizons is needed";
        QTest::newRow("bad threshold") << QStringList { QStringLiteral("--scores"), m_fixtureScores,
            QStringLiteral("--horizons"), QStringLiteral("20"), QStringLiteral("--max-turnover"),
            QStringLiteral("low") } << "--max-turnover 'low' is not a number";
    }

    void usageErrorsExitWithTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const Result result = evaluate(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(expected), qPrintable(result.err));
    }
};

QTEST_GUILESS_MAIN(TestEvaluateCli)
#include "test_evaluate_cli.moc"
