// RunRepository: runs, batches committed atomically, resume keys, listing, rename, delete,
// compare, memory-sample thinning — on a real migrated database.

#include "data/database_error.h"
#include "data/price_store.h"
#include "market_test_database.h"
#include "run/run_repository.h"
#include "stepping_clock.h"

#include <QSqlQuery>
#include <QtTest>

namespace {

QDateTime day(int dayOfMonth)
{
    return QDateTime(QDate(2019, 6, dayOfMonth), QTime(0, 0), Qt::UTC);
}

ScoreRow row(int dayOfMonth, const QString &ticker, int horizon, double score)
{
    ScoreRow r;
    r.date = day(dayOfMonth);
    r.ticker = ticker;
    r.horizon = horizon;
    r.lastClose = 100;
    r.predictedClose = 100 * (1 + score);
    r.score = score;
    return r;
}

RunSpec spec()
{
    RunSpec s;
    s.universe = QStringLiteral("U");
    s.dates = DateSelection::single(QDate(2019, 6, 3));
    s.model.randomShape = QStringLiteral("mini");
    return s;
}

} // namespace

class TestRunRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createStoresSpecAndSkipped()
    {
        MarketTestDatabase market;
        QVERIFY(market.isOpen());
        RunRepository runs(market.database());
        RunSpec named = spec();
        named.horizons = { 5, 7 };
        const qint64 id = runs.create(
            named, 3, { { day(3), QStringLiteral("SNI"), QStringLiteral("no bar") } });
        QVERIFY(id > 0);
        const RunRecord record = *runs.find(id);
        QCOMPARE(record.name, QStringLiteral("Run %1").arg(id));
        QCOMPARE(record.status, RunStatus::Running);
        QCOMPARE(record.spec.horizons, (QList<int> { 5, 7 }));
        QCOMPARE(record.spec.model.randomShape, QStringLiteral("mini"));
        QCOMPARE(record.planned, 3);
        QCOMPARE(record.skipped, 1);
        QCOMPARE(runs.skipped(id).first().reason, QStringLiteral("no bar"));
    }

    void batchesAreCommittedWithTheirTelemetry()
    {
        MarketTestDatabase market;
        RunRepository runs(market.database());
        const qint64 id = runs.create(spec(), 2, {});
        runs.commitBatch(id, { 0, 2, 1.5, 1000 },
            { row(3, "A", 5, 0.1), row(3, "A", 20, 0.2), row(3, "B", 5, -0.1),
                row(3, "B", 20, 0.0) },
            { { QDateTime::currentDateTimeUtc(), 10, 0, 0 } });
        QCOMPARE(runs.scores(id).size(), 4);
        QCOMPARE(runs.finishedSeries(id),
            (QSet<QString> {
                RunRepository::seriesKey(day(3), "A"), RunRepository::seriesKey(day(3), "B") }));
        QCOMPARE(runs.nextBatchIndex(id), 1);
        QCOMPARE(runs.batches(id).first().peakBytes, qint64(1000));
        QCOMPARE(runs.memorySampleCount(id), 1);
        QCOMPARE(runs.find(id)->scored, 2);
    }

    void aFailedBatchLeavesNothingBehind()
    {
        MarketTestDatabase market;
        RunRepository runs(market.database());
        const qint64 id = runs.create(spec(), 2, {});
        // The same telemetry index twice in one run is fine (replaced), but a score for a run
        // that does not exist breaks the foreign key: the whole batch is rolled back.
        QVERIFY_THROWS_EXCEPTION(
            DatabaseError, runs.commitBatch(id + 100, { 0, 1, 1, 1 }, { row(3, "A", 5, 0.1) }, {}));
        QCOMPARE(runs.scores(id + 100).size(), 0);
        QCOMPARE(runs.batches(id + 100).size(), 0);
    }

    void statusRenameDelete()
    {
        MarketTestDatabase market;
        RunRepository runs(market.database());
        const qint64 id = runs.create(spec(), 1, {});
        runs.commitBatch(id, { 0, 1, 1, 1 }, { row(3, "A", 5, 0.1) }, {});
        runs.addWarning(id, QStringLiteral("backed off"));
        runs.setStatus(id, RunStatus::Failed, QStringLiteral("boom"));
        QCOMPARE(runs.find(id)->error, QStringLiteral("boom"));
        runs.rename(id, QStringLiteral("  June  "));
        QCOMPARE(runs.list().first().name, QStringLiteral("June"));
        QVERIFY_THROWS_EXCEPTION(DatabaseError, runs.rename(id, QStringLiteral(" ")));
        QCOMPARE(runs.warnings(id), QStringList { QStringLiteral("backed off") });
        runs.remove(id);
        QVERIFY(!runs.find(id));
        QVERIFY_THROWS_EXCEPTION(DatabaseError, runs.remove(id));
        QSqlQuery left(market.database());
        QVERIFY(
            left.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM run_scores) + (SELECT COUNT(*)"
                                     " FROM run_warnings) + (SELECT COUNT(*) FROM run_batches)")));
        QVERIFY(left.next());
        QCOMPARE(left.value(0).toInt(), 0);
    }

    // Exports, notes and scripts name runs by id: the newest run's id, once deleted, is not
    // given to the next run (SQLite alone would give it again).
    void aDeletedRunsIdIsNeverGivenAgain()
    {
        MarketTestDatabase market;
        RunRepository runs(market.database());
        const qint64 first = runs.create(spec(), 1, {});
        const qint64 second = runs.create(spec(), 1, {});
        QCOMPARE(second, first + 1);
        runs.remove(second);
        const qint64 third = runs.create(spec(), 1, {});
        QCOMPARE(third, second + 1);
        QCOMPARE(runs.find(third)->name, QStringLiteral("Run %1").arg(third));
        runs.remove(third);
        runs.remove(first);
        QCOMPARE(runs.create(spec(), 1, {}), third + 1);
    }

    void compareMatchesRows()
    {
        MarketTestDatabase market;
        RunRepository runs(market.database());
        const qint64 a = runs.create(spec(), 2, {});
        const qint64 b = runs.create(spec(), 2, {});
        runs.commitBatch(a, { 0, 2, 1, 1 }, { row(3, "A", 5, 0.1), row(3, "B", 5, 0.2) }, {});
        runs.commitBatch(b, { 0, 2, 1, 1 }, { row(3, "A", 5, 0.15), row(4, "C", 5, 0.2) }, {});
        const RunComparison comparison = runs.compare(a, b);
        QCOMPARE(comparison.commonRows, 1);
        QCOMPARE(comparison.onlyInFirst, 1);
        QCOMPARE(comparison.onlyInSecond, 1);
        QVERIFY(qAbs(comparison.maxAbsScoreDifference - 0.05) < 1e-12);
    }

    // An SQL error is a DatabaseError, never read as "no rows": a run whose tables are gone is
    // not a run without scores.
    void aFailedReadIsAnErrorNotAnEmptyResult()
    {
        MarketTestDatabase market;
        RunRepository runs(market.database());
        const qint64 id = runs.create(spec(), 1, {});
        runs.commitBatch(id, { 0, 1, 1, 1 }, { row(3, "A", 5, 0.1) }, {});
        QSqlQuery drop(market.database());
        QVERIFY(drop.exec(QStringLiteral("DROP TABLE run_scores")));
        QVERIFY_THROWS_EXCEPTION(DatabaseError, runs.scores(id));
        QVERIFY_THROWS_EXCEPTION(DatabaseError, runs.finishedSeries(id));
        QVERIFY_THROWS_EXCEPTION(DatabaseError, runs.list());
        QVERIFY_THROWS_EXCEPTION(DatabaseError, runs.find(id));
    }

    // A stored spec this version cannot read was listed as a default spec, silently.
    void aRunWhoseSpecCannotBeReadSaysSo()
    {
        MarketTestDatabase market;
        RunRepository runs(market.database());
        const qint64 id = runs.create(spec(), 1, {});
        QSqlQuery damage(market.database());
        QVERIFY(damage.exec(QStringLiteral("UPDATE runs SET spec = '{\"universe\": \"x\"}'")));
        const RunRecord record = *runs.find(id);
        QVERIFY2(record.error.startsWith(QStringLiteral("its stored spec cannot be read (")),
            qPrintable(record.error));
    }

    void recordsAreStampedByTheClockGiven()
    {
        MarketTestDatabase market;
        const QDateTime start(QDate(2001, 2, 3), QTime(4, 5, 6), Qt::UTC);
        const SteppingClock clock(start, 60 * 1000);
        RunRepository runs(market.database(), clock);
        const qint64 id = runs.create(spec(), 1, {});
        QCOMPARE(runs.find(id)->created, start);
        QCOMPARE(runs.find(id)->updated, start);
        runs.commitBatch(id, { 0, 1, 1, 1 }, { row(3, "A", 5, 0.1) }, {});
        runs.setStatus(id, RunStatus::Finished);
        QCOMPARE(runs.find(id)->created, start);
        QCOMPARE(runs.find(id)->updated, start.addSecs(2 * 60));
    }

    // The predicted paths of a batch: stored as little-endian float32 with the batch, read back
    // one series at a time, the sample paths only when asked for, deleted with the run.
    void pathsAreStoredWithTheirBatch()
    {
        MarketTestDatabase market;
        QVERIFY(market.isOpen());
        RunRepository runs(market.database());
        const qint64 id = runs.create(spec(), 2, {});
        SeriesPaths sampled { day(3), QStringLiteral("B"), 100.0, 3, { 101.5f, 102.25f, 99.0f }, 2,
            { 101.0f, 103.0f, 98.0f, 102.0f, 101.5f, 100.0f } };
        SeriesPaths greedy { day(3), QStringLiteral("A"), 50.0, 3, { 51.0f, 52.0f, 53.0f }, 0, {} };
        runs.commitBatch(id, { 0, 2, 1, 1 }, { row(3, "A", 3, 0.06), row(3, "B", 3, -0.01) }, {},
            { sampled, greedy });

        QSqlQuery blob(market.database());
        QVERIFY(
            blob.exec(QStringLiteral("SELECT closes FROM run_forecast_paths WHERE ticker = 'A'")));
        QVERIFY(blob.next());
        // 51.0f = 0x424C0000, little-endian.
        QCOMPARE(blob.value(0).toByteArray().left(4), QByteArray::fromHex("00004c42"));

        QList<SeriesPaths> read;
        runs.forEachSeriesPaths(id, true, [&](const SeriesPaths &paths) { read << paths; });
        QCOMPARE(read.size(), 2);
        QCOMPARE(read[0].ticker, QStringLiteral("A")); // by date, then ticker
        QCOMPARE(read[0].mean, greedy.mean);
        QCOMPARE(read[0].sampleCount, 0);
        QCOMPARE(read[1].lastClose, 100.0);
        QCOMPARE(read[1].steps, 3);
        QCOMPARE(read[1].sampleCount, 2);
        QCOMPARE(read[1].samples, sampled.samples);
        QCOMPARE(read[1].date, day(3));

        read.clear();
        runs.forEachSeriesPaths(id, false, [&](const SeriesPaths &paths) { read << paths; });
        QCOMPARE(read[1].sampleCount, 0);
        QVERIFY(read[1].samples.empty());
        QCOMPARE(read[1].mean, sampled.mean);

        runs.remove(id);
        QSqlQuery left(market.database());
        QVERIFY(left.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM run_forecast_paths)"
                                         " + (SELECT COUNT(*) FROM run_sample_paths)")));
        QVERIFY(left.next());
        QCOMPARE(left.value(0).toInt(), 0);
    }

    void thinningHalvesTheSamples()
    {
        MarketTestDatabase market;
        RunRepository runs(market.database());
        const qint64 id = runs.create(spec(), 1, {});
        QList<MemorySample> samples;
        const QDateTime start = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < 101; ++i)
            samples.append({ start.addMSecs(100 * i), i, 0, 0 });
        runs.addMemorySamples(id, samples);
        runs.thinMemorySamples(id);
        const QList<MemorySample> kept = runs.memorySamples(id);
        QCOMPARE(kept.size(), 51);
        QCOMPARE(kept.first().processBytes, qint64(0));
        QCOMPARE(kept.at(1).processBytes, qint64(2));
        QCOMPARE(kept.last().processBytes, qint64(100));
    }
};

QTEST_GUILESS_MAIN(TestRunRepository)
#include "test_run_repository.moc"
