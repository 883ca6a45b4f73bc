// RunMerger: shards of the fixture run, each scored into its own database, merged into one run
// equal to the single-machine run; the refusals (other runs, missing dates with their list,
// duplicates), --partial, idempotence, atomicity, and tables a later schema adds.

#include "run/run_merger.h"
#include "run/shard_runs.h"
#include "scoring_run_fixture.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QtTest>

namespace {

constexpr int Shards = 3;

// Every row of every table, as text, sorted: equal dumps, equal databases.
QStringList dump(QSqlDatabase database)
{
    QStringList rows;
    for (const QString &table : database.tables()) {
        QSqlQuery query(database);
        query.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(table));
        while (query.next()) {
            QStringList values { table };
            for (int i = 0; i < query.record().count(); ++i)
                values << query.value(i).toString();
            rows << values.join(QLatin1Char('|'));
        }
    }
    rows.sort();
    return rows;
}

bool exec(QSqlDatabase database, const QString &sql)
{
    QSqlQuery query(database);
    if (query.exec(sql))
        return true;
    qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    return false;
}

} // namespace

class TestRunMerger : public QObject
{
    Q_OBJECT

private:
    // A new database holding the fixture's market data (a consistent copy, runs included).
    QString copyOfData(const QString &name)
    {
        const QString path = m_folder.filePath(name);
        QSqlQuery query(m_fixture->database());
        query.prepare(QStringLiteral("VACUUM INTO ?"));
        query.addBindValue(path);
        if (!query.exec())
            qWarning("VACUUM INTO: %s", qPrintable(query.lastError().text()));
        return path;
    }

    // A copy of a closed shard database, to change without touching the original.
    QString copyOf(const QString &source, const QString &name)
    {
        const QString path = m_folder.filePath(name);
        QFile::remove(path);
        QFile::copy(source, path);
        return path;
    }

    // Scores shard `index` of `spec` into its own copy of the data.
    QString scoreShard(const RunSpec &spec, int index, int count, const QString &name)
    {
        const QString path = copyOfData(name);
        RunSpec shard = spec;
        shard.shard = RunShard { index, count };
        const WorkerOutcome outcome = runNew(path, shard);
        if (!outcome.finished)
            qWarning("shard %d/%d: %s", index, count, qPrintable(outcome.failure));
        return path;
    }

    // What a merge did, or (`error`, `missingDates`) why it refused.
    struct Merged : MergeOutcome
    {
        QString error;
        bool ok() const { return error.isEmpty(); }
    };
    Merged merge(MarketDatabase &target, const QStringList &sources, bool partial = false)
    {
        Merged merged;
        try {
            static_cast<MergeOutcome &>(merged)
                = RunMerger(target.database()).merge(sources, partial);
        } catch (const MergeError &refusal) {
            merged.error = QString::fromUtf8(refusal.what());
            merged.missingDates = refusal.missingDates();
        } catch (const std::exception &failure) {
            merged.error = QString::fromUtf8(failure.what());
        }
        return merged;
    }

    // A fresh target: the market data without the fixture's runs.
    std::unique_ptr<MarketDatabase> newTarget(const QString &name)
    {
        auto target = std::make_unique<MarketDatabase>();
        target->open(copyOfData(name));
        if (!exec(target->database(), "DELETE FROM runs"))
            qWarning("cannot open the target %s", qPrintable(name));
        return target;
    }

    std::unique_ptr<ScoringRunFixture> m_fixture;
    QTemporaryDir m_folder;
    QStringList m_shards; // shard_0, shard_1, shard_2 of ScoringRunFixture::spec(4)
    QList<ScoreRow> m_single; // the same run on one machine
    QList<SkippedSeries> m_singleSkipped;
    int m_singlePlanned = 0;

private Q_SLOTS:
    void initTestCase()
    {
        m_fixture = std::make_unique<ScoringRunFixture>();
        QVERIFY(m_fixture->isOpen());
        const RunSpec spec = ScoringRunFixture::spec(4);
        for (int index = 0; index < Shards; ++index)
            m_shards << scoreShard(
                spec, index, Shards, QStringLiteral("shard_%1.sqlite").arg(index));
        const WorkerOutcome single = runNew(m_fixture->databasePath(), spec);
        QVERIFY2(single.finished, qPrintable(single.failure));
        const RunRepository runs(m_fixture->database());
        m_single = runs.scores(single.finished->runId);
        m_singleSkipped = runs.skipped(single.finished->runId);
        m_singlePlanned = single.finished->planned;
        QCOMPARE(m_single.size(), 60 * 2);
    }

    void eachShardScoresItsDatesOnly()
    {
        QStringList dates;
        for (int index = 0; index < Shards; ++index) {
            MarketDatabase shard;
            shard.open(m_shards.at(index));
            const RunRecord run = RunRepository(shard.database()).list().first();
            QVERIFY(run.spec.shard && *run.spec.shard == (RunShard { index, Shards }));
            QCOMPARE(run.status, RunStatus::Finished);
            QCOMPARE(run.planned, 22);
            QStringList own;
            for (const ScoreRow &row : RunRepository(shard.database()).scores(run.id))
                own << row.date.date().toString(Qt::ISODate);
            own.removeDuplicates();
            QCOMPARE(own.size(), 1);
            dates += own;
        }
        QCOMPARE(dates, (QStringList { "2018-01-04", "2018-02-01", "2018-03-01" }));
    }

    void mergedRunEqualsTheSingleMachineRun()
    {
        const auto target = newTarget(QStringLiteral("equal.sqlite"));
        const Merged outcome = merge(*target, m_shards);
        QVERIFY2(outcome.ok(), qPrintable(outcome.error));
        QCOMPARE(outcome.change, MergeOutcome::Change::Created);
        QCOMPARE(outcome.missingDates, QStringList());
        QCOMPARE(outcome.shards, Shards);

        const RunRepository runs(target->database());
        const RunRecord run = *runs.find(outcome.runId);
        QCOMPARE(run.status, RunStatus::Finished);
        QCOMPARE(run.planned, m_singlePlanned);
        QCOMPARE(run.scored + run.skipped, run.planned);
        QVERIFY(!run.spec.shard); // the whole run
        QCOMPARE(run.spec.resultDifference(ScoringRunFixture::spec(4)), QString());
        QVERIFY(run.spec.model.contentHash.startsWith(QLatin1String("sha256:")));
        QCOMPARE(scoreDifference(runs.scores(run.id), m_single), QString());
        QCOMPARE(runs.skipped(run.id).size(), m_singleSkipped.size());

        // Batches numbered through the shards, each tagged with its shard; so are the samples.
        QList<int> indexes;
        for (const BatchTelemetry &batch : runs.batches(run.id))
            indexes << batch.index;
        QCOMPARE(indexes, (QList<int> { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 }));
        QSqlQuery query(target->database());
        QVERIFY(
            query.exec(QStringLiteral("SELECT shard, COUNT(*), MIN(batch_index) FROM run_batches"
                                      " WHERE run_id = %1 GROUP BY shard ORDER BY shard")
                           .arg(run.id)));
        for (int shard = 0; shard < Shards; ++shard) {
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toInt(), shard);
            QCOMPARE(query.value(1).toInt(), 5);
            QCOMPARE(query.value(2).toInt(), 5 * shard);
        }
        QVERIFY(query.exec(
            QStringLiteral("SELECT COUNT(DISTINCT shard) FROM run_memory_samples WHERE run_id = %1")
                .arg(run.id)));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), Shards);
        QVERIFY(
            query.exec(QStringLiteral("SELECT shard, source_path, scored, skipped FROM run_shards"
                                      " WHERE run_id = %1 ORDER BY shard")
                           .arg(run.id)));
        for (int shard = 0; shard < Shards; ++shard) {
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toInt(), shard);
            QCOMPARE(query.value(1).toString(), m_shards.at(shard));
            QCOMPARE(query.value(2).toInt(), 20);
            QCOMPARE(query.value(3).toInt(), 2);
        }
    }

    void mergingTheSameShardsAgainChangesNothing()
    {
        const auto target = newTarget(QStringLiteral("twice.sqlite"));
        const Merged first = merge(*target, m_shards);
        QVERIFY2(first.ok(), qPrintable(first.error));
        const QStringList before = dump(target->database());
        // In another order, too: the shards are what counts, not how they are listed.
        const Merged second = merge(*target, { m_shards.at(2), m_shards.at(0), m_shards.at(1) });
        QVERIFY2(second.ok(), qPrintable(second.error));
        QCOMPARE(second.change, MergeOutcome::Change::Unchanged);
        QCOMPARE(second.runId, first.runId);
        QCOMPARE(dump(target->database()), before);
        QCOMPARE(RunRepository(target->database()).list().size(), 1);
    }

    // A merged run deleted from the target leaves its id behind: merging the shards again gives
    // the new merged run the next id, not the deleted one's.
    void aMergedRunTakesAnIdNeverGivenBefore()
    {
        const auto target = newTarget(QStringLiteral("ids.sqlite"));
        const Merged first = merge(*target, m_shards);
        QVERIFY2(first.ok(), qPrintable(first.error));
        RunRepository(target->database()).remove(first.runId);
        const Merged second = merge(*target, m_shards);
        QVERIFY2(second.ok(), qPrintable(second.error));
        QCOMPARE(second.runId, first.runId + 1);
    }

    void missingDatesAreListedAndRefused()
    {
        const auto target = newTarget(QStringLiteral("missing.sqlite"));
        const QStringList before = dump(target->database());
        // Shard 1 not given; shard 2 with two of its series unscored (as if killed).
        const QString unfinished = copyOf(m_shards.at(2), QStringLiteral("unfinished.sqlite"));
        {
            MarketDatabase shard;
            shard.open(unfinished);
            QVERIFY(exec(shard.database(),
                "DELETE FROM run_scores WHERE ticker IN (SELECT DISTINCT ticker FROM run_scores"
                " ORDER BY ticker LIMIT 2)"));
        }
        const Merged outcome = merge(*target, { m_shards.at(0), unfinished });
        QCOMPARE(outcome.error,
            QStringLiteral("2 of the run's 3 dates are not completely scored: finish their shards "
                           "(a task started again resumes its run) or merge what there is with "
                           "--partial"));
        QCOMPARE(outcome.missingDates,
            (QStringList { "2018-02-01 (shard 1/3 not given)",
                "2018-03-01 (shard 2/3: 2 of 20 series not scored)" }));
        QCOMPARE(dump(target->database()), before);
    }

    void partialMergeIsCompletedLaterUnderTheSameId()
    {
        const auto target = newTarget(QStringLiteral("partial.sqlite"));
        const Merged partial = merge(*target, { m_shards.at(0), m_shards.at(2) }, true);
        QVERIFY2(partial.ok(), qPrintable(partial.error));
        QCOMPARE(partial.missingDates, QStringList { "2018-02-01 (shard 1/3 not given)" });
        const RunRepository runs(target->database());
        RunRecord run = *runs.find(partial.runId);
        QCOMPARE(run.status, RunStatus::Cancelled);
        QCOMPARE(run.planned, m_singlePlanned);
        QCOMPARE(run.scored, 40);
        QCOMPARE(runs.scores(run.id).size(), 80);

        const Merged complete = merge(*target, m_shards);
        QVERIFY2(complete.ok(), qPrintable(complete.error));
        QCOMPARE(complete.change, MergeOutcome::Change::Updated);
        QCOMPARE(complete.runId, partial.runId);
        run = *runs.find(complete.runId);
        QCOMPARE(run.status, RunStatus::Finished);
        QCOMPARE(scoreDifference(runs.scores(run.id), m_single), QString());
        QCOMPARE(runs.batches(run.id).size(), 15);
        QCOMPARE(runs.list().size(), 1);
    }

    // A partial merge is a cancelled run of the whole spec: resuming it scores the rest here.
    void partialMergeIsFinishedByResumingIt()
    {
        const auto target = newTarget(QStringLiteral("resumed.sqlite"));
        const Merged partial = merge(*target, { m_shards.at(1) }, true);
        QVERIFY2(partial.ok(), qPrintable(partial.error));
        QCOMPARE(partial.missingDates.size(), 2);
        const WorkerOutcome resumed = runResume(target->filePath(), partial.runId);
        QVERIFY2(resumed.finished, qPrintable(resumed.failure));
        QCOMPARE(resumed.started->alreadyScored, 20);
        QCOMPARE(resumed.finished->status, RunStatus::Finished);
        QCOMPARE(scoreDifference(RunRepository(target->database()).scores(partial.runId), m_single),
            QString());
    }

    void shardsOfAnotherRunAreRefused()
    {
        RunSpec other = ScoringRunFixture::spec(4);
        other.horizons = { 5 };
        const QString foreign = scoreShard(other, 1, Shards, QStringLiteral("foreign.sqlite"));
        const auto target = newTarget(QStringLiteral("foreign-target.sqlite"));
        const QStringList before = dump(target->database());
        Merged outcome = merge(*target, { m_shards.at(0), foreign, m_shards.at(2) });
        QCOMPARE(outcome.error,
            QStringLiteral("shard 0/3 (%1) and shard 1/3 (%2) are not shards of the same run "
                           "(horizons: 5,10 vs 5)")
                .arg(m_shards.at(0), foreign));

        const QString otherWeights = copyOf(m_shards.at(1), QStringLiteral("weights.sqlite"));
        {
            MarketDatabase shard;
            shard.open(otherWeights);
            QVERIFY(exec(shard.database(),
                "UPDATE runs SET spec = json_set(spec, '$.content_hash', 'sha256:other')"));
        }
        outcome = merge(*target, { m_shards.at(0), otherWeights, m_shards.at(2) });
        QVERIFY2(
            outcome.error.endsWith(QLatin1String(" vs sha256:other)")), qPrintable(outcome.error));
        QVERIFY(outcome.error.contains(QLatin1String("(checkpoint contents: sha256:")));

        const QString halves
            = scoreShard(ScoringRunFixture::spec(4), 1, 2, QStringLiteral("halves.sqlite"));
        outcome = merge(*target, { m_shards.at(0), halves });
        QCOMPARE(outcome.error,
            QStringLiteral("shard 0/3 (%1) and shard 1/2 (%2) split the run differently")
                .arg(m_shards.at(0), halves));
        QCOMPARE(dump(target->database()), before);
    }

    void aShardGivenTwiceIsRefused()
    {
        const auto target = newTarget(QStringLiteral("twice-given.sqlite"));
        const QString again = copyOf(m_shards.at(1), QStringLiteral("again.sqlite"));
        const Merged outcome = merge(*target, m_shards + QStringList { again });
        QCOMPARE(outcome.error,
            QStringLiteral("shard 1/3 is given twice: shard 1/3 (%1) and shard 1/3 (%2)")
                .arg(m_shards.at(1), again));
    }

    // A row two shards both hold is found while copying: the merge rolls back.
    void aRowFromTwoShardsIsRefusedAndNothingIsStored()
    {
        const QString intruder = copyOf(m_shards.at(2), QStringLiteral("intruder.sqlite"));
        {
            MarketDatabase shard;
            shard.open(intruder);
            QVERIFY(exec(shard.database(),
                "INSERT INTO run_scores (run_id, date, ticker, horizon, last_close, pred_close,"
                " score) SELECT id, 1515024000, 'A', 5, 1, 1, 0 FROM runs"));
        }
        const auto target = newTarget(QStringLiteral("duplicate.sqlite"));
        const QStringList before = dump(target->database());
        const Merged outcome = merge(*target, { m_shards.at(0), m_shards.at(1), intruder });
        QCOMPARE(outcome.error,
            QStringLiteral("(2018-01-04, A, horizon 5) is scored by shard 0/3 (%1) and by shard "
                           "2/3 (%2): a row may come from one shard only")
                .arg(m_shards.at(0), intruder));
        QCOMPARE(outcome.runId, 0);
        QCOMPARE(dump(target->database()), before);
    }

    void aFailureWhileCopyingLeavesTheTargetAsItWas()
    {
        const auto target = newTarget(QStringLiteral("atomic.sqlite"));
        // The target refuses the third shard's memory samples, after two shards were copied.
        QVERIFY(exec(target->database(),
            "CREATE TRIGGER refuse_third_shard BEFORE INSERT ON run_memory_samples"
            " WHEN NEW.shard = 2 BEGIN SELECT RAISE(ABORT, 'disk full (injected)'); END"));
        const QStringList before = dump(target->database());
        const Merged outcome = merge(*target, m_shards);
        QVERIFY2(
            outcome.error.startsWith(QStringLiteral("copying run_memory_samples of shard 2/3")),
            qPrintable(outcome.error));
        QVERIFY(outcome.error.contains(QLatin1String("disk full (injected)")));
        QCOMPARE(dump(target->database()), before);
        QVERIFY(exec(target->database(), "DROP TRIGGER refuse_third_shard"));
        const Merged retried = merge(*target, m_shards);
        QVERIFY2(retried.ok(), qPrintable(retried.error));
        QCOMPARE(retried.change, MergeOutcome::Change::Created);
    }

    // Per-run tables the merger does not know by name (a later schema's) are copied too, when
    // the target has them; a source-only table is left out.
    void tablesALaterSchemaAddsAreCopied()
    {
        QStringList sources;
        for (int index = 0; index < Shards; ++index) {
            sources << copyOf(m_shards.at(index), QStringLiteral("later_%1.sqlite").arg(index));
            MarketDatabase shard;
            shard.open(sources.last());
            QVERIFY(exec(shard.database(),
                "CREATE TABLE run_paths (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL"
                " REFERENCES runs(id) ON DELETE CASCADE, ticker TEXT, step INTEGER, close REAL)"));
            QVERIFY(exec(shard.database(),
                "INSERT INTO run_paths (run_id, ticker, step, close) SELECT run_id, ticker, 1,"
                " pred_close FROM run_scores WHERE horizon = 5"));
            QVERIFY(exec(shard.database(), "CREATE TABLE run_scratch (run_id INTEGER, x INTEGER)"));
            QVERIFY(exec(shard.database(), "INSERT INTO run_scratch SELECT id, 1 FROM runs"));
        }
        const auto target = newTarget(QStringLiteral("later.sqlite"));
        QVERIFY(exec(target->database(),
            "CREATE TABLE run_paths (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL"
            " REFERENCES runs(id) ON DELETE CASCADE, ticker TEXT, step INTEGER, close REAL)"));
        const Merged outcome = merge(*target, sources);
        QVERIFY2(outcome.ok(), qPrintable(outcome.error));
        QSqlQuery query(target->database());
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT id), MIN(run_id),"
                                          " MAX(run_id) FROM run_paths")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 60);
        QCOMPARE(query.value(1).toInt(), 60);
        QCOMPARE(query.value(2).toLongLong(), outcome.runId);
        QCOMPARE(query.value(3).toLongLong(), outcome.runId);
        QVERIFY(!target->database().tables().contains(QStringLiteral("run_scratch")));
    }

    void badSourcesAreRefused()
    {
        const auto target = newTarget(QStringLiteral("bad.sqlite"));
        const QString missing = m_folder.filePath(QStringLiteral("nowhere.sqlite"));
        QCOMPARE(
            merge(*target, { missing }).error, QStringLiteral("%1: no such file").arg(missing));
        QCOMPARE(merge(*target, { target->filePath() }).error,
            QStringLiteral("%1 is the target database; merge into another one")
                .arg(target->filePath()));
        const QString plain = m_fixture->databasePath();
        QCOMPARE(merge(*target, { plain }).error,
            QStringLiteral("%1 holds no shard run (kronos-cli score --shard I/N writes one)")
                .arg(plain));
        QCOMPARE(merge(*target, {}).error, QStringLiteral("no shard database given"));
    }

    // What a task started again finds: its own run, not another shard's or another run's.
    void aShardFindsItsOwnRun()
    {
        MarketDatabase shard;
        shard.open(m_shards.at(1));
        const RunRepository runs(shard.database());
        RunSpec spec = ScoringRunFixture::spec(4);
        spec.shard = RunShard { 1, Shards };
        const std::optional<RunRecord> own = ShardRuns::find(runs, spec);
        QVERIFY(own && *own->spec.shard == *spec.shard);
        spec.batchSize = 9; // how it runs does not matter
        QVERIFY(ShardRuns::find(runs, spec));
        spec.shard = RunShard { 0, Shards };
        QVERIFY(!ShardRuns::find(runs, spec));
        spec.shard = RunShard { 1, Shards };
        spec.lookback = 65;
        QVERIFY(!ShardRuns::find(runs, spec));
    }
};

QTEST_GUILESS_MAIN(TestRunMerger)
#include "test_run_merger.moc"
