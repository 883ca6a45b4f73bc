#include "data/bundled_sample.h"
#include "data/csv_importer.h"
#include "data/market_database.h"
#include "data/universe_repository.h"
#include "main_window_driver.h"
#include "run/batch_size_probe.h"
#include "run/run_repository.h"
#include "run/scoring_worker.h"
#include "test_paths.h"
#include "ui/evaluation_view.h"
#include "ui/log_panel.h"
#include "ui/memory_tuning_view.h"
#include "ui/run_history_panel.h"
#include "workbench/run_results.h"
#include "workbench/run_session.h"

#include <QAbstractItemView>
#include <QMessageBox>
#include <QProgressBar>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QtTest>
#include <atomic>
#include <functional>
#include <new>

using namespace MainWindowDriver;

// The main window driven by objectName: first start, a run on the fixture checkpoint, cancel and
// resume, out-of-memory backoffs and skipped tickers, the batch-size probe, settings across a
// restart.
class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_folder;

    QString databasePath() const { return m_folder.filePath(QStringLiteral("market.sqlite")); }

    // The window after its first start, with the fixture checkpoint loaded and a valid setup.
    static void prepare(MainWindow &window)
    {
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(catalogLoaded(window), CatalogTimeoutMs);
        chooseFixtureCheckpoint(window);
        chooseBatchSize(window, 4);
    }

    // A run of the smallest sector universe on two dates, in batches of `batchSize`, started.
    static void startSmallRun(MainWindow &window, int batchSize)
    {
        prepare(window);
        chooseSmallUniverse(window);
        chooseDates(window);
        chooseBatchSize(window, batchSize);
        QTRY_VERIFY(child<QPushButton>(window, "startButton")->isEnabled());
        QTest::mouseClick(child<QPushButton>(window, "startButton"), Qt::LeftButton);
    }

    // Starts a probe on a small universe and waits until its first trial is shown and the
    // worker is held after it, so the probe is still going when the test acts; the test then
    // releases `gate`.
    static void startHeldProbe(MainWindow &window, const std::shared_ptr<WorkerGate> &gate)
    {
        prepare(window);
        chooseSmallUniverse(window);
        chooseDates(window);
        QTRY_VERIFY(child<QPushButton>(window, "startButton")->isEnabled());
        QTest::mouseClick(child<QPushButton>(window, "probeButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(gate->isHolding()
                && child<MemoryTuningView>(window, "memoryTuningView")->observations().probe.size()
                    == 1,
            RunTimeoutMs);
    }

    // The (date, ticker, horizon) of every row the scores table shows, sorted: a row shown twice
    // appears twice.
    static QStringList tableKeys(MainWindow &window)
    {
        QStringList keys;
        const ScoreTableModel *model = child<ScoresPanel>(window, "scoresPanel")->model();
        for (int row = 0; row < model->rowCount(); ++row)
            keys << scoreKey(model->row(row));
        keys.sort();
        return keys;
    }

    QStringList storedKeys(qint64 runId) const
    {
        MarketDatabase market;
        market.open(databasePath());
        QStringList keys;
        for (const ScoreRow &row : RunRepository(market.database()).scores(runId))
            keys << scoreKey(row);
        keys.sort();
        return keys;
    }

    static QString scoreKey(const ScoreRow &row)
    {
        return QStringLiteral("%1 %2 %3")
            .arg(row.date.date().toString(Qt::ISODate), row.ticker)
            .arg(row.horizon);
    }

    // A run of the smallest sector universe in batches of one, its worker held by `gate` after
    // the first batch (the test releases it).
    static void startRunHeldAfterItsFirstBatch(
        MainWindow &window, std::shared_ptr<WorkerGate> &gate)
    {
        gate = holdAfterBatch(window, 0);
        startSmallRun(window, 1);
        if (!QTest::currentTestFailed())
            QTRY_VERIFY_WITH_TIMEOUT(gate->isHolding(), RunTimeoutMs);
    }

    // Answers the next modal question from the event loop it runs (its exec() blocks the test).
    void whenAsked(const std::function<void(QMessageBox &)> &answer)
    {
        QTimer::singleShot(0, this, [answer] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            // A check failing inside `answer` returns early: the box is closed anyway, so the
            // test fails instead of waiting for an answer that never comes.
            const auto closeAnyway = qScopeGuard([box] {
                if (box->isVisible())
                    box->reject();
            });
            answer(*box);
        });
    }

    // A run of the smallest sector universe in batches of one, cancelled once two batches are
    // shown.
    static void startAndCancelAfterTwoBatches(MainWindow &window)
    {
        const auto gate = holdAfterBatch(window, 1);
        startSmallRun(window, 1);
        if (!QTest::currentTestFailed())
            cancelAfterTwoBatches(window, *gate);
    }

    // Cancels the run going while `gate` holds its worker after the second batch
    // (holdAfterBatch(window, 1)), then waits until the run has stopped.
    static void cancelAfterTwoBatches(MainWindow &window, WorkerGate &gate)
    {
        QTRY_VERIFY_WITH_TIMEOUT(
            gate.isHolding() && child<BatchChartPanel>(window, "batchChart")->barCount() == 2,
            RunTimeoutMs);
        QTest::mouseClick(child<QPushButton>(window, "cancelButton"), Qt::LeftButton);
        gate.release();
        QTRY_VERIFY_WITH_TIMEOUT(
            progressText(window).startsWith(QStringLiteral("Cancelled")), RunTimeoutMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_folder.isValid());
        useTemporaryEnvironment(m_folder, "test_main_window");
    }

    void firstStartPreselectsTheSampleAndWarnsAboutRandomWeights()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Kronos Workbench"));
        QCOMPARE(window.objectName(), QStringLiteral("mainWindow"));
        QTRY_VERIFY_WITH_TIMEOUT(catalogLoaded(window), CatalogTimeoutMs);
        QVERIFY(child<QComboBox>(window, "universeCombo")
                    ->currentText()
                    .startsWith(QStringLiteral("Sample (")));
        // No checkpoint configured: random weights, the banner, and still a valid run.
        QVERIFY(child<QLabel>(window, "randomWeightsBanner")->isVisible());
        QVERIFY(child<QLabel>(window, "randomWeightsBanner")
                    ->text()
                    .contains(QStringLiteral("MEANINGLESS")));
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(window, "checkpointStatus")
                                     ->text()
                                     .contains(QStringLiteral("Random weights")),
            CatalogTimeoutMs);
        QTRY_VERIFY(child<QPushButton>(window, "startButton")->isEnabled());
    }

    void invalidEntriesAreExplainedAndDisableStart()
    {
        MainWindow window;
        prepare(window);
        QTRY_VERIFY(child<QPushButton>(window, "startButton")->isEnabled());

        auto *custom = child<QLineEdit>(window, "customHorizonsEdit");
        custom->setText(QStringLiteral("5, soon"));
        QVERIFY(!child<QPushButton>(window, "startButton")->isEnabled());
        QVERIFY(child<QLabel>(window, "horizonsProblem")->isVisible());
        QVERIFY(
            child<QLabel>(window, "horizonsProblem")->text().contains(QStringLiteral("'soon'")));
        custom->clear();
        QVERIFY(child<QPushButton>(window, "startButton")->isEnabled());

        chooseDates(window);
        auto *to = child<QDateEdit>(window, "toDateEdit");
        to->setDate(child<QDateEdit>(window, "fromDateEdit")->date().addDays(-3));
        QVERIFY(!child<QPushButton>(window, "startButton")->isEnabled());
        QVERIFY(child<QLabel>(window, "datesProblem")->text().contains(QStringLiteral("before")));
        chooseDates(window);

        // A broken checkpoint: the loader's exact message, and no Start.
        typeFolder(window, "modelFolderEdit", m_folder.path());
        QTRY_VERIFY(child<QLabel>(window, "checkpointProblem")->isVisible());
        QVERIFY(child<QLabel>(window, "checkpointProblem")
                    ->text()
                    .contains(QStringLiteral("config.json")));
        QVERIFY(!child<QPushButton>(window, "startButton")->isEnabled());
        chooseFixtureCheckpoint(window);
        QTRY_VERIFY(child<QPushButton>(window, "startButton")->isEnabled());
        QVERIFY(!child<QLabel>(window, "randomWeightsBanner")->isVisible());
    }

    void runScoresASmallUniverseOnTwoDates()
    {
        MainWindow window;
        prepare(window);
        chooseSmallUniverse(window);
        chooseDates(window);
        QTRY_VERIFY(child<QPushButton>(window, "startButton")->isEnabled());
        QSignalSpy evaluated(
            child<EvaluationView>(window, "evaluationView"), &EvaluationView::evaluated);
        QTest::mouseClick(child<QPushButton>(window, "startButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            progressText(window).startsWith(QStringLiteral("Finished")), RunTimeoutMs);

        const int series = seriesToScore(window);
        const int members = chosenUniverseSize(window);
        QVERIFY2(series > 0 && series <= 2 * members, qPrintable(QString::number(series)));
        QCOMPARE(scoreRows(window), series * 3); // horizons 20, 60 and 90
        QVERIFY(child<MemoryChartPanel>(window, "memoryChart")->sampleCount() > 0);
        QCOMPARE(child<BatchChartPanel>(window, "batchChart")->barCount(), (series + 3) / 4);
        QCOMPARE(child<MemoryChartPanel>(window, "memoryChart")->boundaryCount(), (series + 3) / 4);
        QVERIFY(child<QPushButton>(window, "startButton")->isEnabled());
        QVERIFY(!child<QPushButton>(window, "resumeButton")->isEnabled());
        QVERIFY(child<LogPanel>(window, "logPanel")->text().contains(QStringLiteral("Finished:")));
        // A finished run is evaluated against the database's prices.
        QTRY_VERIFY_WITH_TIMEOUT(evaluated.count() >= 1, RunTimeoutMs);
    }

    void resultViewsNameTheirRunAndForgetItWhenDeleted()
    {
        // Issue 15.12: which run is this? And a deleted run stayed on screen.
        MainWindow window;
        QSignalSpy evaluated(
            child<EvaluationView>(window, "evaluationView"), &EvaluationView::evaluated);
        startSmallRun(window, 4);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(
            progressText(window).startsWith(QStringLiteral("Finished")), RunTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(evaluated.count() >= 1, RunTimeoutMs);
        const RunSession *session = window.findChild<RunSession *>();
        const qint64 runId = session->runId();
        const QString name = window.findChild<RunResults *>()->identity().name;
        const QString header = QStringLiteral("Run %1 '%2' · kronos-narrow/model").arg(runId).arg(name);
        QCOMPARE(child<QLabel>(window, "scoresRunLabel")->text(), header);
        QCOMPARE(child<QLabel>(window, "forecastRunLabel")->text(), header);
        QCOMPARE(child<QLabel>(window, "evaluationRunLabel")->text(), header);
        // The evaluated dates, per horizon — not the price calendar.
        const QString status = child<QLabel>(window, "evaluationStatus")->text();
        QVERIFY2(status.contains(QStringLiteral("dates at 20 days"))
                && !status.contains(QStringLiteral("trading days")),
            qPrintable(status));

        auto *history = child<RunHistoryPanel>(window, "runHistoryPanel");
        QTRY_VERIFY(!history->runs().isEmpty() && history->runs().first().id == runId);
        history->deleteRun(runId);
        QTRY_COMPARE(scoreRows(window), 0);
        QCOMPARE(child<QLabel>(window, "scoresRunLabel")->text(), QStringLiteral("No run"));
        QCOMPARE(child<QLabel>(window, "forecastRunLabel")->text(), QStringLiteral("No run"));
        QCOMPARE(child<QLabel>(window, "evaluationRunLabel")->text(), QStringLiteral("No run"));
        auto *evaluation = child<EvaluationView>(window, "evaluationView");
        QCOMPARE(evaluation->outcome().runId, 0);
        QCOMPARE(evaluation->summaryTable()->model()->rowCount(), 0);
        QCOMPARE(child<BatchChartPanel>(window, "batchChart")->barCount(), 0);
        // Nor does the control bar's summary of it stay ("Finished: … series"), nor its progress.
        QCOMPARE(progressText(window), QString());
        QCOMPARE(child<QProgressBar>(window, "runProgress")->value(), 0);
    }

    void oneMemoryBudgetForRunsAutoAndProbe()
    {
        // Issue 15.5: three budgets on screen at once (a greyed one in Run setup, the device's
        // default in the log, 4096 MB in Memory tuning after a restart).
        constexpr qint64 BudgetMiB = 3000;
        {
            MainWindow window;
            prepare(window);
            chooseSmallUniverse(window);
            chooseDates(window);
            chooseBatchSize(window, 4); // a fixed size: the budget still applies
            auto *budget = child<QSpinBox>(window, "memoryBudgetSpin");
            QVERIFY(budget->isEnabled());
            budget->setValue(int(BudgetMiB));
            auto *tuning = child<MemoryTuningView>(window, "memoryTuningView");
            QCOMPARE(tuning->budgetBytes(), BudgetMiB * 1048576);
            const QString label = child<QLabel>(window, "budgetLabel")->text();
            QVERIFY2(label.contains(QStringLiteral("3000 MiB"))
                    && label.contains(QStringLiteral("application's own memory")),
                qPrintable(label));

            QSignalSpy started(window.findChild<RunSession *>(), &RunSession::runStarted);
            QTRY_VERIFY(child<QPushButton>(window, "startButton")->isEnabled());
            QTest::mouseClick(child<QPushButton>(window, "startButton"), Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(
                progressText(window).startsWith(QStringLiteral("Finished")), RunTimeoutMs);
            QCOMPARE(started.count(), 1);
            QCOMPARE(started.first().first().value<RunPlanSummary>().budgetBytes,
                BudgetMiB * 1048576);
            QCOMPARE(tuning->budgetBytes(), BudgetMiB * 1048576);
            QVERIFY(window.close());
        }
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(catalogLoaded(window), CatalogTimeoutMs);
        QCOMPARE(child<QSpinBox>(window, "memoryBudgetSpin")->value(), int(BudgetMiB));
        QTRY_COMPARE(child<MemoryTuningView>(window, "memoryTuningView")->budgetBytes(),
            BudgetMiB * 1048576);
        child<QSpinBox>(window, "memoryBudgetSpin")->setValue(0); // the device's default again
        QVERIFY(window.close());
    }

    void aStoredRunOpensFromTheRunHistory()
    {
        MainWindow window;
        startSmallRun(window, 4);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(
            progressText(window).startsWith(QStringLiteral("Finished")), RunTimeoutMs);
        const int rows = scoreRows(window);
        const int bars = child<BatchChartPanel>(window, "batchChart")->barCount();
        QVERIFY(rows > 0);

        // The memory-tuning view learned from the run's batches; its choice sets the batch size.
        auto *tuning = child<MemoryTuningView>(window, "memoryTuningView");
        QTRY_VERIFY(tuning->observations().currentRun.size() == bars);
        Q_EMIT tuning->batchSizeChosen(3);
        QCOMPARE(child<QSpinBox>(window, "batchSizeSpin")->value(), 3);

        // Opening the run again from the history shows the same rows and batches, read back.
        auto *history = child<RunHistoryPanel>(window, "runHistoryPanel");
        QTRY_VERIFY(
            !history->runs().isEmpty() && history->runs().first().status == RunStatus::Finished);
        auto *results = window.findChild<RunResults *>();
        QSignalSpy reset(results, &RunResults::reset);
        QSignalSpy shown(results, &RunResults::storedRunShown);
        Q_EMIT history->openRequested(history->runs().first().id);
        QVERIFY(shown.wait(RunTimeoutMs));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(scoreRows(window), rows);
        QCOMPARE(child<BatchChartPanel>(window, "batchChart")->barCount(), bars);
    }

    void runsTableFollowsTheRunningRun()
    {
        // Issue 15.10: the Runs tab said "0 of 476" while the run was at 70%.
        MainWindow window;
        const auto gate = holdAfterBatch(window, 1);
        startSmallRun(window, 1);
        if (QTest::currentTestFailed())
            return;
        auto *history = child<RunHistoryPanel>(window, "runHistoryPanel");
        const RunSession *session = window.findChild<RunSession *>();
        const auto scoredText = [history, session]() -> QString {
            const QAbstractItemModel *model = history->runTable()->model();
            int column = 0;
            while (column < model->columnCount()
                && model->headerData(column, Qt::Horizontal).toString() != QLatin1String("Scored"))
                ++column;
            for (int row = 0; row < history->runs().size(); ++row) {
                if (history->runs().at(row).id == session->runId())
                    return model->index(row, column).data().toString();
            }
            return QString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(gate->isHolding()
                && child<BatchChartPanel>(window, "batchChart")->barCount() == 2,
            RunTimeoutMs);
        QTRY_VERIFY2(scoredText().startsWith(QStringLiteral("2 of ")), qPrintable(scoredText()));
        gate->release();
        QTRY_VERIFY_WITH_TIMEOUT(
            progressText(window).startsWith(QStringLiteral("Finished")), RunTimeoutMs);
        QTRY_VERIFY(scoredText().startsWith(QStringLiteral("%1 of ").arg(seriesToScore(window))));
    }

    // Bug: cancel run A, open run B from Runs, press Resume — A's new rows joined B's table.
    void resumeAfterOpeningAnotherRunShowsTheResumedRunAlone()
    {
        MainWindow window;
        startSmallRun(window, 4);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(
            progressText(window).startsWith(QStringLiteral("Finished")), RunTimeoutMs);
        auto *results = window.findChild<RunResults *>();
        const qint64 runB = results->runId();
        const QStringList rowsOfB = tableKeys(window);

        // Run A: another date range, cancelled after two batches.
        const auto gate = holdAfterBatch(window, 1);
        chooseDates(window, 3);
        chooseBatchSize(window, 1);
        QTRY_VERIFY(child<QPushButton>(window, "startButton")->isEnabled());
        QTest::mouseClick(child<QPushButton>(window, "startButton"), Qt::LeftButton);
        cancelAfterTwoBatches(window, *gate);
        const qint64 runA = results->runId();
        QVERIFY(runA != runB);
        const int plannedA = seriesToScore(window);

        auto *history = child<RunHistoryPanel>(window, "runHistoryPanel");
        QSignalSpy shown(results, &RunResults::storedRunShown);
        Q_EMIT history->openRequested(runB);
        QVERIFY(shown.wait(RunTimeoutMs));
        QCOMPARE(tableKeys(window), rowsOfB);

        QTest::mouseClick(child<QPushButton>(window, "resumeButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            progressText(window).startsWith(QStringLiteral("Finished")), RunTimeoutMs);
        QCOMPARE(results->runId(), runA);
        QCOMPARE(tableKeys(window), storedKeys(runA));
        QCOMPARE(scoreRows(window), plannedA * 3);
        QCOMPARE(storedKeys(runB), rowsOfB);
        // Issue 15.11: the live charts show A's whole life, its first session's two batches
        // included, not only what the resumed session scored.
        QTRY_COMPARE(child<BatchChartPanel>(window, "batchChart")->barCount(), plannedA);
    }

    // Bug: resuming from Runs filled the table from the worker and from the stored read, so a
    // batch committed before the read landed appeared twice.
    void resumingFromRunsShowsEachScoreOnce()
    {
        MainWindow window;
        startAndCancelAfterTwoBatches(window);
        if (QTest::currentTestFailed())
            return;
        auto *results = window.findChild<RunResults *>();
        const qint64 run = results->runId();
        const int planned = seriesToScore(window);

        auto *history = child<RunHistoryPanel>(window, "runHistoryPanel");
        QTRY_VERIFY(!history->runs().isEmpty() && history->isResumable(history->runs().first()));
        history->selectRun(run);
        QTest::mouseClick(child<QPushButton>(window, "resumeRunButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            progressText(window).startsWith(QStringLiteral("Finished")), RunTimeoutMs);
        QCOMPARE(results->runId(), run);
        QCOMPARE(scoreRows(window), planned * 3);
        QCOMPARE(tableKeys(window), storedKeys(run));
    }

    void cancelMidRunLeavesAResumableRun()
    {
        MainWindow window;
        startAndCancelAfterTwoBatches(window);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(child<QPushButton>(window, "resumeButton")->isEnabled());
        const int scoredBefore = scoreRows(window) / 3;
        const int planned = seriesToScore(window);
        QVERIFY(scoredBefore < planned);

        {
            MarketDatabase market;
            market.open(databasePath());
            RunRepository runs(market.database());
            const QList<RunRecord> records = runs.list();
            QVERIFY(!records.isEmpty());
            QCOMPARE(records.first().status, RunStatus::Cancelled);
            QCOMPARE(records.first().scored, scoredBefore);
        }

        // Resume finishes what is left, and nothing twice.
        QTest::mouseClick(child<QPushButton>(window, "resumeButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            progressText(window).startsWith(QStringLiteral("Finished")), RunTimeoutMs);
        QCOMPARE(scoreRows(window), planned * 3);
    }

    // A resumed run keeps the budget it was started with; once it has ended, Memory tuning shows
    // the setup's again, the one the next run, Auto and Probe use (it used to keep the run's
    // until the setup was edited, and recommended batch sizes for it).
    void afterAResumedRunTuningShowsTheSetupsBudget()
    {
        constexpr qint64 MiB = 1048576;
        MainWindow window;
        const auto gate = holdAfterBatch(window, 1);
        prepare(window);
        auto *budget = child<QSpinBox>(window, "memoryBudgetSpin");
        // The budget is remembered: the device's default again for the tests after this one,
        // whatever happens here.
        const auto resetBudget = qScopeGuard([budget] { budget->setValue(0); });
        budget->setValue(2000);
        startSmallRun(window, 1);
        if (QTest::currentTestFailed())
            return;
        cancelAfterTwoBatches(window, *gate);
        budget->setValue(3000);
        auto *tuning = child<MemoryTuningView>(window, "memoryTuningView");
        QCOMPARE(tuning->budgetBytes(), 3000 * MiB);

        QSignalSpy started(window.findChild<RunSession *>(), &RunSession::runStarted);
        QTest::mouseClick(child<QPushButton>(window, "resumeButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            progressText(window).startsWith(QStringLiteral("Finished")), RunTimeoutMs);
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.first().first().value<RunPlanSummary>().budgetBytes, 2000 * MiB);
        QCOMPARE(tuning->budgetBytes(), 3000 * MiB);
    }

    void resumeContinuesProgressAndLiveChartsRunWide()
    {
        // Issue 15.11: the progress restarted at 0 of what was left and the charts were cleared.
        MainWindow window;
        startAndCancelAfterTwoBatches(window);
        if (QTest::currentTestFailed())
            return;
        const int planned = seriesToScore(window);
        auto *batches = child<BatchChartPanel>(window, "batchChart");
        auto *memory = child<MemoryChartPanel>(window, "memoryChart");
        QCOMPARE(batches->barCount(), 2);
        const int samplesBefore = memory->sampleCount();

        const auto gate = holdAfterBatch(window, 2);
        QTest::mouseClick(child<QPushButton>(window, "resumeButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(gate->isHolding() && batches->barCount() == 3, RunTimeoutMs);
        auto *progress = child<QProgressBar>(window, "runProgress");
        QCOMPARE(progress->maximum(), planned);
        QCOMPARE(progress->value(), 3);
        QVERIFY2(progressText(window).startsWith(QStringLiteral("3 / %1 series").arg(planned)),
            qPrintable(progressText(window)));
        QVERIFY(memory->sampleCount() >= samplesBefore);
        gate->release();
        QTRY_VERIFY_WITH_TIMEOUT(
            progressText(window).startsWith(QStringLiteral("Finished")), RunTimeoutMs);
        // One bar and one boundary per batch of one series, over both sessions.
        QCOMPARE(batches->barCount(), planned);
        QCOMPARE(memory->boundaryCount(), planned);
        QCOMPARE(progress->value(), planned);
    }

    void topResumeContinuesTheLastRunAfterARestart()
    {
        int planned = 0;
        {
            MainWindow window;
            startAndCancelAfterTwoBatches(window);
            if (QTest::currentTestFailed())
                return;
            planned = seriesToScore(window);
            QVERIFY(window.close());
        }
        MarketDatabase market;
        market.open(databasePath());
        RunRepository runs(market.database());
        const RunRecord cancelled = runs.list().first();
        QCOMPARE(cancelled.status, RunStatus::Cancelled);

        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(catalogLoaded(window), CatalogTimeoutMs);
        auto *resume = child<QPushButton>(window, "resumeButton");
        QTRY_VERIFY_WITH_TIMEOUT(resume->isEnabled(), CatalogTimeoutMs);
        QTest::mouseClick(resume, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            progressText(window).startsWith(QStringLiteral("Finished")), RunTimeoutMs);
        QCOMPARE(seriesToScore(window), planned);
        const RunRecord resumed = runs.list().first();
        QCOMPARE(resumed.id, cancelled.id);
        QCOMPARE(resumed.status, RunStatus::Finished);
        QCOMPARE(resumed.scored + resumed.skipped, resumed.planned);
        // A finished run leaves nothing to resume.
        QTRY_VERIFY(!resume->isEnabled());
    }

    void anOutOfMemoryBackoffIsMarkedOnTheMemoryChart()
    {
        MainWindow window;
        prepare(window);
        chooseSmallUniverse(window);
        chooseDates(window);
        // The first batch of 4 fails at its third forward pass, as libtorch does when an
        // allocation fails; the run goes on with batches of 2.
        auto forwards = std::make_shared<std::atomic<int>>(0);
        window.findChild<RunSession *>()->worker()->setBeforeForward([forwards] {
            if (++*forwards == 3)
                throw std::bad_alloc();
        });
        QTRY_VERIFY(child<QPushButton>(window, "startButton")->isEnabled());
        QTest::mouseClick(child<QPushButton>(window, "startButton"), Qt::LeftButton);
        // The worker does one thing at a time: no probe while a run is going.
        QVERIFY(!child<QPushButton>(window, "probeButton")->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(
            progressText(window).startsWith(QStringLiteral("Finished")), RunTimeoutMs);
        QVERIFY(child<QPushButton>(window, "probeButton")->isEnabled());

        auto *memory = child<MemoryChartPanel>(window, "memoryChart");
        QCOMPARE(memory->backoffCount(), 1);
        QCOMPARE(memory->backoffMessages().first(),
            QStringLiteral("Batch 1 of 4 series ran out of memory (std::bad_alloc); retried "
                           "with 2"));
        // The log counts batches as the chart and the status bar do, from 1.
        QVERIFY(child<LogPanel>(window, "logPanel")
                    ->text()
                    .contains(QStringLiteral("batch 1 of 4 series ran out of memory")));
        QCOMPARE(scoreRows(window), seriesToScore(window) * 3);
        QCOMPARE(child<BatchChartPanel>(window, "batchChart")->barCount(),
            (seriesToScore(window) + 1) / 2);
    }

    void skippedTickersReachTheLogWithTheirReasons()
    {
        const QString universe = QStringLiteral("Three and a short one");
        {
            MarketDatabase market;
            market.open(databasePath());
            QVERIFY(
                CsvImporter(market.database()).importFile(testDataPath("CSRA_data.csv")).imported
                > 0);
            UniverseRepository universes(market.database());
            QStringList tickers = universes.find(BundledSample::universeName())->tickers.mid(0, 3);
            tickers << QStringLiteral("CSRA");
            universes.create(universe, QString(), tickers);
        }
        MainWindow window;
        prepare(window);
        auto *universes = child<QComboBox>(window, "universeCombo");
        universes->setCurrentIndex(universes->findData(universe));
        QCOMPARE(universes->currentData().toString(), universe);
        chooseDates(window);
        QTRY_VERIFY(child<QPushButton>(window, "startButton")->isEnabled());
        QTest::mouseClick(child<QPushButton>(window, "startButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            progressText(window).startsWith(QStringLiteral("Finished")), RunTimeoutMs);

        MarketDatabase market;
        market.open(databasePath());
        RunRepository runs(market.database());
        const QList<SkippedSeries> skipped = runs.skipped(runs.list().first().id);
        QCOMPARE(skipped.size(), 2); // CSRA on both dates
        const QString log = child<LogPanel>(window, "logPanel")->text();
        for (const SkippedSeries &series : skipped)
            QVERIFY2(
                log.contains(QStringLiteral("Skipped CSRA on %1: %2")
                                 .arg(series.date.date().toString(Qt::ISODate), series.reason)),
                qPrintable(log));
    }

    void probeMeasuresBatchSizesAndTheSetupTakesTheFastest()
    {
        MainWindow window;
        prepare(window);
        chooseSmallUniverse(window);
        chooseDates(window);
        QTRY_VERIFY(child<QPushButton>(window, "startButton")->isEnabled());
        const int runsBefore = [this] {
            MarketDatabase market;
            market.open(databasePath());
            return int(RunRepository(market.database()).list().size());
        }();
        auto *tuning = child<MemoryTuningView>(window, "memoryTuningView");
        auto *probe = child<QPushButton>(window, "probeButton");
        QTRY_VERIFY(probe->isEnabled());
        QTest::mouseClick(probe, Qt::LeftButton);
        // The worker is busy with the trials: no run can start meanwhile; Cancel stops them.
        QVERIFY(tuning->isProbing());
        QVERIFY(!child<QPushButton>(window, "startButton")->isEnabled());
        QVERIFY(child<QPushButton>(window, "cancelButton")->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!tuning->isProbing(), RunTimeoutMs);

        const int members = chosenUniverseSize(window);
        const QList<ProbeTrial> trials = tuning->observations().probe;
        QVERIFY2(!trials.isEmpty(), qPrintable(child<QLabel>(window, "probeLabel")->text()));
        QCOMPARE(trials.first().size, 1);
        for (const ProbeTrial &trial : trials) {
            QVERIFY(!trial.failed());
            QVERIFY(trial.peakBytes > 0);
            QVERIFY(trial.estimatedSeriesPerSecond() > 0);
            QVERIFY(trial.size <= members);
        }
        QCOMPARE(trials.size(), BatchSizeProbe::defaultSizes(members).size());
        QVERIFY(child<QPushButton>(window, "startButton")->isEnabled());
        QVERIFY(child<QLabel>(window, "probeLabel")->text().startsWith(QStringLiteral("Fastest")));
        // The live memory chart keeps showing the last run (here none), not the trials.
        QCOMPARE(child<MemoryChartPanel>(window, "memoryChart")->sampleCount(), 0);

        const int best = tuning->bestProbedBatchSize();
        QVERIFY(best > 0);
        QTest::mouseClick(child<QPushButton>(window, "useProbedButton"), Qt::LeftButton);
        QVERIFY(!child<QCheckBox>(window, "autoBatchCheck")->isChecked());
        QCOMPARE(child<QSpinBox>(window, "batchSizeSpin")->value(), best);
        // A probe stores no run.
        MarketDatabase market;
        market.open(databasePath());
        QCOMPARE(int(RunRepository(market.database()).list().size()), runsBefore);
    }

    void stopEndsAProbeAfterTheCurrentTrial()
    {
        MainWindow window;
        const auto gate = holdAfterFirstTrial(window);
        startHeldProbe(window, gate);
        if (QTest::currentTestFailed())
            return;
        auto *tuning = child<MemoryTuningView>(window, "memoryTuningView");
        auto *probe = child<QPushButton>(window, "probeButton");
        QCOMPARE(probe->text(), QStringLiteral("Stop &probe"));
        QTest::mouseClick(probe, Qt::LeftButton);
        gate->release();
        QTRY_VERIFY_WITH_TIMEOUT(!tuning->isProbing(), RunTimeoutMs);
        // The trial that had finished, and none after it.
        QCOMPARE(tuning->observations().probe.size(), 1);
        QVERIFY(BatchSizeProbe::defaultSizes(chosenUniverseSize(window)).size() > 1);
        QVERIFY(child<QPushButton>(window, "startButton")->isEnabled());
        QCOMPARE(probe->text(), QStringLiteral("&Probe"));
    }

    void closingDuringAProbeStopsItWithoutAsking()
    {
        MainWindow window;
        const auto gate = holdAfterFirstTrial(window);
        startHeldProbe(window, gate);
        if (QTest::currentTestFailed())
            return;
        // Trial batches keep nothing: no question (a modal one would block this test).
        QVERIFY(!window.close());
        gate->release();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), RunTimeoutMs);
        QVERIFY(!child<MemoryTuningView>(window, "memoryTuningView")->isProbing());
    }

    void pauseIsShownAndLoggedAndResumeContinues()
    {
        MainWindow window;
        const auto gate = holdAfterBatch(window, 0);
        startSmallRun(window, 1);
        if (QTest::currentTestFailed())
            return;
        auto *batches = child<BatchChartPanel>(window, "batchChart");
        QTRY_VERIFY_WITH_TIMEOUT(gate->isHolding() && batches->barCount() == 1, RunTimeoutMs);
        QTest::mouseClick(child<QPushButton>(window, "pauseButton"), Qt::LeftButton);
        QVERIFY(child<QPushButton>(window, "resumeButton")->isEnabled());
        QVERIFY(!child<QPushButton>(window, "pauseButton")->isEnabled());
        gate->release();
        // The worker says when it holds between batches: every batch it started has finished
        // (each started batch draws a boundary, each finished one a bar), and none starts.
        const RunSession *session = window.findChild<RunSession *>();
        QTRY_VERIFY_WITH_TIMEOUT(session->state() == RunState::Paused, RunTimeoutMs);
        auto *memory = child<MemoryChartPanel>(window, "memoryChart");
        QCOMPARE(batches->barCount(), 1);
        QCOMPARE(memory->boundaryCount(), 1);
        QVERIFY(1 < seriesToScore(window));
        // Issue 15.11: a pause was invisible.
        QVERIFY2(progressText(window).startsWith(QStringLiteral("Paused at 1 / ")),
            qPrintable(progressText(window)));
        QVERIFY(window.statusBar()->currentMessage().startsWith(QStringLiteral("Paused")));
        auto *log = child<LogPanel>(window, "logPanel");
        QVERIFY2(log->text().contains(QStringLiteral("paused between batches")),
            qPrintable(log->text()));

        QTest::mouseClick(child<QPushButton>(window, "resumeButton"), Qt::LeftButton);
        QVERIFY(log->text().contains(QStringLiteral("resumed")));
        QTRY_VERIFY_WITH_TIMEOUT(
            progressText(window).startsWith(QStringLiteral("Finished")), RunTimeoutMs);
        QCOMPARE(batches->barCount(), seriesToScore(window));
    }

    void closingDuringARunAsksThenCancels()
    {
        MainWindow window;
        std::shared_ptr<WorkerGate> gate;
        startRunHeldAfterItsFirstBatch(window, gate);
        if (QTest::currentTestFailed())
            return;
        bool asked = false;
        whenAsked([&asked](QMessageBox &box) {
            asked = true;
            box.button(QMessageBox::Yes)->click();
        });
        QVERIFY(!window.close());
        QVERIFY(asked);
        gate->release();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), RunTimeoutMs);

        MarketDatabase market;
        market.open(databasePath());
        RunRepository runs(market.database());
        const RunRecord last = runs.list().first();
        QCOMPARE(last.status, RunStatus::Cancelled);
        QVERIFY(last.scored < last.planned);
    }

    // The run finishes while the question is open: Yes then quits at once, as nothing is left
    // to cancel (the window used to wait for a stop that never came).
    void aRunEndingWhileAskedQuitsOnYes()
    {
        MainWindow window;
        std::shared_ptr<WorkerGate> gate;
        startRunHeldAfterItsFirstBatch(window, gate);
        if (QTest::currentTestFailed())
            return;
        bool finishedWhileAsked = false;
        whenAsked([&](QMessageBox &box) {
            gate->release();
            QTRY_VERIFY_WITH_TIMEOUT(
                progressText(window).startsWith(QStringLiteral("Finished")), RunTimeoutMs);
            finishedWhileAsked = true;
            box.button(QMessageBox::Yes)->click();
        });
        QVERIFY(window.close());
        QVERIFY(finishedWhileAsked);
        QVERIFY(!window.isVisible());
    }

    void settingsAndLayoutSurviveARestart()
    {
        QByteArray geometry;
        {
            MainWindow window;
            prepare(window);
            chooseSmallUniverse(window);
            chooseDates(window);
            child<QSpinBox>(window, "lookbackSpin")->setValue(300);
            child<QCheckBox>(window, "greedyCheck")->setChecked(false);
            child<QSpinBox>(window, "sampleCountSpin")->setValue(3);
            child<QLineEdit>(window, "customHorizonsEdit")->setText(QStringLiteral("5"));
            // Within a 1366 x 768 laptop screen.
            window.resize(1111, 700);
            window.close();
        }
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(catalogLoaded(window), CatalogTimeoutMs);
        QVERIFY(child<QComboBox>(window, "universeCombo")
                    ->currentText()
                    .startsWith(QStringLiteral("Sector:")));
        QVERIFY(child<QCheckBox>(window, "dateRangeCheck")->isChecked());
        QCOMPARE(child<QSpinBox>(window, "lookbackSpin")->value(), 300);
        QCOMPARE(child<QSpinBox>(window, "batchSizeSpin")->value(), 4);
        QVERIFY(!child<QCheckBox>(window, "greedyCheck")->isChecked());
        QCOMPARE(child<QSpinBox>(window, "sampleCountSpin")->value(), 3);
        QCOMPARE(child<QLineEdit>(window, "customHorizonsEdit")->text(), QStringLiteral("5"));
        QCOMPARE(child<QLineEdit>(window, "modelFolderEdit")->text(),
            testDataPath("kronos-narrow/model"));
        QCOMPARE(window.size(), QSize(1111, 700));
    }

    void tabWalksTheRunSetupInReadingOrder()
    {
        MainWindow window;
        prepare(window);
        const QStringList order { "universeCombo", "editUniversesButton", "dateRangeCheck",
            "fromDateEdit", "toDateEdit", "dateStepCombo", "dateEverySpin", "horizon20Check",
            "horizon60Check", "horizon90Check", "customHorizonsEdit", "lookbackSpin",
            "batchSizeSpin", "autoBatchCheck", "memoryBudgetSpin", "deviceCombo", "threadsSpin",
            "greedyCheck", "temperatureSpin", "topPSpin", "topKSpin", "sampleCountSpin", "seedSpin",
            "modelFolderEdit", "modelBrowseButton", "tokenizerFolderEdit", "tokenizerBrowseButton",
            "checkpointManagerButton" };
        // The focus chain from the first field, keeping the named Run setup fields.
        QStringList chain;
        QWidget *widget = child<QWidget>(window, "universeCombo");
        do {
            if (order.contains(widget->objectName()) && !chain.contains(widget->objectName()))
                chain << widget->objectName();
            widget = widget->nextInFocusChain();
        } while (widget != child<QWidget>(window, "universeCombo"));
        QCOMPARE(chain, order);
    }

    void editOpensTheUniverseEditor()
    {
        MainWindow window;
        prepare(window);
        QTest::mouseClick(child<QPushButton>(window, "editUniversesButton"), Qt::LeftButton);
        QDialog *editor = nullptr;
        QTRY_VERIFY((editor = window.findChild<QDialog *>(QStringLiteral("universeEditor")))
            && editor->isVisible());
        editor->reject();
    }

    void aScoresFileIsEvaluatedAsAnExternalRun()
    {
        MainWindow window;
        prepare(window);
        QFile scores(m_folder.filePath(QStringLiteral("signal.csv")));
        QVERIFY(scores.open(QIODevice::WriteOnly));
        scores.write("date,ticker,score,horizon\n");
        const char *tickers[] = { "A", "AAL", "AAP", "AAPL", "ADM", "ADP", "AEE", "AFL" };
        for (int i = 0; i < 8; ++i)
            scores.write(QStringLiteral("2019-06-03,%1,%2,5\n")
                             .arg(QLatin1String(tickers[i]))
                             .arg(i * 0.01)
                             .toUtf8());
        scores.close();
        QSignalSpy evaluated(
            child<EvaluationView>(window, "evaluationView"), &EvaluationView::evaluated);
        window.openScoresFile(scores.fileName());
        QTRY_VERIFY_WITH_TIMEOUT(evaluated.count() == 1, RunTimeoutMs);
        auto *tabs = child<QTabWidget>(window, "viewTabs");
        QCOMPARE(tabs->currentWidget()->objectName(), QStringLiteral("evaluationTab"));
        auto *evaluation = child<EvaluationView>(window, "evaluationView");
        QCOMPARE(child<QLabel>(window, "evaluationRunLabel")->text(),
            QStringLiteral("Scores file signal.csv"));
        // Issue 15.13: every n/a says why (one date: no IR, no t, no turnover).
        int explained = 0;
        for (const QAbstractItemModel *model :
            { evaluation->summaryTable()->model(), evaluation->gateTable()->model() }) {
            for (int row = 0; row < model->rowCount(); ++row) {
                for (int column = 0; column < model->columnCount(); ++column) {
                    const QModelIndex cell = model->index(row, column);
                    if (cell.data().toString() != QLatin1String("n/a"))
                        continue;
                    const QString why = cell.data(Qt::ToolTipRole).toString();
                    QVERIFY2(!why.isEmpty(), qPrintable(QStringLiteral("row %1, column %2")
                                                 .arg(row)
                                                 .arg(column)));
                    ++explained;
                }
            }
        }
        QVERIFY(explained > 0);
        QVERIFY(evaluation->summaryTable()->model()->rowCount() > 0);

        // A broken file is named in the log and in the tab, and the last result goes.
        QFile broken(m_folder.filePath(QStringLiteral("broken.csv")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("day,ticker,score\n2019-06-03,A,1\n");
        broken.close();
        window.openScoresFile(broken.fileName());
        auto *log = child<LogPanel>(window, "logPanel");
        QTRY_VERIFY_WITH_TIMEOUT(log->text().contains(QStringLiteral("broken.csv")), 10000);
        QCOMPARE(evaluated.count(), 1);
        QTRY_COMPARE(child<QLabel>(window, "evaluationRunLabel")->text(),
            QStringLiteral("Scores file broken.csv"));
        QVERIFY(child<QLabel>(window, "evaluationStatus")
                    ->text()
                    .startsWith(QStringLiteral("Not evaluated: ")));
        QCOMPARE(evaluation->summaryTable()->model()->rowCount(), 0);
        QCOMPARE(evaluation->gateTable()->model()->rowCount(), 0);
    }

    void everyControlHasATooltip()
    {
        MainWindow window;
        prepare(window);
        QStringList missing;
        for (QWidget *widget : window.findChildren<QWidget *>()) {
            const bool control = qobject_cast<QAbstractButton *>(widget)
                || qobject_cast<QComboBox *>(widget) || qobject_cast<QAbstractSpinBox *>(widget)
                || qobject_cast<QLineEdit *>(widget);
            // Parts of Qt's composite widgets (a spin box's line edit, a line edit's clear
            // button, a table's corner button, a tab bar's scroll buttons) belong to their owner.
            QWidget *owner = widget->parentWidget();
            const bool part = qobject_cast<QAbstractSpinBox *>(owner)
                || qobject_cast<QComboBox *>(owner) || qobject_cast<QLineEdit *>(owner)
                || qobject_cast<QAbstractItemView *>(owner) || qobject_cast<QTabBar *>(owner)
                || widget->objectName().startsWith(QLatin1String("qt_"));
            if (control && !part && widget->toolTip().isEmpty())
                missing << QStringLiteral("%1 '%2' (%3)")
                               .arg(QLatin1String(widget->metaObject()->className()),
                                   widget->objectName(),
                                   qobject_cast<QAbstractButton *>(widget)
                                       ? qobject_cast<QAbstractButton *>(widget)->text()
                                       : QString());
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
