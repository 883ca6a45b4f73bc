// The scoring worker end to end on the fixture checkpoint: batch sizes, resume, out-of-memory
// backoff (injected and budget), skipped reasons, cancel latency, pause, signal order, and the
// batch-size probe.

#include "eval/forecast_calibration.h"
#include "run/checkpoint_fingerprint.h"
#include "run/score_csv_export.h"
#include "scoring_run_fixture.h"
#include "stepping_clock.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QtTest>
#include <atomic>
#include <functional>
#include <new>
#include <stdexcept>
#include <thread>

namespace {

// Fake memory of 100 MB + 10 MB per series of the batch whose size `batchSize` holds.
MemorySampler::Probe linearMemory(
    std::shared_ptr<std::atomic<int>> batchSize, qint64 perSeriesMiB = 10)
{
    return [batchSize, perSeriesMiB] {
        kronos::MemoryReading reading;
        reading.processBytes = (100 + perSeriesMiB * qint64(batchSize->load())) * 1048576;
        return reading;
    };
}

// Pauses the run once its first batch has finished (`paused` gets the pause request); when the
// worker holds, `held` runs on its thread, then the run is resumed.
void pauseAfterTheFirstBatch(ScoringWorker &worker, RunControl &control,
    const std::function<void(int request)> &paused, const std::function<void(int request)> &held)
{
    QObject::connect(
        &worker, &ScoringWorker::batchFinished, &worker,
        [&control, paused](int index) {
            if (index == 0)
                paused(control.pause());
        },
        Qt::DirectConnection);
    QObject::connect(
        &worker, &ScoringWorker::pausedBetweenBatches, &worker,
        [&control, held](int request) {
            held(request);
            control.resume();
        },
        Qt::DirectConnection);
}

// A new run of `spec` under fake memory of 100 MB + `perSeriesMiB` per series of the batch going.
WorkerOutcome runUnderLinearMemory(
    const QString &databasePath, const RunSpec &spec, qint64 perSeriesMiB = 10)
{
    auto batchSize = std::make_shared<std::atomic<int>>(0);
    return runNew(databasePath, spec, [=](ScoringWorker &worker, RunControl &) {
        QObject::connect(
            &worker, &ScoringWorker::batchStarted, &worker,
            [batchSize](int, int, int size) { *batchSize = size; }, Qt::DirectConnection);
        worker.setMemoryProbe(linearMemory(batchSize, perSeriesMiB));
    });
}

} // namespace

class TestScoringWorker : public QObject
{
    Q_OBJECT

private:
    QList<ScoreRow> storedScores(qint64 runId) const
    {
        return RunRepository(m_fixture->database()).scores(runId);
    }

    std::unique_ptr<ScoringRunFixture> m_fixture;
    QList<ScoreRow> m_reference; // batch 20, undisturbed
    qint64 m_referenceRun = 0;

private Q_SLOTS:
    void initTestCase()
    {
        m_fixture = std::make_unique<ScoringRunFixture>();
        QVERIFY(m_fixture->isOpen());
        const WorkerOutcome outcome
            = runNew(m_fixture->databasePath(), ScoringRunFixture::spec(20));
        QVERIFY2(outcome.finished, qPrintable(outcome.failure));
        m_referenceRun = outcome.finished->runId;
        m_reference = storedScores(m_referenceRun);
        QCOMPARE(m_reference.size(), 60 * 2);
    }

    void plannedIsScoredPlusSkipped()
    {
        const RunRecord record = *RunRepository(m_fixture->database()).find(m_referenceRun);
        QCOMPARE(record.status, RunStatus::Finished);
        QCOMPARE(record.planned, 22 * 3);
        QCOMPARE(record.scored, 60);
        QCOMPARE(record.skipped, 6);
        QCOMPARE(record.scored + record.skipped, record.planned);
    }

    // Every scored series keeps its predicted close path up to the longest horizon, so shorter
    // horizons can be evaluated later: its close at step h is the score's predicted close.
    void everySeriesKeepsItsPredictedPath()
    {
        const QMap<QString, ScoreRow> scores = keyed(m_reference);
        int paths = 0;
        RunRepository(m_fixture->database())
            .forEachSeriesPaths(m_referenceRun, true, [&](const SeriesPaths &path) {
                ++paths;
                QCOMPARE(path.steps, 10);
                QCOMPARE(path.sampleCount, 0); // greedy
                for (int horizon : { 5, 10 }) {
                    const ScoreRow score
                        = scores.value(QStringLiteral("%1 %2 %3")
                                           .arg(path.date.date().toString(Qt::ISODate), path.ticker)
                                           .arg(horizon));
                    QCOMPARE(path.lastClose, score.lastClose);
                    QCOMPARE(path.mean[size_t(horizon - 1)], float(score.predictedClose));
                }
            });
        QCOMPARE(paths, 60);
    }

    void shortHistoriesAreSkippedWithTheirReason_data()
    {
        QTest::addColumn<QString>("ticker");
        QTest::addColumn<QDate>("date");
        QTest::addColumn<QString>("reason");
        QTest::newRow("CSRA, first bar")
            << "CSRA" << QDate(2018, 1, 4) << "only 1 bars up to 2018-01-04; the lookback needs 64";
        QTest::newRow("CSRA, between bars")
            << "CSRA" << QDate(2018, 2, 1) << "no bar on 2018-02-01";
        QTest::newRow("SNI, first bar")
            << "SNI" << QDate(2018, 1, 4) << "only 1 bars up to 2018-01-04; the lookback needs 64";
        QTest::newRow("SNI, between bars") << "SNI" << QDate(2018, 3, 1) << "no bar on 2018-03-01";
    }
    void shortHistoriesAreSkippedWithTheirReason()
    {
        QFETCH(QString, ticker);
        QFETCH(QDate, date);
        QFETCH(QString, reason);
        QStringList found;
        for (const SkippedSeries &item :
            RunRepository(m_fixture->database()).skipped(m_referenceRun))
            if (item.ticker == ticker && item.date.date() == date)
                found << item.reason;
        QCOMPARE(found, QStringList { reason });
    }

    void batchSizesGiveIdenticalGreedyScores_data()
    {
        QTest::addColumn<int>("batchSize");
        QTest::addColumn<int>("batches");
        QTest::newRow("1") << 1 << 60;
        QTest::newRow("7") << 7 << 9;
        QTest::newRow("20") << 20 << 3;
    }
    void batchSizesGiveIdenticalGreedyScores()
    {
        QFETCH(int, batchSize);
        QFETCH(int, batches);
        const WorkerOutcome outcome
            = runNew(m_fixture->databasePath(), ScoringRunFixture::spec(batchSize));
        QVERIFY2(outcome.finished, qPrintable(outcome.failure));
        QCOMPARE(outcome.finished->batches, batches);
        QCOMPARE(scoreDifference(outcome.rows, m_reference), QString());
        QCOMPARE(scoreDifference(storedScores(outcome.finished->runId), m_reference), QString());
    }

    void sampledRunsStoreQuantilesIndependentOfTheBatch()
    {
        RunSpec spec = ScoringRunFixture::spec(7);
        spec.sampling = { 1.0, 0, 0.9, 4, 7 };
        const WorkerOutcome seven = runNew(m_fixture->databasePath(), spec);
        spec.batchSize = 20;
        const WorkerOutcome twenty = runNew(m_fixture->databasePath(), spec);
        QVERIFY2(seven.finished && twenty.finished, qPrintable(seven.failure + twenty.failure));
        const QList<ScoreRow> rows = storedScores(seven.finished->runId);
        QCOMPARE(rows.size(), 120);
        for (const ScoreRow &row : rows) {
            QVERIFY(row.p10 && row.p50 && row.p90);
            QVERIFY(*row.p10 <= *row.p50 && *row.p50 <= *row.p90);
        }
        // Each series is seeded on its own: the batch it lands in does not change its samples.
        QCOMPARE(scoreDifference(storedScores(twenty.finished->runId), rows), QString());
        // The sample paths are stored: their 10th percentile at step h is the score's p10.
        const QMap<QString, ScoreRow> keyedRows = keyed(rows);
        int sampledPaths = 0;
        RunRepository(m_fixture->database())
            .forEachSeriesPaths(seven.finished->runId, true, [&](const SeriesPaths &path) {
                ++sampledPaths;
                QCOMPARE(path.sampleCount, 4);
                std::vector<double> atFive;
                for (int sample = 0; sample < 4; ++sample)
                    atFive.push_back(path.samples[size_t(sample * path.steps + 4)]);
                const ScoreRow score = keyedRows.value(QStringLiteral("%1 %2 5").arg(
                    path.date.date().toString(Qt::ISODate), path.ticker));
                QVERIFY(std::abs(Eval::percentile(atFive, 0.1) - *score.p10) <= 1e-6 * *score.p10);
            });
        QCOMPARE(sampledPaths, 60);
        const QTemporaryDir folder;
        const QString csv = folder.filePath(QStringLiteral("scores.csv"));
        ScoreCsvExport::write(
            csv, { seven.finished->runId, QStringLiteral("Seven"), spec.model }, rows);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readLine().trimmed(),
            QByteArray("run,date,ticker,horizon,last_close,pred_close,score,p10,p50,p90,run_name,"
                       "checkpoint,random_weights"));
    }

    void signalsArriveInOrderWithConsistentCounts()
    {
        const WorkerOutcome outcome = runNew(m_fixture->databasePath(), ScoringRunFixture::spec(7));
        QVERIFY2(outcome.finished, qPrintable(outcome.failure));
        QStringList expected { QStringLiteral("runStarted"), QStringLiteral("skipped") };
        for (int i = 0; i < 9; ++i)
            expected << QStringLiteral("batchStarted") << QStringLiteral("scoresReady")
                     << QStringLiteral("batchFinished");
        expected << QStringLiteral("runFinished");
        QCOMPARE(outcome.events, expected);
        QCOMPARE(outcome.started->planned, 66);
        QCOMPARE(outcome.started->toScore, 60);
        QCOMPARE(outcome.started->skipped, 6);
        QVERIFY(!outcome.started->continuesStoredRun);
        QCOMPARE(outcome.rows.size(), 120);
        QCOMPARE(outcome.finished->scoredNow, 60);
        const QList<SkippedSeries> stored
            = RunRepository(m_fixture->database()).skipped(outcome.finished->runId);
        QCOMPARE(outcome.skipped.size(), 6);
        QCOMPARE(outcome.skipped.size(), stored.size());
        for (qsizetype i = 0; i < stored.size(); ++i) {
            QCOMPARE(outcome.skipped[i].ticker, stored[i].ticker);
            QCOMPARE(outcome.skipped[i].date, stored[i].date);
            QCOMPARE(outcome.skipped[i].reason, stored[i].reason);
        }
        QCOMPARE(outcome.finished->scored + outcome.finished->skipped, outcome.finished->planned);
        RunRepository repository(m_fixture->database());
        const QList<BatchTelemetry> batches = repository.batches(outcome.finished->runId);
        QCOMPARE(batches.size(), 9);
        for (const BatchTelemetry &batch : batches)
            QVERIFY(batch.peakBytes > 0 && batch.seconds > 0);
        // The sampler's first reading comes as the session starts, so even a short run has one.
        QVERIFY(outcome.memorySamples > 0);
        QVERIFY(repository.memorySampleCount(outcome.finished->runId) > 0);
    }

    void resumeAfterForcedStopEqualsUninterruptedRun()
    {
        const WorkerOutcome stopped = runNew(m_fixture->databasePath(), ScoringRunFixture::spec(7),
            [](ScoringWorker &worker, RunControl &control) {
                QObject::connect(
                    &worker, &ScoringWorker::batchFinished, &worker,
                    [&control](int index) {
                        if (index == 2)
                            control.cancel();
                    },
                    Qt::DirectConnection);
            });
        QVERIFY2(stopped.finished, qPrintable(stopped.failure));
        QCOMPARE(stopped.finished->status, RunStatus::Cancelled);
        QCOMPARE(stopped.finished->scoredNow, 21);
        const qint64 runId = stopped.finished->runId;
        RunRepository repository(m_fixture->database());
        QCOMPARE(repository.find(runId)->status, RunStatus::Cancelled);

        const WorkerOutcome resumed = runResume(m_fixture->databasePath(), runId);
        QVERIFY2(resumed.finished, qPrintable(resumed.failure));
        QCOMPARE(resumed.started->alreadyScored, 21);
        QCOMPARE(resumed.started->toScore, 39);
        QVERIFY(resumed.started->continuesStoredRun);
        QCOMPARE(resumed.finished->status, RunStatus::Finished);
        QCOMPARE(scoreDifference(storedScores(runId), m_reference), QString());
        QList<int> indexes;
        for (const BatchTelemetry &batch : repository.batches(runId))
            indexes << batch.index;
        QCOMPARE(indexes, (QList<int> { 0, 1, 2, 3, 4, 5, 6, 7, 8 }));
        QCOMPARE(repository.compare(runId, m_referenceRun).commonRows, 120);
    }

    void outOfMemoryBacksOffAndScoresEverySeries_data()
    {
        QTest::addColumn<bool>("injectError");
        QTest::addColumn<QList<int>>("expectedSizes");
        QTest::addColumn<QList<QList<int>>>("expectedBackoffs");
        // Batch 20 fails at its third forward pass; batches of 10 score the 60 series.
        QTest::newRow("libtorch error on the 3rd forward")
            << true << QList<int> { 20, 10, 10, 10, 10, 10, 10 }
            << QList<QList<int>> { { 0, 20, 10 } };
        // Fake memory of 100 MB + 10 MB per series against a 160 MB budget: 20 and 10 are over,
        // 5 fits.
        QTest::newRow("tight budget")
            << false << QList<int> { 20, 10, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 }
            << QList<QList<int>> { { 0, 20, 10 }, { 0, 10, 5 } };
    }
    void outOfMemoryBacksOffAndScoresEverySeries()
    {
        QFETCH(bool, injectError);
        QFETCH(QList<int>, expectedSizes);
        QFETCH(QList<QList<int>>, expectedBackoffs);
        RunSpec spec = ScoringRunFixture::spec(20);
        auto forwards = std::make_shared<std::atomic<int>>(0);
        auto batchSize = std::make_shared<std::atomic<int>>(0);
        if (!injectError)
            spec.memoryBudgetMib = 160;
        const WorkerOutcome outcome
            = runNew(m_fixture->databasePath(), spec, [=](ScoringWorker &worker, RunControl &) {
                  if (injectError) {
                      worker.setBeforeForward([forwards] {
                          if (++*forwards == 3)
                              throw std::bad_alloc();
                      });
                      return;
                  }
                  QObject::connect(
                      &worker, &ScoringWorker::batchStarted, &worker,
                      [batchSize](int, int, int size) { *batchSize = size; }, Qt::DirectConnection);
                  worker.setMemoryProbe(linearMemory(batchSize));
              });
        QVERIFY2(outcome.finished, qPrintable(outcome.failure));
        QCOMPARE(outcome.batchSizes, expectedSizes);
        QCOMPARE(outcome.backoffs, expectedBackoffs);
        QCOMPARE(outcome.finished->backoffs, int(expectedBackoffs.size()));
        QCOMPARE(outcome.finished->status, RunStatus::Finished);
        QCOMPARE(scoreDifference(storedScores(outcome.finished->runId), m_reference), QString());
        QVERIFY(!outcome.warnings.isEmpty());
        QCOMPARE(RunRepository(m_fixture->database()).warnings(outcome.finished->runId),
            outcome.warnings);
        QVERIFY(outcome.warnings.first().contains(QLatin1String("ran out of memory")));
    }

    void automaticBatchSizeLearnsTheMemoryModel()
    {
        // Fake memory of 100 MB + 10 MB per series against a 400 MB budget: the shape-based
        // estimate (a few MB per series) first tries every series at once, backs off, then
        // the fit to the observed peaks finds the true line.
        // A database of its own: automatic batches also learn from stored runs of the same
        // checkpoint and device (autoStartsFromTheStoredFitOfTheCheckpointAndDevice).
        ScoringRunFixture fresh;
        QVERIFY(fresh.isOpen());
        RunSpec spec = ScoringRunFixture::spec(0);
        spec.memoryBudgetMib = 400;
        const WorkerOutcome outcome = runUnderLinearMemory(fresh.databasePath(), spec);
        QVERIFY2(outcome.finished, qPrintable(outcome.failure));
        QCOMPARE(outcome.batchSizes.first(), 60);
        QCOMPARE(outcome.warnings.size(), 1);
        QCOMPARE(outcome.finished->scoredNow, 60);
        const kronos::MemoryModelFit fit = outcome.finished->memoryModel;
        QVERIFY(fit.fitted);
        QCOMPARE(fit.baseBytes, 100.0 * 1048576);
        QCOMPARE(fit.perSeriesBytes, 10.0 * 1048576);
        QCOMPARE(fit.rSquared, 1.0);
        for (int size : outcome.batchSizes.mid(1))
            QVERIFY(100 + 10 * size <= 400);
        QCOMPARE(scoreDifference(storedScores(outcome.finished->runId), m_reference), QString());
    }

    void autoStartsFromTheStoredFitOfTheCheckpointAndDevice()
    {
        // Issue 15.9: Auto ran batches of 1 series while Memory tuning, from the stored batches
        // of the same checkpoint and device, recommended 6. Stored: 100 MB + 30 MB per series.
        ScoringRunFixture fresh;
        QVERIFY(fresh.isOpen());
        RunSpec spec = ScoringRunFixture::spec(0);
        spec.memoryBudgetMib = 200; // 180 MB usable: 2 series (160 MB), not 3 (190 MB)
        {
            RunRepository runs(fresh.database());
            const qint64 earlier = runs.create(ScoringRunFixture::spec(4), 60, {});
            runs.commitBatch(earlier, { 0, 1, 1.0, 130 * 1048576LL }, {}, {});
            runs.commitBatch(earlier, { 1, 4, 1.0, 220 * 1048576LL }, {}, {});
        }
        const WorkerOutcome outcome = runUnderLinearMemory(fresh.databasePath(), spec, 30);
        QVERIFY2(outcome.finished, qPrintable(outcome.failure));
        // The shape's estimate alone (a few MB per series) would try all 60 series at once.
        QCOMPARE(outcome.batchSizes.first(), 2);
        QVERIFY(outcome.warnings.isEmpty()); // no backoff
        QCOMPARE(outcome.finished->scoredNow, 60);
    }

    void outOfMemoryWithOneSeriesFailsTheRun()
    {
        RunSpec spec = ScoringRunFixture::spec(2);
        const WorkerOutcome outcome
            = runNew(m_fixture->databasePath(), spec, [](ScoringWorker &worker, RunControl &) {
                  worker.setBeforeForward([] { throw std::bad_alloc(); });
              });
        QVERIFY(!outcome.finished);
        QVERIFY2(outcome.failure.contains(QLatin1String("out of memory with a single series")),
            qPrintable(outcome.failure));
        // A failed allocation is the machine's limit: no budget would help.
        QVERIFY2(outcome.failure.contains(QLatin1String("the machine's memory cannot hold one "
                                                        "series")),
            qPrintable(outcome.failure));
        QCOMPARE(outcome.warnings.size(), 1);
        QCOMPARE(outcome.backoffs, (QList<QList<int>> { { 0, 2, 1 } }));
    }

    // One series over the budget: the advice is one that works, a new run with a larger budget
    // (a resumed run keeps its own).
    void oneSeriesOverTheBudgetFailsTheRunAdvisingALargerBudget()
    {
        // Fake memory of 100 MB + 10 MB per series against a 100 MB budget: even 1 is over.
        RunSpec spec = ScoringRunFixture::spec(2);
        spec.memoryBudgetMib = 100;
        const WorkerOutcome outcome = runUnderLinearMemory(m_fixture->databasePath(), spec);
        QVERIFY(!outcome.finished);
        QVERIFY2(outcome.failure.contains(QLatin1String("memory went over the budget")),
            qPrintable(outcome.failure));
        QVERIFY2(outcome.failure.contains(QLatin1String("start the run again with a larger "
                                                        "memory budget")),
            qPrintable(outcome.failure));
    }

    void recordsAndSamplesAreStampedByTheWorkersClock()
    {
        const QDateTime start(QDate(2001, 2, 3), QTime(4, 5, 6), Qt::UTC);
        const WorkerOutcome outcome = runNew(m_fixture->databasePath(), ScoringRunFixture::spec(20),
            [start](ScoringWorker &worker, RunControl &) {
                worker.setClock(std::make_shared<SteppingClock>(start, 100));
            });
        QVERIFY2(outcome.finished, qPrintable(outcome.failure));
        RunRepository repository(m_fixture->database());
        const RunRecord record = *repository.find(outcome.finished->runId);
        QCOMPARE(record.created, start);
        // Stored to the second: a run that reads the clock fewer than ten times (100 ms a step)
        // after creating its record is updated within the same second as created.
        QVERIFY2(record.updated >= start && record.updated < start.addDays(1),
            qPrintable(record.updated.toString(Qt::ISODate)));
        const QList<MemorySample> samples = repository.memorySamples(record.id);
        QVERIFY(!samples.isEmpty());
        for (const MemorySample &sample : samples)
            QVERIFY2(sample.time >= start && sample.time < start.addDays(1),
                qPrintable(sample.time.toString(Qt::ISODate)));
    }

    void aFailedRunIsStoredAsFailedWithItsError()
    {
        const WorkerOutcome outcome = runNew(m_fixture->databasePath(), ScoringRunFixture::spec(7),
            [](ScoringWorker &worker, RunControl &) {
                worker.setBeforeForward([] { throw std::runtime_error("disk unplugged"); });
            });
        QVERIFY(!outcome.finished);
        QVERIFY(outcome.started);
        QCOMPARE(outcome.failure, QStringLiteral("disk unplugged"));
        const std::optional<RunRecord> stored
            = RunRepository(m_fixture->database()).find(outcome.started->runId);
        QVERIFY(stored);
        QCOMPARE(runStatusName(stored->status), QStringLiteral("failed"));
        QCOMPARE(stored->error, QStringLiteral("disk unplugged"));
    }

    void pauseHoldsBatchesUntilResumed()
    {
        // Paused after batch 0: the worker says it holds, and batch 1 starts only once resumed.
        QStringList events;
        const WorkerOutcome outcome = runNew(m_fixture->databasePath(), ScoringRunFixture::spec(20),
            [&](ScoringWorker &worker, RunControl &control) {
                pauseAfterTheFirstBatch(
                    worker, control,
                    [&](int request) {
                        events << QStringLiteral("paused as request %1").arg(request);
                    },
                    [&](int request) {
                        events << QStringLiteral("holding for request %1").arg(request);
                    });
                QObject::connect(
                    &worker, &ScoringWorker::batchStarted, &worker,
                    [&](int index) { events << QStringLiteral("batch %1 started").arg(index); },
                    Qt::DirectConnection);
            });
        QVERIFY2(outcome.finished, qPrintable(outcome.failure));
        QCOMPARE(events.mid(0, 4),
            (QStringList { QStringLiteral("batch 0 started"), QStringLiteral("paused as request 1"),
                QStringLiteral("holding for request 1"), QStringLiteral("batch 1 started") }));
        QCOMPARE(outcome.finished->scoredNow, 60);
    }

    void throughputOfAPausedRunCountsWorkingTimeOnly()
    {
        // Issue 15.6: a run paused for a while reported a throughput that counted the pause.
        constexpr double PauseSeconds = 0.3;
        const WorkerOutcome outcome = runNew(m_fixture->databasePath(), ScoringRunFixture::spec(20),
            [&](ScoringWorker &worker, RunControl &control) {
                // The pause itself is what is measured: it lasts at least PauseSeconds.
                pauseAfterTheFirstBatch(
                    worker, control, [](int) {},
                    [](int) {
                        std::this_thread::sleep_for(
                            std::chrono::milliseconds(int(PauseSeconds * 1000)));
                    });
            });
        QVERIFY2(outcome.finished, qPrintable(outcome.failure));
        const RunSummary &summary = *outcome.finished;
        QVERIFY2(summary.pausedSeconds >= PauseSeconds,
            qPrintable(QString::number(summary.pausedSeconds)));
        QVERIFY(summary.pausedSeconds < summary.seconds);
        QCOMPARE(
            summary.seriesPerSecond, summary.scoredNow / (summary.seconds - summary.pausedSeconds));
        QVERIFY(summary.seriesPerSecond > summary.scoredNow / summary.seconds);
    }

    void cancelTakesEffectWithinOneSecond()
    {
        // Each forward pass made to last 100 ms, so a run takes many seconds; the cancel comes
        // from the third forward pass of the first batch, in the middle of its decode steps.
        QElapsedTimer clock;
        auto forwards = std::make_shared<std::atomic<int>>(0);
        const WorkerOutcome outcome = runNew(m_fixture->databasePath(), ScoringRunFixture::spec(20),
            [&clock, forwards](ScoringWorker &worker, RunControl &control) {
                worker.setBeforeForward([&clock, &control, forwards] {
                    if (++*forwards == 3) {
                        clock.start();
                        control.cancel();
                    }
                    QThread::msleep(100);
                });
            });
        QVERIFY2(outcome.finished, qPrintable(outcome.failure));
        const qint64 latency = clock.elapsed();
        QCOMPARE(outcome.finished->status, RunStatus::Cancelled);
        QCOMPARE(outcome.finished->scoredNow, 0);
        QVERIFY2(latency < 1000, qPrintable(QStringLiteral("%1 ms").arg(latency)));
    }

    void probeRunsOneTrialPerSizeOnOneDateAndStoresNothing()
    {
        const int runsBefore = int(RunRepository(m_fixture->database()).list().size());
        const ProbeOutcome outcome = runProbe(
            m_fixture->databasePath(), ScoringRunFixture::spec(7), { 1, 2, 4, 8, 16, 22 });
        QCOMPARE(outcome.finishedWith, std::optional<QString>(QString()));
        // 20 of the 22 tickers can be scored on each date (CSRA and SNI are too short).
        QList<int> sizes;
        for (const ProbeTrial &trial : outcome.trials) {
            sizes << trial.size;
            QVERIFY(!trial.failed());
            QCOMPARE(trial.steps, 8); // BatchSizeProbe::TrialSteps, below the horizon of 10
            QCOMPARE(trial.horizon, 10);
            QVERIFY(trial.peakBytes > 0);
            QVERIFY(trial.seconds > 0);
            QVERIFY(trial.estimatedSeconds > 0);
        }
        QCOMPARE(sizes, (QList<int> { 1, 2, 4, 8, 16, 20 }));
        QCOMPARE(int(RunRepository(m_fixture->database()).list().size()), runsBefore);
    }

    void probeStopsAtTheFirstTrialOverTheBudget()
    {
        // Fake memory of 100 MB + 10 MB per series against a 160 MB budget: 8 series are over.
        RunSpec spec = ScoringRunFixture::spec(7);
        spec.memoryBudgetMib = 160;
        const QList<int> sizes { 1, 2, 4, 8, 16 };
        auto current = std::make_shared<std::atomic<int>>(sizes.first());
        const ProbeOutcome outcome = runProbe(m_fixture->databasePath(), spec, sizes,
            [current, sizes](ScoringWorker &worker, RunControl &) {
                QObject::connect(
                    &worker, &ScoringWorker::probeTrialFinished, &worker,
                    [current, sizes](const ProbeTrial &trial) {
                        *current = sizes.value(sizes.indexOf(trial.size) + 1);
                    },
                    Qt::DirectConnection);
                worker.setMemoryProbe(linearMemory(current));
            });
        QCOMPARE(outcome.finishedWith, std::optional<QString>(QString()));
        QCOMPARE(outcome.trials.size(), 4);
        for (int i = 0; i < 3; ++i) {
            QVERIFY(!outcome.trials[i].failed());
            QCOMPARE(outcome.trials[i].peakBytes, (100 + 10 * qint64(sizes[i])) * 1048576);
        }
        const ProbeTrial &over = outcome.trials.last();
        QCOMPARE(over.size, 8);
        QCOMPARE(over.failure, QStringLiteral("memory went over the budget of 160 MiB"));
        QCOMPARE(over.peakBytes, 180 * 1048576);
    }

    void probeWarmsUpBeforeItsTrialsAndLeavesTheWarmUpOut()
    {
        // Issue 15.7: the first trial after a run was a warm-up outlier (1 series peaked above 2
        // and 4) and entered the fit. Fake memory: the first forecast peaks at 600 MB, every
        // later one at 100 MB + 10 MB per series.
        auto current = std::make_shared<std::atomic<int>>(50);
        QStringList events;
        const ProbeOutcome outcome = runProbe(m_fixture->databasePath(), ScoringRunFixture::spec(7),
            { 1, 2, 4 }, [current, &events](ScoringWorker &worker, RunControl &) {
                QObject::connect(
                    &worker, &ScoringWorker::probeWarmUpFinished, &worker,
                    [current, &events](int size) {
                        events << QStringLiteral("warm-up of %1").arg(size);
                        *current = 1;
                    },
                    Qt::DirectConnection);
                QObject::connect(
                    &worker, &ScoringWorker::probeTrialFinished, &worker,
                    [current, &events](const ProbeTrial &trial) {
                        events << QStringLiteral("trial of %1").arg(trial.size);
                        *current = trial.size * 2;
                    },
                    Qt::DirectConnection);
                worker.setMemoryProbe(linearMemory(current));
            });
        QCOMPARE(outcome.finishedWith, std::optional<QString>(QString()));
        QCOMPARE(events,
            (QStringList { QStringLiteral("warm-up of 1"), QStringLiteral("trial of 1"),
                QStringLiteral("trial of 2"), QStringLiteral("trial of 4") }));
        QCOMPARE(outcome.trials.size(), 3);
        for (const ProbeTrial &trial : outcome.trials)
            QCOMPARE(trial.peakBytes, (100 + 10 * qint64(trial.size)) * 1048576);
    }

    void probeReportsAnOutOfMemoryTrialAndStops()
    {
        auto firstDone = std::make_shared<std::atomic<bool>>(false);
        const ProbeOutcome outcome = runProbe(m_fixture->databasePath(), ScoringRunFixture::spec(7),
            { 1, 2, 4 }, [firstDone](ScoringWorker &worker, RunControl &) {
                QObject::connect(
                    &worker, &ScoringWorker::probeTrialFinished, &worker,
                    [firstDone] { *firstDone = true; }, Qt::DirectConnection);
                worker.setBeforeForward([firstDone] {
                    if (*firstDone)
                        throw std::bad_alloc();
                });
            });
        QCOMPARE(outcome.finishedWith, std::optional<QString>(QString()));
        QCOMPARE(outcome.trials.size(), 2);
        QVERIFY(!outcome.trials[0].failed());
        QCOMPARE(outcome.trials[1].size, 2);
        QVERIFY2(outcome.trials[1].failure.contains(QLatin1String("bad_alloc")),
            qPrintable(outcome.trials[1].failure));
    }

    void probeCancelledAfterOneTrialEndsWithoutError()
    {
        const ProbeOutcome outcome = runProbe(m_fixture->databasePath(), ScoringRunFixture::spec(7),
            { 1, 2, 4 }, [](ScoringWorker &worker, RunControl &control) {
                QObject::connect(
                    &worker, &ScoringWorker::probeTrialFinished, &worker,
                    [&control] { control.cancel(); }, Qt::DirectConnection);
            });
        QCOMPARE(outcome.finishedWith, std::optional<QString>(QString()));
        QCOMPARE(outcome.trials.size(), 1);
    }

    void probeOfAnUnknownUniverseFails()
    {
        RunSpec spec = ScoringRunFixture::spec(7);
        spec.universe = QStringLiteral("No such universe");
        const ProbeOutcome outcome = runProbe(m_fixture->databasePath(), spec, { 1, 2 });
        QCOMPARE(outcome.finishedWith,
            std::optional<QString>(QStringLiteral("no universe named 'No such universe'")));
        QVERIFY(outcome.trials.isEmpty());
    }

    void aHorizonBeyondTheCheckpointsContextFails()
    {
        // The fixture is not a published checkpoint: upstream's context of 512.
        RunSpec spec = ScoringRunFixture::spec(7);
        spec.horizons = { 5, 600 };
        const WorkerOutcome outcome = runNew(m_fixture->databasePath(), spec);
        QCOMPARE(outcome.failure,
            QStringLiteral("the longest horizon (600) exceeds the model's context (512)"));
    }

    void unknownUniverseFails()
    {
        RunSpec spec = ScoringRunFixture::spec(7);
        spec.universe = QStringLiteral("No such universe");
        const WorkerOutcome outcome = runNew(m_fixture->databasePath(), spec);
        QCOMPARE(outcome.events, QStringList { QStringLiteral("runFailed") });
        QCOMPARE(outcome.failure, QStringLiteral("no universe named 'No such universe'"));
    }

    // Shards scored on different machines are merged only when their weights are the same.
    void aRunRecordsItsCheckpointContents()
    {
        const RunRecord record = *RunRepository(m_fixture->database()).find(m_referenceRun);
        const QString expected = CheckpointFingerprint::of(ScoringRunFixture::spec(20).model);
        QVERIFY(expected.startsWith(QLatin1String("sha256:")));
        QCOMPARE(record.spec.model.contentHash, expected);
    }

    void resumeRefusesOtherWeights()
    {
        const WorkerOutcome stopped = runNew(m_fixture->databasePath(), ScoringRunFixture::spec(7),
            [](ScoringWorker &worker, RunControl &control) {
                QObject::connect(
                    &worker, &ScoringWorker::batchFinished, &worker,
                    [&control] { control.cancel(); }, Qt::DirectConnection);
            });
        QVERIFY2(stopped.finished, qPrintable(stopped.failure));
        const qint64 runId = stopped.finished->runId;
        // As if the checkpoint folder had been replaced since the run started.
        QSqlQuery update(m_fixture->database());
        QVERIFY(update.exec(QStringLiteral("UPDATE runs SET spec = json_set(spec, '$.content_hash',"
                                           " 'sha256:before') WHERE id = %1")
                                .arg(runId)));
        const WorkerOutcome resumed = runResume(m_fixture->databasePath(), runId);
        QVERIFY(!resumed.finished);
        QVERIFY2(resumed.failure.startsWith(QLatin1String(
                     "the checkpoint's files are not those the run started with (sha256:before "
                     "then, sha256:")),
            qPrintable(resumed.failure));
        QCOMPARE(RunRepository(m_fixture->database()).scores(runId).size(), 7 * 2);
    }
};

QTEST_GUILESS_MAIN(TestScoringWorker)
#include "test_scoring_worker.moc"
