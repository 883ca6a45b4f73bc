// `kronos-cli score`, `runs` and `probe` as a user runs them: exit statuses, the scores CSV,
// Ctrl-C into a resumable run, the probe's trials and the size to use (nothing stored).

#include "cli_test_support.h"
#include "test_paths.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>

namespace {

const QString Fixture = testDataPath("kronos-narrow");

} // namespace

class TestScoreCli : public QObject
{
    Q_OBJECT

private:
    CliTest::Result cli(const QStringList &arguments)
    {
        return CliTest::runOn(m_database, arguments, 120000);
    }

    QStringList fixtureModel() const
    {
        return { QStringLiteral("--model"), Fixture + QStringLiteral("/model"),
            QStringLiteral("--tokenizer"), Fixture + QStringLiteral("/tokenizer") };
    }

    // `kronos-cli probe` on the universe "Four" on one date with the fixture checkpoint.
    QStringList probe(const QStringList &extra) const
    {
        return QStringList { QStringLiteral("probe"), QStringLiteral("--universe"),
            QStringLiteral("Four"), QStringLiteral("--date"), QStringLiteral("2019-06-03"),
            QStringLiteral("--threads"), QStringLiteral("2") }
        + fixtureModel() + extra;
    }

    // Four tickers, horizon 5, batches of one series of Kronos-small's shape (each takes a
    // noticeable time): the spec of the interrupted-run tests.
    static QStringList slowSpec()
    {
        return { "--universe", "Four", "--date", "2019-06-03", "--horizons", "5",
            "--random-weights", "small", "--batch-size", "1", "--threads", "2" };
    }

    // Starts `kronos-cli score` of slowSpec() named `name` in `process` and returns its
    // standard error once it reports its first finished batch (or after a minute).
    QString scoreUntilFirstBatch(QProcess &process, const QString &name) const
    {
        process.start(kronosCliPath(),
            QStringList { "score", "--db", m_database, "--name", name } + slowSpec());
        QString err;
        QElapsedTimer clock;
        clock.start();
        while (!err.contains(QLatin1String("batch 1 done")) && clock.elapsed() < 60000) {
            process.waitForReadyRead(100);
            err += QString::fromUtf8(process.readAllStandardError());
        }
        return err;
    }

    QTemporaryDir m_folder;
    QString m_database;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_folder.isValid());
        m_database = m_folder.filePath(QStringLiteral("market.sqlite"));
        const CliTest::Result created
            = cli({ QStringLiteral("universes"), QStringLiteral("create"), QStringLiteral("Four"),
                QStringLiteral("--tickers"), QStringLiteral("A,AAL,AAP,AAPL") });
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no universe")
            << QStringList { "--date", "2019-06-03" } << "--universe NAME is required";
        QTest::newRow("date and range")
            << QStringList { "--universe", "Four", "--date", "2019-06-03", "--from", "2019-01-01" }
            << "give either --date D or --from D --to D";
        QTest::newRow("bad horizons")
            << QStringList { "--universe", "Four", "--date", "2019-06-03", "--horizons", "20,x" }
            << "--horizons must be positive integers like 20,60,90, got '20,x'";
        QTest::newRow("bad batch size")
            << QStringList { "--universe", "Four", "--date", "2019-06-03", "--batch-size", "0" }
            << "--batch-size must be a positive integer, got '0'";
        QTest::newRow("two steps") << QStringList { "--universe", "Four", "--from", "2019-01-01",
            "--to", "2019-06-01", "--weekly", "--monthly" }
                                   << "choose one of --every, --monthly and --weekly";
        QTest::newRow("no model") << QStringList { "--universe", "Four", "--date", "2019-06-03" }
                                  << "a model and a tokenizer folder are required";
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const CliTest::Result result = cli(QStringList { QStringLiteral("score") } + arguments);
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(result.err.trimmed(), QStringLiteral("kronos-cli score: ") + message);
    }

    void scoreThenManageTheRun()
    {
        const QString csv = m_folder.filePath(QStringLiteral("scores.csv"));
        const CliTest::Result scored
            = cli(QStringList { "score", "--universe", "Four", "--from", "2019-05-01", "--to",
                      "2019-06-30", "--monthly", "--horizons", "5,10", "--lookback", "64",
                      "--batch-size", "3", "--name", "June", "--output", csv }
                + fixtureModel());
        QVERIFY2(scored.exitCode == 0, qPrintable(scored.err));
        QVERIFY(scored.err.contains(QLatin1String("batch 3 done: 2 series")));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines
            = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.first(),
            QStringLiteral("run,date,ticker,horizon,last_close,pred_close,score,run_name,"
                           "checkpoint,random_weights"));
        QCOMPARE(lines.size(), 1 + 4 * 2 * 2);
        QVERIFY(lines.at(1).startsWith(QLatin1String("1,2019-05-01,A,5,")));
        // Every row names the run and its weights.
        QVERIFY2(lines.at(1).endsWith(
                     QStringLiteral(",June,%1,false").arg(fixtureModel().at(1))),
            qPrintable(lines.at(1)));

        const CliTest::Result listed = cli({ "runs", "list" });
        QCOMPARE(listed.exitCode, 0);
        QVERIFY(listed.out.contains(
            QLatin1String("1\tJune\tfinished\tFour\t2019-05-01..2019-06-30 monthly\t8\t0\t8")));
        const CliTest::Result shown = cli({ "runs", "show", "1" });
        QVERIFY(shown.out.contains(QLatin1String("series: 8 planned = 8 scored + 0 skipped")));
        const QString exported = m_folder.filePath(QStringLiteral("exported.csv"));
        QCOMPARE(cli({ "runs", "export", "1", "--output", exported }).exitCode, 0);
        QFile again(exported);
        QVERIFY(again.open(QIODevice::ReadOnly));
        file.seek(0);
        QCOMPARE(again.readAll(), file.readAll());
        QCOMPARE(cli({ "runs", "rename", "1", "May and June" }).exitCode, 0);
        QVERIFY(cli({ "runs", "show", "1" }).out.startsWith(QLatin1String("run 1: May and June")));
        QCOMPARE(cli({ "runs", "delete", "1" }).exitCode, 0);
        const CliTest::Result gone = cli({ "runs", "show", "1" });
        QCOMPARE(gone.exitCode, 1);
        QCOMPARE(gone.err.trimmed(), QStringLiteral("kronos-cli runs: no run with id 1"));
    }

    void unknownUniverseFails()
    {
        const CliTest::Result result = cli(
            QStringList { "score", "--universe", "Nope", "--date", "2019-06-03" } + fixtureModel());
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.err.contains(QLatin1String("no universe named 'Nope'")));
    }

    void probePrintsEveryTrialAndTheSizeToUse()
    {
        const QString runsBefore = cli({ "runs", "list" }).out;
        const CliTest::Result result = cli(probe({}));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        // Header, trials of 1, 2 and 4 (all four tickers), the verdict.
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines.first().startsWith(QStringLiteral("batch | steps")));
        for (int row = 1; row <= 3; ++row) {
            const QStringList cells = lines[row].split(QLatin1Char('|'));
            QCOMPARE(cells.size(), 6);
            QCOMPARE(cells[0].trimmed().toInt(), 1 << (row - 1));
            QCOMPARE(cells[1].trimmed().toInt(), 8);
            QVERIFY(cells[3].trimmed().toInt() > 0); // peak MB
            QVERIFY(cells[5].trimmed().toDouble() > 0); // series/s
        }
        QVERIFY2(lines.last().startsWith(QStringLiteral("fastest within 90% of the ")),
            qPrintable(lines.last()));
        QVERIFY(lines.last().contains(QStringLiteral("--batch-size ")));
        QCOMPARE(cli({ "runs", "list" }).out, runsBefore); // nothing stored
    }

    void probeTriesTheGivenSizesInOrder()
    {
        const CliTest::Result result
            = cli(probe({ QStringLiteral("--sizes"), QStringLiteral("3,1") }));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[1].section(QLatin1Char('|'), 0, 0).trimmed(), QStringLiteral("1"));
        QCOMPARE(lines[2].section(QLatin1Char('|'), 0, 0).trimmed(), QStringLiteral("3"));
    }

    void probeStopsAtTheFirstTrialOverTheBudget()
    {
        // The process alone uses more than 64 MB: the first trial goes over the budget.
        const CliTest::Result result
            = cli(probe({ QStringLiteral("--memory-budget"), QStringLiteral("64") }));
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QStringList lines = result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[1].contains(QStringLiteral("failed: memory went over the budget of 64 MiB")),
            qPrintable(lines[1]));
        QCOMPARE(lines[2], QStringLiteral("no trial stayed within 90% of the 64 MiB budget"));
    }

    void probeUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad sizes") << probe({ "--sizes", "1,zero" })
                                   << "--sizes must be positive integers like 1,4,16, got '1,zero'";
        QTest::newRow("bad budget") << probe({ "--memory-budget", "-5" })
                                    << "--memory-budget must be a positive integer, got '-5'";
    }
    void probeUsageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const CliTest::Result result = cli(arguments);
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(result.err.trimmed(), QStringLiteral("kronos-cli probe: ") + message);
    }

    void probeOfAnUnknownUniverseFails()
    {
        QStringList arguments = probe({});
        arguments[2] = QStringLiteral("Nope");
        const CliTest::Result result = cli(arguments);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(
            result.err.trimmed(), QStringLiteral("kronos-cli probe: no universe named 'Nope'"));
    }

    void interruptLeavesAResumableRun_data()
    {
        QTest::addColumn<int>("signal");
        QTest::addColumn<QString>("name");
        QTest::newRow("Ctrl-C (SIGINT)") << int(SIGINT) << QStringLiteral("Interrupted");
        // What scancel and a scheduler's preemption send.
        QTest::newRow("SIGTERM") << int(SIGTERM) << QStringLiteral("Terminated");
    }
    void interruptLeavesAResumableRun()
    {
        QFETCH(int, signal);
        QFETCH(QString, name);
        QProcess process;
        QString err = scoreUntilFirstBatch(process, name);
        QVERIFY2(err.contains(QLatin1String("batch 1 done")), qPrintable(err));
        ::kill(pid_t(process.processId()), signal);
        QVERIFY(process.waitForFinished(30000));
        err += QString::fromUtf8(process.readAllStandardError());
        // Its error output on failure: a sanitizer's report ends the process with SIGABRT.
        QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 130,
            qPrintable(QStringLiteral("exit status %1, code %2\n%3")
                           .arg(int(process.exitStatus()))
                           .arg(process.exitCode())
                           .arg(err)));
        const QRegularExpressionMatch id
            = QRegularExpression(QStringLiteral("run (\\d+) cancelled after")).match(err);
        QVERIFY2(id.hasMatch(), qPrintable(err));
        QVERIFY(
            cli({ "runs", "list" }).out.contains(QStringLiteral("\t%1\tcancelled\t").arg(name)));

        const CliTest::Result resumed = cli({ "runs", "resume", id.captured(1) });
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QVERIFY(resumed.err.contains(QLatin1String("already scored")));
        QVERIFY(cli({ "runs", "show", id.captured(1) })
                    .out.contains(QLatin1String("series: 4 planned = 4 scored + 0 skipped")));
    }

    void killedProcessLeavesAResumableRun()
    {
        // kill -9 after the first committed batch: no handler runs, the run stays "running" in
        // the database, and resuming it must give exactly the scores of an uninterrupted run.
        QProcess process;
        const QString err = scoreUntilFirstBatch(process, QStringLiteral("Killed"));
        QVERIFY2(err.contains(QLatin1String("batch 1 done")), qPrintable(err));
        process.kill();
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::CrashExit);

        QString killedId;
        for (const QString &line : cli({ "runs", "list" }).out.split(QLatin1Char('\n')))
            if (line.section(QLatin1Char('\t'), 1, 1) == QLatin1String("Killed"))
                killedId = line.section(QLatin1Char('\t'), 0, 0);
        QVERIFY(!killedId.isEmpty());
        const CliTest::Result resumed = cli({ "runs", "resume", killedId });
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QVERIFY2(resumed.err.contains(QLatin1String("already scored")), qPrintable(resumed.err));

        const CliTest::Result whole = cli(QStringList { "score", "--name", "Whole" } + slowSpec());
        QVERIFY2(whole.exitCode == 0, qPrintable(whole.err));
        QString wholeId;
        for (const QString &line : cli({ "runs", "list" }).out.split(QLatin1Char('\n')))
            if (line.section(QLatin1Char('\t'), 1, 1) == QLatin1String("Whole"))
                wholeId = line.section(QLatin1Char('\t'), 0, 0);
        const QString killedCsv = m_folder.filePath(QStringLiteral("killed.csv"));
        const QString wholeCsv = m_folder.filePath(QStringLiteral("whole.csv"));
        QCOMPARE(cli({ "runs", "export", killedId, "--output", killedCsv }).exitCode, 0);
        QCOMPARE(cli({ "runs", "export", wholeId, "--output", wholeCsv }).exitCode, 0);
        // Identical rows but for the run's id (first column) and name (third from last).
        const auto rowsWithoutRun = [](const QString &path) {
            QFile file(path);
            file.open(QIODevice::ReadOnly);
            QStringList rows;
            for (const QByteArray &line : file.readAll().split('\n')) {
                QStringList cells = QString::fromUtf8(line).split(QLatin1Char(','));
                if (cells.size() > 3) {
                    cells.removeFirst();
                    cells.removeAt(cells.size() - 3);
                }
                rows << cells.join(QLatin1Char(','));
            }
            return rows;
        };
        const QStringList killedRows = rowsWithoutRun(killedCsv);
        QCOMPARE(killedRows.size(), 1 + 4 + 1); // header, 4 series x 1 horizon, final newline
        QCOMPARE(killedRows, rowsWithoutRun(wholeCsv));
    }
};

QTEST_GUILESS_MAIN(TestScoreCli)
#include "test_score_cli.moc"
