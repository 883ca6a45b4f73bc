#include "market_test_database.h"
#include "run/batch_size_probe.h"
#include "run/run_repository.h"
#include "ui/chart_panel.h"
#include "ui/memory_tuning_view.h"
#include "ui/run_history_panel.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QtTest>
#include <qcustomplot.h>

namespace {

constexpr qint64 kMegabyte = 1024 * 1024;

RunSpec spec(const QString &name, const QString &device = QStringLiteral("cpu"))
{
    RunSpec spec;
    spec.name = name;
    spec.universe = QStringLiteral("Sector: Energy");
    spec.dates = DateSelection::single(QDate(2019, 6, 3));
    spec.model.modelDir = QStringLiteral("/models/Kronos-small");
    spec.model.tokenizerDir = QStringLiteral("/models/Kronos-Tokenizer-base");
    spec.device = device;
    return spec;
}

// A batch of `size` series whose peak follows 1000 MB + 100 MB per series.
BatchTelemetry batch(int index, int size, double seconds = 1.0)
{
    return { index, size, seconds, (1000 + 100 * qint64(size)) * kMegabyte };
}

// A completed probe trial of `size` series, on the same memory line as batch().
ProbeTrial trial(int size, double estimatedSeconds)
{
    ProbeTrial trial;
    trial.size = size;
    trial.steps = 8;
    trial.horizon = 90;
    trial.seconds = estimatedSeconds / 10;
    trial.estimatedSeconds = estimatedSeconds;
    trial.peakBytes = (1000 + 100 * qint64(size)) * kMegabyte;
    return trial;
}

ScoreRow score(const QString &ticker, double value)
{
    ScoreRow row;
    row.date = QDateTime(QDate(2019, 6, 3), QTime(0, 0), Qt::UTC);
    row.ticker = ticker;
    row.horizon = 20;
    row.lastClose = 10;
    row.predictedClose = 10 * (1 + value);
    row.score = value;
    return row;
}

} // namespace

// The run history over runs stored in a temporary database (rename, delete, compare, resume
// offered only where it applies), and the memory-tuning view on plain batch data and on the
// stored batches of runs with the same checkpoint and device.
class TestRunHistory : public QObject
{
    Q_OBJECT

private:
    MarketTestDatabase m_market;
    qint64 m_finished = 0;
    qint64 m_interrupted = 0;
    qint64 m_otherDevice = 0;

    static bool waitForRefresh(RunHistoryPanel &panel)
    {
        QSignalSpy refreshed(&panel, &RunHistoryPanel::refreshed);
        return refreshed.wait(30000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_market.isOpen());
        RunRepository runs(m_market.database());
        m_finished = runs.create(spec(QStringLiteral("June, batch 4")), 3, {});
        QVERIFY(m_finished > 0);
        runs.commitBatch(m_finished, batch(0, 2), { score("AAA", 0.01), score("BBB", 0.02) }, {});
        runs.commitBatch(m_finished, batch(1, 1), { score("CCC", -0.01) }, {});
        runs.setStatus(m_finished, RunStatus::Finished);
        m_interrupted = runs.create(spec(QStringLiteral("June, batch 8")), 3, {});
        runs.commitBatch(m_interrupted, batch(0, 4), { score("AAA", 0.03) }, {});
        m_otherDevice = runs.create(spec(QStringLiteral("On CUDA"), QStringLiteral("cuda")), 3, {});
        runs.commitBatch(m_otherDevice, batch(0, 8), {}, {});
        runs.setStatus(m_otherDevice, RunStatus::Cancelled);
    }

    void listsComparesRenamesAndDeletes()
    {
        Workspace workspace(m_market.path());
        RunHistoryPanel panel(workspace);
        QVERIFY(waitForRefresh(panel));
        QCOMPARE(panel.runs().size(), 3);
        QTableView *table = panel.runTable();
        QCOMPARE(table->model()->rowCount(), 3);
        // Issue 15.12: the CLI works by id, so the table shows it first.
        QCOMPARE(table->model()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Id"));
        QCOMPARE(table->model()->index(0, 0).data().toString(), QString::number(m_otherDevice));
        QCOMPARE(table->model()->index(0, 1).data().toString(), QStringLiteral("On CUDA"));
        QCOMPARE(table->model()->index(0, 2).data().toString(), QStringLiteral("cancelled"));
        QCOMPARE(table->model()->index(1, 2).data().toString(), QStringLiteral("interrupted"));
        QCOMPARE(table->model()->index(2, 6).data().toString(), QStringLiteral("3 of 3"));
        QCOMPARE(table->model()->index(2, 7).data().toString(), QStringLiteral("Kronos-small"));

        // Resume is offered for the interrupted run, not for the finished one nor the active one.
        auto *resume = panel.findChild<QPushButton *>(QStringLiteral("resumeRunButton"));
        QSignalSpy resumeRequests(&panel, &RunHistoryPanel::resumeRequested);
        panel.selectRun(m_interrupted);
        QVERIFY(resume->isEnabled());
        QTest::mouseClick(resume, Qt::LeftButton);
        QCOMPARE(resumeRequests.count(), 1);
        QCOMPARE(resumeRequests.first().first().toLongLong(), m_interrupted);
        panel.selectRun(m_finished);
        QVERIFY(!resume->isEnabled());
        panel.setActiveRun(m_interrupted);
        QVERIFY(waitForRefresh(panel));
        QCOMPARE(table->model()->index(1, 2).data().toString(), QStringLiteral("running"));
        panel.selectRun(m_interrupted);
        QVERIFY(!resume->isEnabled());

        QSignalSpy openRequests(&panel, &RunHistoryPanel::openRequested);
        Q_EMIT table->activated(table->model()->index(2, 0));
        QCOMPARE(openRequests.first().first().toLongLong(), m_finished);

        panel.compareRuns(m_finished, m_interrupted);
        QVERIFY(waitForRefresh(panel));
        QVERIFY(panel.state().comparison);
        QCOMPARE(panel.state().comparison->commonRows, 1); // AAA
        QCOMPARE(panel.state().comparison->onlyInFirst, 2);
        QCOMPARE(panel.state().comparison->maxAbsScoreDifference, 0.02);
        QAbstractItemModel *comparison = panel.comparisonTable()->model();
        QCOMPARE(
            comparison->headerData(0, Qt::Horizontal).toString(), QStringLiteral("June, batch 4"));
        QVERIFY(comparison->rowCount() > 10);

        panel.renameRun(m_otherDevice, QStringLiteral("GPU run"));
        QVERIFY(waitForRefresh(panel));
        QCOMPARE(table->model()->index(0, 1).data().toString(), QStringLiteral("GPU run"));

        panel.deleteRun(m_interrupted); // the active run: refused at once
        QCOMPARE(panel.runs().size(), 3);
        const qint64 doomed
            = RunRepository(m_market.database()).create(spec(QStringLiteral("Doomed")), 1, {});
        panel.reload();
        QVERIFY(waitForRefresh(panel));
        QCOMPARE(panel.runs().size(), 4);
        QSignalSpy deleted(&panel, &RunHistoryPanel::runDeleted);
        panel.deleteRun(doomed);
        QVERIFY(waitForRefresh(panel));
        QCOMPARE(panel.runs().size(), 3);
        QCOMPARE(deleted.count(), 1);
        QCOMPARE(deleted.first().first().toLongLong(), doomed);
    }

    void recommendsTheLargestBatchWithinTheBudget()
    {
        Workspace workspace(m_market.path());
        MemoryTuningView view(workspace);
        view.setUniverseSize(50);
        view.setBudgetBytes(2250 * kMegabyte); // 2025 MB usable (90%)
        QCOMPARE(view.recommendedBatchSize(), 0);
        MemoryObservations observations;
        observations.pastRuns = { batch(0, 1), batch(1, 2) };
        view.setObservations(observations);
        view.addRunBatch(batch(0, 4));
        QCOMPARE(view.fit().observations, 3);
        QCOMPARE(qRound64(view.fit().baseBytes / kMegabyte), 1000LL);
        QCOMPARE(qRound64(view.fit().perSeriesBytes / kMegabyte), 100LL);
        QVERIFY(view.fit().rSquared > 0.999);
        QCOMPARE(view.recommendedBatchSize(), 10); // 1000 + 10 x 100 = 2000 MB; 11 would need 2100
        const QString recommendation
            = view.findChild<QLabel *>(QStringLiteral("recommendationLabel"))->text();
        QVERIFY(recommendation.startsWith(QStringLiteral("Recommended batch size: 10")));
        // Issue 15.8: beyond the largest batch measured, the fit is extrapolated — and says so.
        QVERIFY2(recommendation.contains(
                     QStringLiteral("An extrapolation: the largest batch measured has 4 series")),
            qPrintable(recommendation));
        view.addRunBatch(batch(1, 12));
        QCOMPARE(view.recommendedBatchSize(), 10);
        QVERIFY(!view.findChild<QLabel *>(QStringLiteral("recommendationLabel"))
                     ->text()
                     .contains(QStringLiteral("extrapolation")));
        // Past runs, this run, probe (empty), fit, budget, recommended marker.
        QCOMPARE(view.memoryChart()->plot()->plottableCount(), 6);

        QSignalSpy chosen(&view, &MemoryTuningView::batchSizeChosen);
        QTest::mouseClick(
            view.findChild<QPushButton *>(QStringLiteral("useRecommendedButton")), Qt::LeftButton);
        QCOMPARE(chosen.first().first().toInt(), 10);
    }

    // While a run goes the setup is locked: neither the recommendation nor the probe's fastest
    // size can change its batch size (both buttons stayed enabled during runs).
    void theUseButtonsWaitWhileARunGoes()
    {
        Workspace workspace(m_market.path());
        MemoryTuningView view(workspace);
        view.setUniverseSize(50);
        view.setBudgetBytes(2250 * kMegabyte);
        MemoryObservations observations;
        observations.pastRuns = { batch(0, 1), batch(1, 2) };
        view.setObservations(observations);
        view.setRunState(RunState::Probing);
        view.addProbeResult(trial(1, 0.5));
        view.setRunState(RunState::Idle);
        view.finishProbe();
        auto *recommended = view.findChild<QPushButton *>(QStringLiteral("useRecommendedButton"));
        auto *probed = view.findChild<QPushButton *>(QStringLiteral("useProbedButton"));
        QVERIFY(recommended->isEnabled() && probed->isEnabled());
        for (RunState busy : { RunState::Running, RunState::Paused, RunState::Probing }) {
            view.setRunState(busy);
            QVERIFY(!recommended->isEnabled() && !probed->isEnabled());
        }
        view.setRunState(RunState::Finished);
        QVERIFY(recommended->isEnabled() && probed->isEnabled());
    }

    void probeOffersTheFastestSizeWithinTheBudget()
    {
        QCOMPARE(BatchSizeProbe::defaultSizes(20), (QList<int> { 1, 2, 4, 8, 16, 20 }));
        QCOMPARE(BatchSizeProbe::defaultSizes(8), (QList<int> { 1, 2, 4, 8 }));

        Workspace workspace(m_market.path());
        MemoryTuningView view(workspace);
        view.setBudgetBytes(2000 * kMegabyte);
        view.setUniverseSize(20);
        QSignalSpy requested(&view, &MemoryTuningView::probeRequested);
        QSignalSpy stop(&view, &MemoryTuningView::probeStopRequested);
        QTest::mouseClick(
            view.findChild<QPushButton *>(QStringLiteral("probeButton")), Qt::LeftButton);
        QCOMPARE(
            requested.first().first().value<QList<int>>(), (QList<int> { 1, 2, 4, 8, 16, 20 }));
        // The session starts the probe: the view shows what the session's state says.
        QVERIFY(!view.isProbing());
        view.setRunState(RunState::Probing);
        QVERIFY(view.isProbing());
        auto *probeButton = view.findChild<QPushButton *>(QStringLiteral("probeButton"));
        QCOMPARE(probeButton->text(), QStringLiteral("Stop &probe"));
        view.addProbeResult(trial(1, 0.5)); // 2 series/s
        view.addProbeResult(trial(2, 0.5)); // 4
        view.addProbeResult(trial(4, 0.8)); // 5
        view.addProbeResult(trial(8, 1.0)); // 8
        QCOMPARE(stop.count(), 0);
        view.addProbeResult(trial(16, 1.0)); // 2600 MB: over the budget
        QCOMPARE(stop.count(), 1);
        view.setRunState(RunState::Idle);
        view.finishProbe();
        QVERIFY(!view.isProbing());
        QCOMPARE(probeButton->text(), QStringLiteral("&Probe"));
        QCOMPARE(view.bestProbedBatchSize(), 8);
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("probeLabel"))
                    ->text()
                    .contains(QStringLiteral("8 series per batch (about 8.0 series/s for a run to "
                                             "horizon 90, extrapolated from trials of 8 steps)")));
        auto *peaks = qobject_cast<QCPBars *>(view.probeChart()->plot()->plottable(0));
        QVERIFY(peaks);
        QCOMPARE(peaks->data()->size(), 5);
        // The completed trials join the fit.
        QCOMPARE(view.fit().observations, 5);

        QSignalSpy chosen(&view, &MemoryTuningView::batchSizeChosen);
        QTest::mouseClick(
            view.findChild<QPushButton *>(QStringLiteral("useProbedButton")), Qt::LeftButton);
        QCOMPARE(chosen.first().first().toInt(), 8);
        // 8's 1800 MB is within a 1900 MB budget but not within 90% of it.
        view.setBudgetBytes(1900 * kMegabyte);
        QCOMPARE(view.bestProbedBatchSize(), 4);
    }

    void aFailedTrialIsNeitherOfferedNorFitted()
    {
        Workspace workspace(m_market.path());
        MemoryTuningView view(workspace);
        view.setBudgetBytes(4000 * kMegabyte);
        view.setUniverseSize(20);
        QSignalSpy stop(&view, &MemoryTuningView::probeStopRequested);
        view.startProbe();
        view.setRunState(RunState::Probing);
        view.addProbeResult(trial(1, 0.5));
        ProbeTrial failed = trial(2, 0.0);
        failed.peakBytes = 1100 * kMegabyte; // where memory stood when it stopped
        failed.failure = QStringLiteral("std::bad_alloc");
        view.addProbeResult(failed);
        QCOMPARE(stop.count(), 1);
        view.setRunState(RunState::Idle);
        view.finishProbe();
        QCOMPARE(view.bestProbedBatchSize(), 1);
        QCOMPARE(view.fit().observations, 1);
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("probeLabel"))
                    ->text()
                    .contains(QStringLiteral(
                        "2 series per batch failed when probed within 4000 MiB: std::bad_alloc")));
        auto *failedBars = qobject_cast<QCPBars *>(view.probeChart()->plot()->plottable(1));
        QVERIFY(failedBars);
        QCOMPARE(failedBars->data()->size(), 1);
    }

    void probeTextFollowsTheBudgetAndForgetsAnotherCheckpoint()
    {
        // Issue 15.8: "over the budget of 350 MB" stayed on screen under another budget and
        // another checkpoint.
        Workspace workspace(m_market.path());
        MemoryTuningView view(workspace);
        view.setTarget(spec(QStringLiteral("probed")));
        view.setBudgetBytes(2000 * kMegabyte);
        view.setUniverseSize(20);
        view.startProbe();
        view.setRunState(RunState::Probing);
        view.addProbeResult(trial(1, 0.5)); // 1100 MB
        view.addProbeResult(trial(4, 0.8)); // 1400 MB
        view.setRunState(RunState::Idle);
        view.finishProbe();
        auto *probeText = view.findChild<QLabel *>(QStringLiteral("probeLabel"));
        QVERIFY2(probeText->text().startsWith(
                     QStringLiteral("Fastest within 90% of the 2000 MiB budget: 4 series")),
            qPrintable(probeText->text()));
        // 1400 MB does not fit 90% of 1500 MB: the text says what the new budget allows.
        view.setBudgetBytes(1500 * kMegabyte);
        QVERIFY2(probeText->text().startsWith(
                     QStringLiteral("Fastest within 90% of the 1500 MiB budget: 1 series")),
            qPrintable(probeText->text()));
        RunSpec other = spec(QStringLiteral("other checkpoint"));
        other.model.modelDir = QStringLiteral("/models/Kronos-base");
        view.setTarget(other);
        QCOMPARE(probeText->text(), QString());
        QVERIFY(view.observations().probe.isEmpty());
    }

    void probeWaitsWhileBlocked()
    {
        Workspace workspace(m_market.path());
        MemoryTuningView view(workspace);
        view.setUniverseSize(20);
        auto *probeButton = view.findChild<QPushButton *>(QStringLiteral("probeButton"));
        QVERIFY(probeButton->isEnabled());
        view.setProbeBlocked(QStringLiteral("A run is going"));
        QVERIFY(!probeButton->isEnabled());
        QCOMPARE(probeButton->toolTip(), QStringLiteral("A run is going"));
        QSignalSpy requested(&view, &MemoryTuningView::probeRequested);
        view.startProbe();
        QCOMPARE(requested.count(), 0);
        view.setProbeBlocked(QString());
        QVERIFY(probeButton->isEnabled());
    }

    void readsThePastBatchesOfTheSameCheckpointAndDevice()
    {
        Workspace workspace(m_market.path());
        MemoryTuningView view(workspace);
        QSignalSpy loaded(&view, &MemoryTuningView::observationsLoaded);
        view.setTarget(spec(QStringLiteral("next")), m_interrupted);
        QVERIFY(loaded.wait(30000));
        QCOMPARE(view.observations().error, QString());
        // The finished run's two batches; not the excluded current run, not the CUDA run.
        QCOMPARE(view.observations().pastRuns.size(), 2);
        QCOMPARE(view.fit().observations, 2);
    }

    void aNewTargetForgetsWhatBelongsToAnother()
    {
        Workspace workspace(m_market.path());
        MemoryTuningView view(workspace);
        QSignalSpy loaded(&view, &MemoryTuningView::observationsLoaded);
        view.setUniverseSize(20);
        view.setTarget(spec(QStringLiteral("next")), m_interrupted);
        QVERIFY(loaded.wait(30000));
        view.addRunBatch(batch(0, 4));
        view.startProbe();
        view.setRunState(RunState::Probing);
        view.addProbeResult(trial(1, 0.5));
        view.setRunState(RunState::Idle);
        view.finishProbe();

        // The same checkpoint and device, a new run: the last run's batches are stored runs
        // now, the probe still holds.
        view.setTarget(spec(QStringLiteral("again")));
        QVERIFY(view.observations().currentRun.isEmpty());
        QCOMPARE(view.observations().probe.size(), 1);
        QVERIFY(loaded.wait(30000));
        QCOMPARE(view.observations().probe.size(), 1);

        // The setup's edits that keep checkpoint and device reload nothing.
        loaded.clear();
        view.followTarget(spec(QStringLiteral("renamed")));
        QVERIFY(!loaded.wait(300));

        // Another device: the trials measured something else.
        view.followTarget(spec(QStringLiteral("gpu"), QStringLiteral("cuda")));
        QVERIFY(view.observations().probe.isEmpty());
        QVERIFY(loaded.wait(30000));
    }
};

QTEST_MAIN(TestRunHistory)
#include "test_run_history.moc"
