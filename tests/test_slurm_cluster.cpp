// On a real Slurm scheduler (a one-node cluster started here): the job `kronos-cli slurm write
// --submit` writes scores the fixture run in 3 array tasks and merges them into the run one
// machine scores; a task cancelled mid-run (scancel) and resubmitted resumes its shard, and the
// merge is still exact. Label `slurm`; skipped only where Slurm is not installed (or not root).

#include "cli_test_support.h"
#include "one_node_slurm.h"
#include "scoring_run_fixture.h"
#include "test_paths.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QtTest>

namespace {

const QString Fixture = testDataPath("kronos-narrow");
constexpr int JobTimeoutMs = 600000;

// The fixture's universe, lookback 64, horizons 5 and 10, one CPU per task.
QStringList runOptions(
    const QString &from, const QString &to, const QStringList &step, const QString &batchSize)
{
    return QStringList { "--universe", ShortHistoryUniverse, "--from", from, "--to", to } + step
        + QStringList { "--horizons", "5,10", "--lookback", "64", "--model", Fixture + "/model",
              "--tokenizer", Fixture + "/tokenizer", "--batch-size", batchSize, "--threads", "1" };
}

QString captured(const QString &text, const QString &pattern)
{
    return QRegularExpression(pattern).match(text).captured(1);
}

QString readAll(const QString &path)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return QString::fromUtf8(file.readAll());
}

// The only run of a database, with its scores.
struct StoredRun
{
    RunRecord run;
    QList<ScoreRow> scores;
    QList<SkippedSeries> skipped;
};

std::optional<StoredRun> onlyRun(const QString &path)
{
    MarketDatabase database;
    database.open(path);
    const RunRepository runs(database.database());
    const QList<RunRecord> all = runs.list();
    if (all.size() != 1)
        return std::nullopt;
    return StoredRun { all.first(), runs.scores(all.first().id), runs.skipped(all.first().id) };
}

} // namespace

class TestSlurmCluster : public QObject
{
    Q_OBJECT

private:
    // `kronos-cli slurm write ... --submit` into a new job folder; returns the folder and sets
    // the two job ids.
    QString submit(const QString &name, const QStringList &options, QString &array, QString &merge)
    {
        const QString folder = m_work.filePath(name);
        const CliTest::Result written
            = CliTest::run(QStringList { "slurm", "write", "--db", m_fixture->databasePath() }
                + options + QStringList { "--shards", "3", "--out", folder, "--submit" });
        if (written.exitCode != 0)
            qWarning("slurm write: %s%s", qPrintable(written.out), qPrintable(written.err));
        array = captured(written.out, QStringLiteral("scoring array job: (\\d+)"));
        merge = captured(written.out, QStringLiteral("merge job: (\\d+)"));
        return folder;
    }

    // The same run.json scored on one machine, into a copy of the job's data.
    std::optional<StoredRun> singleMachineRun(const QString &folder)
    {
        const QString database = QDir(folder).filePath(QStringLiteral("single.sqlite"));
        QFile::copy(QDir(folder).filePath(QStringLiteral("data.sqlite")), database);
        const CliTest::Result single = CliTest::run({ "score", "--spec",
            QDir(folder).filePath(QStringLiteral("run.json")), "--db", database });
        if (single.exitCode != 0)
            qWarning("single run: %s", qPrintable(single.err));
        return onlyRun(database);
    }

    void verifyMergedEqualsSingle(const QString &folder)
    {
        const std::optional<StoredRun> merged
            = onlyRun(QDir(folder).filePath(QStringLiteral("merged.sqlite")));
        QVERIFY(merged);
        const std::optional<StoredRun> single = singleMachineRun(folder);
        QVERIFY(single);
        QCOMPARE(merged->run.status, RunStatus::Finished);
        QCOMPARE(merged->run.planned, single->run.planned);
        QCOMPARE(merged->run.scored, single->run.scored);
        // Same rows, each once, values within 1e-6.
        QCOMPARE(scoreDifference(merged->scores, single->scores), QString());
        QCOMPARE(merged->skipped.size(), single->skipped.size());
        QCOMPARE(merged->run.spec.resultDifference(single->run.spec), QString());
    }

    std::unique_ptr<ScoringRunFixture> m_fixture;
    std::unique_ptr<OneNodeSlurm> m_slurm;
    QTemporaryDir m_work;

private Q_SLOTS:
    void initTestCase()
    {
        const QString unavailable = OneNodeSlurm::unavailableReason();
        if (!unavailable.isEmpty())
            QSKIP(qPrintable(unavailable));
        m_fixture = std::make_unique<ScoringRunFixture>();
        QVERIFY(m_fixture->isOpen());
        m_slurm = std::make_unique<OneNodeSlurm>();
        QElapsedTimer clock;
        clock.start();
        QString error;
        QVERIFY2(m_slurm->start(error), qPrintable(error));
        qInfo("one-node cluster up in %.1f s", clock.elapsed() / 1000.0);
        // kronos-cli's sbatch calls, and through them the jobs, find the cluster.
        qputenv("SLURM_CONF", m_slurm->configPath().toUtf8());
    }

    void cleanupTestCase()
    {
        m_slurm.reset(); // cancels the jobs, stops the daemons by pid
        qunsetenv("SLURM_CONF");
    }

    void threeShardJobEqualsTheSingleMachineRun()
    {
        QElapsedTimer clock;
        clock.start();
        QString array;
        QString merge;
        const QString folder = submit(QStringLiteral("monthly"),
            runOptions("2018-01-04", "2018-03-05", { "--monthly" }, "4"), array, merge);
        QVERIFY(!array.isEmpty() && !merge.isEmpty());
        // The nodes run kronos-cli, as the user gave it (by default), not the engine program
        // `slurm` itself runs in.
        for (const char *script : { "score.sbatch", "merge.sbatch" }) {
            const QString text = readAll(QDir(folder).filePath(QString::fromLatin1(script)));
            QVERIFY2(
                text.contains(kronosCliPath()) && !text.contains(QLatin1String("kronos-engine")),
                qPrintable(text));
        }
        QVERIFY2(
            m_slurm->waitUntilDone({ array, merge }, JobTimeoutMs), qPrintable(m_slurm->logs()));
        qInfo(
            "3 tasks x 1 date x 22 tickers, submitted to merged: %.1f s", clock.elapsed() / 1000.0);
        for (int task = 0; task < 3; ++task) {
            const QString log = readAll(
                QDir(folder).filePath(QStringLiteral("logs/score_%1_%2.log").arg(array).arg(task)));
            qInfo("task %d: %s", task,
                qPrintable(captured(log, QStringLiteral("(run \\d+ finished: [^\\n]*)"))));
        }
        QCOMPARE(
            m_slurm->jobStates(array), (QStringList { "COMPLETED", "COMPLETED", "COMPLETED" }));
        QVERIFY2(m_slurm->jobStates(merge) == QStringList { "COMPLETED" },
            qPrintable(
                readAll(QDir(folder).filePath(QStringLiteral("logs/merge_%1.log").arg(merge)))));
        verifyMergedEqualsSingle(folder);

        // The merged run evaluates like any run.
        const CliTest::Result evaluated = CliTest::run({ "evaluate", "1", "--db",
            QDir(folder).filePath(QStringLiteral("merged.sqlite")), "--horizons", "5" });
        QVERIFY2(evaluated.exitCode == 0, qPrintable(evaluated.err));
        QVERIFY(evaluated.out.contains(QLatin1String("RankIC")));
    }

    void cancelledTaskIsResubmittedAndTheMergeIsStillExact()
    {
        // Every trading day, batches of one: each task scores for several seconds.
        QElapsedTimer clock;
        clock.start();
        QString array;
        QString merge;
        const QString folder = submit(
            QStringLiteral("daily"), runOptions("2018-01-04", "2018-03-05", {}, "1"), array, merge);
        QVERIFY(!array.isEmpty() && !merge.isEmpty());
        const QString shard = QDir(folder).filePath(QStringLiteral("shard_1.sqlite"));
        const bool scoring = OneNodeSlurm::waitFor(
            [&] {
                if (!QFile::exists(shard))
                    return false;
                const std::optional<StoredRun> run = onlyRun(shard);
                return run && run->run.scored >= 5;
            },
            JobTimeoutMs);
        QVERIFY2(scoring, qPrintable(m_slurm->logs()));
        QCOMPARE(
            m_slurm->run(QStringLiteral("scancel"), { array + QStringLiteral("_1") }).exitCode, 0);
        QVERIFY(m_slurm->waitUntilDone({ array }, JobTimeoutMs));
        const QStringList states = m_slurm->jobStates(array);
        QCOMPARE(states.count(QStringLiteral("CANCELLED")), 1);
        QCOMPARE(states.count(QStringLiteral("COMPLETED")), 2);
        // Cancelled mid-run: the shard's run stopped cleanly (SIGTERM), part scored.
        const std::optional<StoredRun> stopped = onlyRun(shard);
        QVERIFY(stopped);
        QCOMPARE(stopped->run.status, RunStatus::Cancelled);
        QVERIFY2(stopped->run.scored < stopped->run.planned - stopped->run.skipped,
            qPrintable(QStringLiteral("%1 of %2 scored")
                           .arg(stopped->run.scored)
                           .arg(stopped->run.planned)));
        // The merge did not run: it waits for a dependency that can no longer be met (the
        // scheduler names it DependencyNeverSatisfied on its next pass).
        const QStringList mergeStates = m_slurm->jobStates(merge);
        QVERIFY2(mergeStates.size() == 1
                && mergeStates.first().startsWith(QLatin1String("PENDING:Dependency")),
            qPrintable(mergeStates.join(QLatin1Char(' '))));
        QCOMPARE(m_slurm->run(QStringLiteral("scancel"), { merge }).exitCode, 0);

        // Resubmit the task, and the merge after it.
        const QString script = QDir(folder).filePath(QStringLiteral("score.sbatch"));
        const OneNodeSlurm::Result again
            = m_slurm->run(QStringLiteral("sbatch"), { "--parsable", "--array=1", script });
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        const QString task = again.out.trimmed().section(QLatin1Char(';'), 0, 0);
        const OneNodeSlurm::Result merging = m_slurm->run(QStringLiteral("sbatch"),
            { "--parsable", "--dependency=afterok:" + task,
                QDir(folder).filePath(QStringLiteral("merge.sbatch")) });
        QVERIFY2(merging.exitCode == 0, qPrintable(merging.err));
        const QString merge2 = merging.out.trimmed().section(QLatin1Char(';'), 0, 0);
        QVERIFY(m_slurm->waitUntilDone({ task, merge2 }, JobTimeoutMs));
        qInfo("3 tasks x 14 dates x 22 tickers with one cancelled and resubmitted, submitted to "
              "merged: %.1f s",
            clock.elapsed() / 1000.0);
        QCOMPARE(m_slurm->jobStates(task), QStringList { "COMPLETED" });
        QCOMPARE(m_slurm->jobStates(merge2), QStringList { "COMPLETED" });
        // The resubmitted task continued its run; it did not start over.
        const QString log
            = readAll(QDir(folder).filePath(QStringLiteral("logs/score_%1_1.log").arg(task)));
        QVERIFY2(log.contains(QStringLiteral("shard 1/3: resuming run 1 in %1").arg(shard)),
            qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("%1 already scored").arg(stopped->run.scored)),
            qPrintable(log));
        verifyMergedEqualsSingle(folder);
    }
};

QTEST_GUILESS_MAIN(TestSlurmCluster)
#include "test_slurm_cluster.moc"
