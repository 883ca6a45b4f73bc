#include "cli_test_support.h"
#include "csv_test_support.h"
#include "data/market_database.h"
#include "eval_v2_import.h"
#include "run/run_repository.h"
#include "test_paths.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <map>

// `kronos-cli evaluate --scores --samples` on the eval-v2 fixture as its README says a user
// replays it: adj_close.csv turned into a long price file and imported with sectors.csv into a
// new database (which receives the bundled sample), then evaluated at horizons 5 and 20 with
// costs of 10 bps. Every figure of expected/ (computed independently with numpy, pandas and
// scipy) must come out within 1e-9 absolute or 1e-7 relative.
class TestEvaluateJudgementCli : public QObject
{
    Q_OBJECT

private:
    using Result = CliTest::Result;
    using Table = QList<QStringList>;

    const QString m_fixture = testDataPath("eval-v2/");
    QTemporaryDir m_folder;
    QTemporaryDir m_output; // the replay's --output-dir, shared by the checks below

    QString databasePath() const { return m_folder.filePath(QStringLiteral("market.sqlite")); }

    Result evaluate(const QStringList &arguments) const
    {
        return CliTest::runOn(
            databasePath(), QStringList { QStringLiteral("evaluate") } + arguments);
    }

    QStringList replayArguments(const QString &outputDir) const
    {
        return { QStringLiteral("--scores"), m_fixture + QStringLiteral("scores.csv"),
            QStringLiteral("--samples"), m_fixture + QStringLiteral("samples.csv"),
            QStringLiteral("--horizons"), QStringLiteral("5,20"), QStringLiteral("--cost-bps"),
            QStringLiteral("10"), QStringLiteral("--output-dir"), outputDir };
    }

    QString writeFile(const QString &name, const QByteArray &content) const
    {
        QFile file(m_folder.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(content);
        return file.fileName();
    }

    static Table readCsv(const QString &path) { return CsvTest::readCsv(path); }

    // Within 1e-9 absolute or 1e-7 relative; two empty cells agree.
    static bool matches(const QString &actual, const QString &expected)
    {
        if (actual.isEmpty() || expected.isEmpty())
            return actual.isEmpty() == expected.isEmpty();
        bool actualOk = false;
        bool expectedOk = false;
        const double a = actual.toDouble(&actualOk);
        const double e = expected.toDouble(&expectedOk);
        if (!actualOk || !expectedOk)
            return actual == expected;
        const double difference = std::abs(a - e);
        return difference <= 1e-9 || difference <= 1e-7 * std::abs(e);
    }

    // The columns that name a row rather than measure it.
    static bool isKeyColumn(const QString &name)
    {
        static const QStringList keys { "signal", "horizon", "metric", "bin", "year", "month",
            "sector", "date" };
        return keys.contains(name);
    }

    // A table's rows by the values of its key columns.
    static std::map<QStringList, QStringList> rowsByKey(const Table &table)
    {
        std::map<QStringList, QStringList> rows;
        const QStringList &header = table[0];
        for (const QStringList &row : table.mid(1)) {
            QStringList key;
            for (int column = 0; column < header.size(); ++column) {
                if (isKeyColumn(header[column]))
                    key << row.value(column);
            }
            rows[key] = row;
        }
        return rows;
    }

    static int modelRowCount(const Table &table)
    {
        const qsizetype signal = table[0].indexOf(QStringLiteral("signal"));
        int count = 0;
        for (const QStringList &row : table.mid(1))
            count += signal < 0 || row.value(signal) == QLatin1String("model") ? 1 : 0;
        return count;
    }

    // The scores, bands and samples of the fixture as a finished sampled run at horizons 5 and
    // 20, stored the way ScoringWorker stores one. Every last close is 100: a path's close at
    // step h is 100 (1 + the score or sample at h); the steps between are interpolated.
    qint64 storeFixtureAsRun() const
    {
        MarketDatabase market;
        market.open(databasePath());
        RunRepository runs(market.database());
        RunSpec spec;
        spec.universe = QStringLiteral("eval-v2");
        spec.horizons = { 5, 20 };
        spec.sampling = { 1.0, 0, 1.0, 16, 1 };
        const qint64 runId = runs.create(spec, 0, {});
        constexpr double last = 100.0;
        // (date, ticker) -> horizon -> closes: the mean first, then the samples.
        std::map<std::pair<QString, QString>, std::map<int, std::vector<double>>> closes;
        QList<ScoreRow> scores;
        for (const QStringList &row : readCsv(m_fixture + QStringLiteral("scores.csv")).mid(1)) {
            ScoreRow score;
            score.date = QDateTime(QDate::fromString(row[0], Qt::ISODate), QTime(0, 0), Qt::UTC);
            score.ticker = row[1];
            score.horizon = row[2].toInt();
            score.score = row[3].toDouble();
            score.lastClose = last;
            score.predictedClose = last * (1 + score.score);
            score.p10 = last * (1 + row[4].toDouble());
            score.p90 = last * (1 + row[5].toDouble());
            scores << score;
            closes[{ row[0], row[1] }][score.horizon].push_back(score.predictedClose);
        }
        for (const QStringList &row : readCsv(m_fixture + QStringLiteral("samples.csv")).mid(1))
            closes[{ row[0], row[1] }][row[2].toInt()].push_back(last * (1 + row[4].toDouble()));

        QList<SeriesPaths> paths;
        for (const auto &[series, byHorizon] : closes) {
            // A series scored at one horizon only takes that horizon's closes for both.
            const std::vector<double> &five
                = byHorizon.count(5) ? byHorizon.at(5) : byHorizon.at(20);
            const std::vector<double> &twenty = byHorizon.count(20) ? byHorizon.at(20) : five;
            if (five.size() != 17 || twenty.size() != 17)
                return 0;
            const auto pathThrough = [&](size_t k) {
                std::vector<float> path;
                for (int step = 1; step <= 20; ++step) {
                    const double close = step <= 5
                        ? last + (five[k] - last) * step / 5.0
                        : five[k] + (twenty[k] - five[k]) * (step - 5) / 15.0;
                    path.push_back(float(close));
                }
                return path;
            };
            SeriesPaths stored { QDateTime(QDate::fromString(series.first, Qt::ISODate),
                                     QTime(0, 0), Qt::UTC),
                series.second, last, 20, pathThrough(0), 16, {} };
            for (size_t sample = 1; sample <= 16; ++sample) {
                const std::vector<float> path = pathThrough(sample);
                stored.samples.insert(stored.samples.end(), path.begin(), path.end());
            }
            paths << stored;
        }
        runs.commitBatch(runId, { 0, int(paths.size()), 1, 1 }, scores, {}, paths);
        runs.setStatus(runId, RunStatus::Finished);
        return runId;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_folder.isValid() && m_output.isValid());
        const Result imported = EvalV2::importFixture(databasePath(), m_folder.path());
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.out + imported.err));
        QVERIFY2(imported.err.contains(QStringLiteral("bundled sample installed")),
            qPrintable(imported.err));

        const Result replay = evaluate(replayArguments(m_output.path()));
        QVERIFY2(replay.exitCode == 0, qPrintable(replay.err));
    }

    void everyExpectedFigureReplays_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &name :
            QDir(m_fixture + QStringLiteral("expected"))
                .entryList({ QStringLiteral("*.csv") }, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(name)) << name;
        QCOMPARE(QDir(m_fixture + QStringLiteral("expected")).entryList(QDir::Files).size(), 8);
    }

    // Same columns in the same order, the same model rows, every cell within tolerance.
    void everyExpectedFigureReplays()
    {
        QFETCH(QString, file);
        const Table expected = readCsv(m_fixture + QStringLiteral("expected/") + file);
        const Table actual = readCsv(m_output.filePath(file));
        QVERIFY2(expected.size() > 1, qPrintable(file));
        QVERIFY2(!actual.isEmpty(), qPrintable(file + QStringLiteral(" was not written")));
        QCOMPARE(actual[0], expected[0]);
        QCOMPARE(modelRowCount(actual), int(expected.size() - 1));

        const std::map<QStringList, QStringList> actualRows = rowsByKey(actual);
        int cellsCompared = 0;
        for (const auto &[key, expectedRow] : rowsByKey(expected)) {
            const auto found = actualRows.find(key);
            QVERIFY2(found != actualRows.end(), qPrintable(file + u' ' + key.join(u',')));
            for (int column = 0; column < expected[0].size(); ++column) {
                QVERIFY2(matches(found->second.value(column), expectedRow.value(column)),
                    qPrintable(QStringLiteral("%1 %2 %3: %4, expected %5")
                                   .arg(file, key.join(u','), expected[0][column],
                                       found->second.value(column), expectedRow.value(column))));
                ++cellsCompared;
            }
        }
        QCOMPARE(cellsCompared, int((expected.size() - 1) * expected[0].size()));
    }

    void baselinesAreJudgedOnTheSameDates()
    {
        for (const QString &file : { QStringLiteral("significance.csv"),
                 QStringLiteral("portfolio.csv"), QStringLiteral("rank_autocorrelation.csv") }) {
            std::map<QString, int> rowsPerSignal;
            for (const QStringList &row : readCsv(m_output.filePath(file)).mid(1))
                ++rowsPerSignal[row[0]];
            QCOMPARE(
                rowsPerSignal[QStringLiteral("momentum")], rowsPerSignal[QStringLiteral("model")]);
            QCOMPARE(
                rowsPerSignal[QStringLiteral("reversal")], rowsPerSignal[QStringLiteral("model")]);
        }
    }

    // A scores file has no paths: the decay covers the evaluated horizons, and its figures are
    // the significance table's.
    void icDecayRepeatsTheEvaluatedHorizons()
    {
        const Table decay = readCsv(m_output.filePath(QStringLiteral("ic_decay.csv")));
        QCOMPARE(decay.value(0),
            (QStringList { "signal", "horizon", "ic_mean", "rank_ic_mean", "nw_t" }));
        QCOMPARE(decay.size(), 1 + 3 * 2);
        const std::map<QStringList, QStringList> significance
            = rowsByKey(readCsv(m_output.filePath(QStringLiteral("significance.csv"))));
        for (const QStringList &row : decay.mid(1)) {
            const QStringList rankIc
                = significance.at({ row[0], row[1], QStringLiteral("rank_ic") });
            QCOMPARE(row[3], rankIc[3]);
            QCOMPARE(row[4], rankIc[5]);
            QCOMPARE(row[2], significance.at({ row[0], row[1], QStringLiteral("ic") })[3]);
        }
    }

    void portfolioCurveCompoundsToCumNet()
    {
        const Table curve = readCsv(m_output.filePath(QStringLiteral("portfolio_curve.csv")));
        QCOMPARE(curve.value(0),
            (QStringList { "signal", "horizon", "date", "gross", "traded", "net", "wealth_gross",
                "wealth_net" }));
        std::map<QStringList, QStringList> last;
        std::map<QStringList, int> periods;
        for (const QStringList &row : curve.mid(1)) {
            last[{ row[0], row[1] }] = row;
            ++periods[{ row[0], row[1] }];
        }
        for (const auto &[key, row] :
            rowsByKey(readCsv(m_output.filePath(QStringLiteral("portfolio.csv"))))) {
            QCOMPARE(periods[key], row[3].toInt());
            QVERIFY(std::abs(last[key][7].toDouble() - 1.0 - row[6].toDouble()) < 1e-12);
        }
    }

    // The fixture's q10/q90 are the samples' own percentiles: without the columns, calibration
    // takes them from the samples and comes out the same.
    void bandsFallBackToTheSamplesPercentiles()
    {
        QByteArray scores("date,ticker,horizon,score\n");
        const Table full = readCsv(m_fixture + QStringLiteral("scores.csv"));
        for (const QStringList &row : full.mid(1))
            scores += row.mid(0, 4).join(u',').toUtf8() + '\n';
        QTemporaryDir output;
        QStringList arguments = replayArguments(output.path());
        arguments[1] = writeFile(QStringLiteral("scores_without_bands.csv"), scores);
        const Result result = evaluate(arguments);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const Table expected = readCsv(m_fixture + QStringLiteral("expected/calibration.csv"));
        const Table actual = readCsv(output.filePath(QStringLiteral("calibration.csv")));
        QCOMPARE(actual.size(), expected.size());
        for (int row = 1; row < expected.size(); ++row) {
            for (int column = 0; column < expected[0].size(); ++column)
                QVERIFY2(matches(actual[row][column], expected[row][column]),
                    qPrintable(actual[row].join(u',')));
        }
    }

    void withoutSamplesCalibrationIsEmpty()
    {
        QTemporaryDir output;
        QStringList arguments = replayArguments(output.path());
        arguments.remove(2, 2); // --samples FILE
        const Result result = evaluate(arguments);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const Table calibration = readCsv(output.filePath(QStringLiteral("calibration.csv")));
        QCOMPARE(calibration.size(), 3);
        QCOMPARE(calibration[1], (QStringList { "5", "0", "", "", "", "" }));
        QVERIFY(!result.out.contains(QStringLiteral("Calibration (")));
        // Accuracy needs no samples.
        QVERIFY(matches(readCsv(output.filePath(QStringLiteral("accuracy.csv")))[1][2],
            readCsv(m_fixture + QStringLiteral("expected/accuracy.csv"))[1][2]));
    }

    void costMovesOnlyTheNetFigures()
    {
        QTemporaryDir output;
        QStringList arguments = replayArguments(output.path());
        arguments[arguments.indexOf(QStringLiteral("--cost-bps")) + 1] = QStringLiteral("0");
        const Result result = evaluate(arguments);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const Table expected = readCsv(m_fixture + QStringLiteral("expected/portfolio.csv"));
        const Table free = readCsv(output.filePath(QStringLiteral("portfolio.csv")));
        QCOMPARE(free[1][2], QStringLiteral("0"));
        QVERIFY(matches(free[1][4], expected[1][4])); // mean gross unchanged
        QCOMPARE(free[1][5], free[1][4]); // net = gross
    }

    void badSampleFilesNameTheLine_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no return column")
            << QByteArray("date,ticker,horizon,sample\n")
            << "bad_samples.csv:1: no 'return' column; expected date,ticker,horizon,sample,return";
        QTest::newRow("sample given twice")
            << QByteArray("date,ticker,horizon,sample,return\n2017-01-05,ABBV,5,0,0.1\n"
                          "2017-01-05,ABBV,5,0,0.2\n")
            << "bad_samples.csv:3: sample 0 of ABBV 2017-01-05 horizon 5 is given twice";
        QTest::newRow("a return of -100%")
            << QByteArray("date,ticker,horizon,sample,return\n2017-01-05,ABBV,5,0,-1\n")
            << "bad_samples.csv:2: return '-1' is -100% or worse";
    }

    void badSampleFilesNameTheLine()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir output;
        QStringList arguments = replayArguments(output.path());
        arguments[3] = writeFile(QStringLiteral("bad_samples.csv"), content);
        const Result result = evaluate(arguments);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(expected), qPrintable(result.err));
    }

    // The fixture stored as a sampled run (scores with their bands as percentile closes, mean
    // paths of 20 steps through the scores, sample paths through the samples) and evaluated by
    // RUN_ID: the same figures from the database, the IC decay over every step of the paths.
    void aStoredRunReplaysTheFixture()
    {
        const qint64 runId = storeFixtureAsRun();
        QVERIFY(runId > 0);
        QTemporaryDir output;
        const Result result
            = evaluate({ QString::number(runId), QStringLiteral("--output-dir"), output.path() });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        for (const QString &file :
            { QStringLiteral("significance.csv"), QStringLiteral("accuracy.csv"),
                QStringLiteral("portfolio.csv"), QStringLiteral("sector_rank_ic.csv") }) {
            const std::map<QStringList, QStringList> actual
                = rowsByKey(readCsv(output.filePath(file)));
            for (const auto &[key, expected] :
                rowsByKey(readCsv(m_fixture + QStringLiteral("expected/") + file))) {
                QVERIFY2(actual.count(key), qPrintable(file + u' ' + key.join(u',')));
                for (int column = 0; column < expected.size(); ++column)
                    QVERIFY2(matches(actual.at(key).value(column), expected[column]),
                        qPrintable(file + u' ' + actual.at(key).join(u',')));
            }
        }
        // Bands from the stored percentiles: coverage exactly; CRPS from float32 sample paths.
        const Table calibration = readCsv(output.filePath(QStringLiteral("calibration.csv")));
        const Table expected = readCsv(m_fixture + QStringLiteral("expected/calibration.csv"));
        for (int row = 1; row < expected.size(); ++row) {
            QCOMPARE(calibration[row][1], expected[row][1]);
            QVERIFY(matches(calibration[row][2], expected[row][2]));
            QVERIFY(
                std::abs(calibration[row][3].toDouble() / expected[row][3].toDouble() - 1) < 1e-5);
        }
        const Table decay = readCsv(output.filePath(QStringLiteral("ic_decay.csv")));
        QCOMPARE(decay.size(), 1 + 3 * 20);
        QCOMPARE(decay[20].mid(0, 2), (QStringList { "model", "20" }));
    }

    void reportIsWrittenAsOnePage()
    {
        QTemporaryDir output;
        QStringList arguments = replayArguments(output.path());
        const QString report = output.filePath(QStringLiteral("report.html"));
        arguments << QStringLiteral("--report") << report;
        const Result result = evaluate(arguments);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(result.err.contains(QStringLiteral("report written to ") + report));
        QFile file(report);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(file.readAll());
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
        QVERIFY(html.contains(QStringLiteral("Scores file scores.csv")));
        QVERIFY(html.contains(QStringLiteral("samples samples.csv")));
        // The fixture's 20-day RankIC is significant and its book positive after 10 bps.
        QVERIFY(html.contains(QStringLiteral("<p class=\"headline\">An edge at horizon 20")));

        const Result unwritable = evaluate(replayArguments(output.path())
            << QStringLiteral("--report")
            << output.filePath(QStringLiteral("no/such/report.html")));
        QCOMPARE(unwritable.exitCode, 1);
        QVERIFY2(
            unwritable.err.contains(QStringLiteral("Cannot write")), qPrintable(unwritable.err));
    }

    void samplesNeedAScoresFile()
    {
        const Result result = evaluate({ QStringLiteral("1"), QStringLiteral("--samples"),
            m_fixture + QStringLiteral("samples.csv") });
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("--samples goes with --scores")),
            qPrintable(result.err));
    }
};

QTEST_GUILESS_MAIN(TestEvaluateJudgementCli)
#include "test_evaluate_judgement_cli.moc"
