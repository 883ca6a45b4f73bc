// RunResults over runs stored in a temporary database: a stored run shown whole, a session's
// batches merged with the stored read of a resumed run, and nothing of one run ever shown as
// another's — the two bugs of resuming from the GUI, pinned where they were fixed.

#include "market_test_database.h"
#include "run/run_repository.h"
#include "workbench/run_results.h"
#include "workbench/workspace.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

namespace {

constexpr int TimeoutMs = 30000;

RunSpec spec(const QString &name)
{
    RunSpec spec;
    spec.name = name;
    spec.universe = QStringLiteral("Sector: Energy");
    spec.dates = DateSelection::single(QDate(2019, 6, 3));
    spec.model.randomShape = QStringLiteral("mini");
    spec.memoryBudgetMib = 1000;
    return spec;
}

ScoreRow score(const QString &ticker, int horizon, double value)
{
    ScoreRow row;
    row.date = QDateTime(QDate(2019, 6, 3), QTime(0, 0), Qt::UTC);
    row.ticker = ticker;
    row.horizon = horizon;
    row.lastClose = 10;
    row.predictedClose = 10 * (1 + value);
    row.score = value;
    return row;
}

QStringList tickersOf(const QList<ScoreRow> &rows)
{
    QStringList tickers;
    for (const ScoreRow &row : rows)
        tickers << row.ticker;
    tickers.sort();
    return tickers;
}

// The time a resumed session starts: after every memory sample stored by initTestCase.
const QDateTime SessionStart(QDate(2024, 6, 1), QTime(9, 0), Qt::UTC);

// What the session reports when it starts scoring `runId`, whose earlier sessions stored
// `storedBatches` batches.
RunPlanSummary started(
    qint64 runId, int alreadyScored, int storedBatches, const QDateTime &at = SessionStart)
{
    RunPlanSummary summary;
    summary.runId = runId;
    summary.spec = spec(QStringLiteral("resumed"));
    summary.alreadyScored = alreadyScored;
    summary.budgetBytes = 1000 * 1048576LL;
    summary.firstBatchIndex = storedBatches;
    summary.startedAt = at;
    summary.continuesStoredRun = true;
    return summary;
}

QList<int> indexesOf(const QList<BatchTelemetry> &batches)
{
    QList<int> indexes;
    for (const BatchTelemetry &batch : batches)
        indexes << batch.index;
    return indexes;
}

QList<double> secondsOf(const QList<MemoryPoint> &points)
{
    QList<double> seconds;
    for (const MemoryPoint &point : points)
        seconds << point.seconds;
    return seconds;
}

} // namespace

class TestRunResults : public QObject
{
    Q_OBJECT

private:
    MarketTestDatabase m_market;
    qint64 m_runA = 0; // cancelled after AAA and BBB
    qint64 m_runB = 0; // finished: XXX, YYY, ZZZ

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_market.isOpen());
        RunRepository runs(m_market.database());
        m_runA = runs.create(spec(QStringLiteral("A")), 4, {});
        runs.commitBatch(m_runA, { 0, 2, 1.0, 100 },
            { score("AAA", 20, 0.01), score("BBB", 20, 0.02) },
            { { QDateTime(QDate(2024, 1, 1), QTime(12, 0), Qt::UTC), 100, 0, 0 } });
        runs.setStatus(m_runA, RunStatus::Cancelled);
        m_runB = runs.create(spec(QStringLiteral("B")), 3, {});
        runs.commitBatch(m_runB, { 0, 3, 2.0, 300 },
            { score("XXX", 20, 0.03), score("YYY", 20, 0.04), score("ZZZ", 20, 0.05) },
            { { QDateTime(QDate(2024, 1, 2), QTime(12, 0), Qt::UTC), 300, 0, 0 },
                { QDateTime(QDate(2024, 1, 2), QTime(12, 0, 2), Qt::UTC), 310, 0, 0 } });
        runs.setStatus(m_runB, RunStatus::Finished);
    }

    void aStoredRunShowsItsScoresBatchesAndMemory()
    {
        Workspace workspace(m_market.path());
        RunResults results(workspace);
        QSignalSpy shown(&results, &RunResults::storedRunShown);
        results.showRun(m_runB);
        QVERIFY(shown.wait(TimeoutMs));
        QCOMPARE(results.runId(), m_runB);
        QCOMPARE(results.spec().name, QStringLiteral("B"));
        QCOMPARE(tickersOf(results.scores()), (QStringList { "XXX", "YYY", "ZZZ" }));
        QCOMPARE(results.batches().size(), 1);
        QCOMPARE(results.memory().size(), 2);
        QCOMPARE(results.memory()[1].seconds, 2.0);
        QCOMPARE(results.budgetBytes(), 1000 * 1048576LL);
    }

    // Bug: resuming from Runs filled the table from the worker and from the stored read, so a
    // batch committed before the read landed appeared twice.
    void aBatchCommittedBeforeTheStoredReadIsShownOnce()
    {
        RunRepository runs(m_market.database());
        const qint64 run = runs.create(spec(QStringLiteral("C")), 4, {});
        runs.commitBatch(run, { 0, 1, 1.0, 100 }, { score("AAA", 20, 0.01) }, {});
        Workspace workspace(m_market.path());
        RunResults results(workspace);

        // The resumed session has committed its first batch when the read of what was stored
        // runs (so the read returns it), and reports it before the read lands.
        runs.commitBatch(run, { 1, 1, 1.0, 100 }, { score("BBB", 20, 0.02) }, {});
        QSignalSpy reset(&results, &RunResults::reset);
        results.followSession(started(run, 1, 1));
        results.addScores(run, { score("BBB", 20, 0.02) });
        results.addBatch(run, { 1, 1, 1.0, 100 });
        // reset() once for the switch, once when the earlier session is in.
        QTRY_COMPARE_WITH_TIMEOUT(reset.count(), 2, TimeoutMs);
        QCOMPARE(tickersOf(results.scores()), (QStringList { "AAA", "BBB" }));
        QCOMPARE(indexesOf(results.batches()), (QList<int> { 0, 1 }));
        // Later batches join; a repeated report adds nothing.
        results.addScores(run, { score("CCC", 20, 0.03), score("BBB", 20, 0.02) });
        QCOMPARE(tickersOf(results.scores()), (QStringList { "AAA", "BBB", "CCC" }));
    }

    // Bug: cancel run A, open run B from Runs, press Resume — A's new rows joined B's table and
    // the mixture was evaluated. Resume continues A, and the results show A alone.
    void resumingARunWhileAnotherIsShownShowsTheResumedRunAlone()
    {
        Workspace workspace(m_market.path());
        RunResults results(workspace);
        QSignalSpy shown(&results, &RunResults::storedRunShown);
        results.showRun(m_runB);
        QVERIFY(shown.wait(TimeoutMs));

        // A's rows reported while B is shown are not B's.
        results.addScores(m_runA, { score("CCC", 20, 0.03) });
        QCOMPARE(tickersOf(results.scores()), (QStringList { "XXX", "YYY", "ZZZ" }));

        QSignalSpy reset(&results, &RunResults::reset);
        results.followSession(started(m_runA, 2, 1));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(results.runId(), m_runA);
        results.addScores(m_runA, { score("CCC", 20, 0.03) });
        QTRY_COMPARE_WITH_TIMEOUT(results.scores().size(), 3, TimeoutMs);
        QCOMPARE(tickersOf(results.scores()), (QStringList { "AAA", "BBB", "CCC" }));
        results.addScores(m_runB, { score("QQQ", 20, 0.03) });
        QCOMPARE(results.scores().size(), 3);
    }

    void aReadOvertakenByTheSessionIsDropped()
    {
        Workspace workspace(m_market.path());
        RunResults results(workspace);
        QSignalSpy shown(&results, &RunResults::storedRunShown);
        results.showRun(m_runB);
        results.followSession(started(m_runA, 2, 1));
        QTRY_COMPARE_WITH_TIMEOUT(results.scores().size(), 2, TimeoutMs);
        workspace.executor().waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(shown.count(), 0);
        QCOMPARE(results.runId(), m_runA);
        QCOMPARE(tickersOf(results.scores()), (QStringList { "AAA", "BBB" }));
    }

    void aResumedSessionOfTheRunShownContinuesItsTimeline()
    {
        Workspace workspace(m_market.path());
        RunResults results(workspace);
        results.followSession(started(m_runA, 2, 1));
        QTRY_COMPARE_WITH_TIMEOUT(results.scores().size(), 2, TimeoutMs);
        results.addBatch(m_runA, { 1, 1, 1.0, 100 });
        results.addMemorySample(m_runA, 0.5, 100, 0, 0);
        results.markBatchStart(m_runA, 2);
        QCOMPARE(results.markers().first().seconds, results.memory().last().seconds);

        QSignalSpy reset(&results, &RunResults::reset);
        QSignalSpy continued(&results, &RunResults::sessionContinued);
        results.followSession(started(m_runA, 3, 2, SessionStart.addSecs(60)));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(continued.count(), 1);
        // Nothing of the earlier sessions is dropped (issue 15.11: the live charts reset on
        // Resume): the stored batch and sample, and the first session's here, on one wall-clock
        // timeline from A's stored sample.
        const double sinceStored
            = double(QDateTime(QDate(2024, 1, 1), QTime(12, 0), Qt::UTC).secsTo(SessionStart));
        QCOMPARE(results.scores().size(), 2);
        QCOMPARE(indexesOf(results.batches()), (QList<int> { 0, 1 }));
        QCOMPARE(secondsOf(results.memory()), (QList<double> { 0.0, sinceStored + 0.5 }));
        QCOMPARE(results.markers().size(), 1);
        // The new session's clock starts at 0 again; its samples count from when it started.
        results.addMemorySample(m_runA, 0.25, 120, 0, 0);
        QCOMPARE(results.memory().last().seconds, sinceStored + 60.25);
        results.markBatchStart(m_runA, 3);
        QCOMPARE(results.markers().last().seconds, sinceStored + 60.25);
        // A probe's memory belongs to no run.
        results.addMemorySample(0, 0.1, 100, 0, 0);
        QCOMPARE(results.memory().size(), 3);
    }

    // Issue 15.11: resuming a run not on screen showed only the new session in the live charts.
    // Its earlier sessions' batches and memory come first; the session's own reports, made
    // before the read landed or after, follow them.
    void resumingARunNotShownDrawsItsEarlierSessionsFirst()
    {
        RunRepository runs(m_market.database());
        const qint64 run = runs.create(spec(QStringLiteral("D")), 4, {});
        const QDateTime earlier = SessionStart.addSecs(-10);
        runs.commitBatch(run, { 0, 2, 1.0, 100 },
            { score("AAA", 20, 0.01), score("BBB", 20, 0.02) },
            { { earlier, 100, 0, 0 }, { earlier.addSecs(2), 110, 0, 0 } });
        // The new session's first batch is stored by the time the read runs.
        runs.commitBatch(run, { 1, 1, 1.0, 100 }, { score("CCC", 20, 0.03) },
            { { SessionStart.addMSecs(500), 120, 0, 0 } });
        Workspace workspace(m_market.path());
        RunResults results(workspace);
        QSignalSpy reset(&results, &RunResults::reset);

        results.followSession(started(run, 2, 1));
        results.addMemorySample(run, 0.5, 120, 0, 0);
        results.markBatchStart(run, 1);
        results.addBatch(run, { 1, 1, 1.0, 100 });
        results.addScores(run, { score("CCC", 20, 0.03) });
        QTRY_COMPARE_WITH_TIMEOUT(reset.count(), 2, TimeoutMs);

        QCOMPARE(indexesOf(results.batches()), (QList<int> { 0, 1 }));
        // One wall-clock timeline: the session started 10 s after the first stored sample.
        QCOMPARE(secondsOf(results.memory()), (QList<double> { 0.0, 2.0, 10.5 }));
        QCOMPARE(results.markers().size(), 1);
        QCOMPARE(results.markers().first().seconds, 10.5);
        QCOMPARE(tickersOf(results.scores()), (QStringList { "AAA", "BBB", "CCC" }));
        // Reports after the read continue the same timeline.
        results.addMemorySample(run, 1.0, 130, 0, 0);
        QCOMPARE(results.memory().last().seconds, 11.0);
        results.addBatch(run, { 2, 1, 1.0, 100 });
        QCOMPARE(indexesOf(results.batches()), (QList<int> { 0, 1, 2 }));
    }

    // A session cancelled inside its first batch stores memory samples only: resuming the run
    // still draws them first, on the run's one timeline (they were left out).
    void resumingARunWhoseEarlierSessionStoredOnlyMemoryDrawsItFirst()
    {
        RunRepository runs(m_market.database());
        const qint64 run = runs.create(spec(QStringLiteral("E")), 4, {});
        const QDateTime earlier = SessionStart.addSecs(-20);
        runs.addMemorySamples(run, { { earlier, 100, 0, 0 }, { earlier.addSecs(3), 140, 0, 0 } });
        Workspace workspace(m_market.path());
        RunResults results(workspace);
        QSignalSpy reset(&results, &RunResults::reset);

        results.followSession(started(run, 0, 0));
        results.addMemorySample(run, 0.5, 120, 0, 0);
        QTRY_COMPARE_WITH_TIMEOUT(reset.count(), 2, TimeoutMs);
        QCOMPARE(secondsOf(results.memory()), (QList<double> { 0.0, 3.0, 20.5 }));
        QVERIFY(results.batches().isEmpty());
        QVERIFY(results.scores().isEmpty());
    }

    void anUnknownRunIsReported()
    {
        Workspace workspace(m_market.path());
        RunResults results(workspace);
        QSignalSpy failed(&results, &RunResults::storedRunFailed);
        results.showRun(9999);
        QVERIFY(failed.wait(TimeoutMs));
        QCOMPARE(
            failed.first().first().toString(), QStringLiteral("run 9999 is not in the database"));
        QCOMPARE(results.runId(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRunResults)
#include "test_run_results.moc"
