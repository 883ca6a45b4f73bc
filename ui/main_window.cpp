#include "ui/main_window.h"

#include "data/byte_size.h"
#include "eval/report/report_subject.h"
#include "inference/compute_libraries.h"
#include "kw_version.h"
#include "model/checkpoint_cache.h"
#include "run/run_identity.h"
#include "run/run_records.h"
#include "ui/batch_chart_panel.h"
#include "ui/chart_panel.h"
#include "ui/checkpoint_manager_dialog.h"
#include "ui/dock_width_keeper.h"
#include "ui/evaluation_view.h"
#include "ui/forecast_view.h"
#include "ui/import_dialog.h"
#include "ui/log_panel.h"
#include "ui/memory_chart_panel.h"
#include "ui/memory_status_label.h"
#include "ui/memory_tuning_view.h"
#include "ui/random_weights_banner.h"
#include "ui/run_control_bar.h"
#include "ui/run_history_panel.h"
#include "ui/run_setup_panel.h"
#include "ui/scores_panel.h"
#include "ui/universe_editor.h"
#include "ui/vertical_scroll_area.h"
#include "workbench/market_catalog.h"
#include "workbench/run_results.h"
#include "workbench/run_session.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace {

using Key = WorkbenchSettings::Key;

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_workspace(m_settings.value(Key::DatabasePath).toString())
    , m_session(new RunSession(m_workspace.databasePath(), this))
    , m_results(new RunResults(m_workspace, this))
    , m_setup(new RunSetupPanel(m_settings, m_workspace))
    , m_controls(new RunControlBar)
    , m_banner(new RandomWeightsBanner)
    , m_views(new QTabWidget)
    , m_memoryChart(new MemoryChartPanel(m_workspace.executor()))
    , m_batchChart(new BatchChartPanel(m_workspace.executor()))
    , m_scores(new ScoresPanel(*m_results, m_workspace.executor()))
    , m_forecast(new ForecastView(m_workspace))
    , m_evaluation(new EvaluationView(m_workspace))
    , m_tuning(new MemoryTuningView(m_workspace))
    , m_log(new LogPanel)
    , m_memoryStatus(new MemoryStatusLabel(m_workspace.executor()))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral(KW_APPLICATION_NAME));

    auto *charts = new QSplitter(Qt::Vertical);
    charts->setObjectName(QStringLiteral("liveChartsSplitter"));
    charts->addWidget(m_memoryChart);
    charts->addWidget(m_batchChart);
    charts->setChildrenCollapsible(false);
    m_views->setObjectName(QStringLiteral("viewTabs"));
    m_views->addTab(charts, tr("&Live"));
    m_views->setTabToolTip(0, tr("Memory and batches of the current run, as they happen"));
    m_scores->setObjectName(QStringLiteral("scoresPanel"));
    m_views->addTab(m_scores, tr("&Scores"));
    m_views->setTabToolTip(1, tr("The run's scores: table, bar chart of one date, CSV export"));
    m_forecast->setObjectName(QStringLiteral("forecastView"));
    m_views->addTab(m_forecast, tr("&Forecast"));
    m_views->setTabToolTip(
        2, tr("One ticker's forecast against its prices (activate a ticker in Scores)"));
    m_evaluation->setObjectName(QStringLiteral("evaluationView"));
    // Its tables and charts need more height than a laptop screen leaves; scroll rather than
    // make the whole window that tall.
    auto *evaluationScroll = new QScrollArea;
    evaluationScroll->setObjectName(QStringLiteral("evaluationTab"));
    evaluationScroll->setWidget(m_evaluation);
    evaluationScroll->setWidgetResizable(true);
    evaluationScroll->setFrameShape(QFrame::NoFrame);
    m_views->addTab(evaluationScroll, tr("&Evaluation"));
    m_views->addTab(m_tuning, tr("&Memory tuning"));
    m_views->setTabToolTip(4,
        tr("Which batch size fits this machine: peak memory by batch size, the fit and the "
           "budget"));
    connect(m_tuning, &MemoryTuningView::batchSizeChosen, m_setup, &RunSetupPanel::setBatchSize);
    connect(m_tuning, &MemoryTuningView::probeRequested, this, &MainWindow::startProbe);
    connect(m_tuning, &MemoryTuningView::probeStopRequested, m_session, &RunSession::cancel);
    m_views->setTabToolTip(3,
        tr("How good the finished run's scores are: IC, RankIC, quintiles and gates against the "
           "momentum and reversal baselines"));
    connect(
        m_scores, &ScoresPanel::forecastRequested, this, [this](const ForecastRequest &request) {
            m_forecast->showForecast(request);
            m_views->setCurrentWidget(m_forecast);
        });

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_controls);
    layout->addWidget(m_views, 1);
    setCentralWidget(central);

    // Never narrower than the form needs (a small window cut fields off at the right); taller
    // forms scroll.
    auto *setupScroll = new VerticalScrollArea(m_setup);
    setupScroll->setObjectName(QStringLiteral("runSetupScroll"));
    auto *setupDock = new QDockWidget(tr("Run setup"), this);
    setupDock->setObjectName(QStringLiteral("runSetupDock"));
    setupDock->setWidget(setupScroll);
    addDockWidget(Qt::LeftDockWidgetArea, setupDock);
    new DockWidthKeeper(this, setupDock);
    auto *logDock = new QDockWidget(tr("Log"), this);
    logDock->setObjectName(QStringLiteral("logDock"));
    logDock->setWidget(m_log);
    addDockWidget(Qt::BottomDockWidgetArea, logDock);
    // The charts get the height; the log is for reading a few lines at a time.
    resizeDocks({ logDock }, { 140 }, Qt::Vertical);
    resizeDocks({ setupDock }, { 420 }, Qt::Horizontal);

    statusBar()->addPermanentWidget(m_memoryStatus);
    buildMenus();
    connectRunSession();
    connectRunResults();

    connect(m_setup, &RunSetupPanel::validityChanged, m_controls, &RunControlBar::setStartAllowed);
    connect(m_setup, &RunSetupPanel::startHintChanged, m_controls, &RunControlBar::setStartHint);
    connect(m_setup, &RunSetupPanel::specChanged, this, &MainWindow::followSetupInTuning);
    connect(m_memoryStatus, &MemoryStatusLabel::idleReading, m_setup,
        &RunSetupPanel::setMemoryReading);
    connect(m_setup, &RunSetupPanel::validityChanged, this, &MainWindow::updateProbeAvailability);
    connect(m_setup, &RunSetupPanel::randomWeightsChanged, m_banner, &QWidget::setVisible);
    connect(m_setup, &RunSetupPanel::checkpointManagerRequested, this,
        &MainWindow::openCheckpointManager);
    connect(
        m_setup, &RunSetupPanel::universeEditorRequested, this, &MainWindow::openUniverseEditor);
    m_banner->setVisible(m_setup->usesRandomWeights());
    connect(m_controls, &RunControlBar::startRequested, this, &MainWindow::startRun);
    connect(m_controls, &RunControlBar::pauseRequested, m_session, &RunSession::pause);
    connect(m_controls, &RunControlBar::resumeRequested, this, &MainWindow::resumeRun);
    connect(m_controls, &RunControlBar::cancelRequested, m_session, &RunSession::cancel);

    connect(&m_catalog, &QFutureWatcher<MarketCatalog>::finished, this,
        [this] { showCatalog(m_catalog.result()); });
    statusBar()->showMessage(tr("Opening the market database…"));
    reloadCatalog();

    resize(1280, 860);
    restoreGeometry(m_settings.value(Key::WindowGeometry).toByteArray());
    restoreState(m_settings.value(Key::WindowState).toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *import
        = file->addAction(tr("&Import CSV files…"), this, &MainWindow::openImportDialog);
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    file->addAction(tr("&Universes…"), this, &MainWindow::openUniverseEditor);
    file->addAction(tr("&Checkpoints…"), this, &MainWindow::openCheckpointManager);
    file->addAction(tr("&Evaluate a scores file…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Scores of any signal"),
            QString(), tr("CSV files (date,ticker,score[,horizon]) (*.csv);;All files (*)"));
        if (!path.isEmpty())
            openScoresFile(path);
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, [this] {
        QMessageBox::about(this, tr("About"),
            tr("<b>%1 %2</b><br>Runs the Kronos forecasting model over a universe "
               "of tickers and evaluates its scores.<br><br>libtorch %3<br>BLAS: %4"
               "<br><br>Checkpoint in use: %5")
                .arg(QStringLiteral(KW_APPLICATION_NAME), QStringLiteral(KW_VERSION),
                    kronos::libtorchVersion(), kronos::blasDescription().toHtmlEscaped(),
                    RunIdentity { 0, {}, m_setup->spec().model }.checkpointText().toHtmlEscaped()));
    });
}

void MainWindow::connectRunSession()
{
    // What the session reports about a run goes to the run's results, which drop what belongs
    // to another run than the one shown.
    connect(m_session, &RunSession::runStarted, m_results, &RunResults::followSession);
    connect(m_session, &RunSession::runStarted, this, &MainWindow::showRunStarted);
    connect(m_session, &RunSession::scoresReady, m_results, &RunResults::addScores);
    connect(m_session, &RunSession::batchStarted, this,
        [this](qint64 runId, int index, int count, int size) {
            m_results->markBatchStart(runId, index);
            statusBar()->showMessage(
                tr("Batch %1 of %2 (%3 series)").arg(index + 1).arg(count).arg(size));
        });
    connect(m_session, &RunSession::batchFinished, this,
        [this](qint64 runId, const BatchTelemetry &batch) {
            m_results->addBatch(runId, batch);
            m_controls->batchFinished(batch.size);
            if (m_history)
                m_history->showActiveRunScored(m_session->scoredSeries());
        });
    connect(m_session, &RunSession::memorySample, this,
        [this](qint64 runId, double seconds, qint64 process, qint64 allocated, qint64 reserved) {
            m_memoryStatus->showReading(process, allocated, reserved);
            m_results->addMemorySample(runId, seconds, process, allocated, reserved);
        });
    connect(m_session, &RunSession::backoff, this,
        [this](qint64 runId, int index, int fromSize, int toSize, const QString &reason) {
            m_results->markBackoff(runId,
                tr("Batch %1 of %2 series ran out of memory (%3); retried with %4")
                    .arg(index + 1)
                    .arg(fromSize)
                    .arg(reason)
                    .arg(toSize));
        });
    connect(m_session, &RunSession::skipped, this, &MainWindow::logSkipped);
    connect(m_session, &RunSession::warning, m_log, &LogPanel::appendWarning);
    connect(m_session, &RunSession::probeWarmUpFinished, this,
        [this](int size, double seconds, qint64 peakBytes) {
            m_log->appendInfo(tr("Probe: warm-up batch of %1 series in %2 s, peak %3 — left out "
                                 "of the trials and the fit (a first forecast is an outlier).")
                                  .arg(size)
                                  .arg(seconds, 0, 'f', 2)
                                  .arg(ByteSize::format(peakBytes)));
        });
    connect(m_session, &RunSession::probeTrialFinished, this, [this](const ProbeTrial &trial) {
        m_tuning->addProbeResult(trial);
        m_log->appendInfo(trial.failed()
                ? tr("Probe: %1 series per batch failed: %2.").arg(trial.size).arg(trial.failure)
                : tr("Probe: %1 series per batch, %2 steps in %3 s, peak %4; about %5 series/s "
                     "for a run to horizon %6.")
                      .arg(trial.size)
                      .arg(trial.steps)
                      .arg(trial.seconds, 0, 'f', 2)
                      .arg(ByteSize::format(trial.peakBytes))
                      .arg(trial.estimatedSeriesPerSecond(), 0, 'f', 2)
                      .arg(trial.horizon));
    });
    connect(m_session, &RunSession::probeFinished, this, [this](const QString &error) {
        m_tuning->finishProbe(error);
        m_controls->showSummary(error.isEmpty() ? tr("Probe finished") : tr("Probe failed"));
        if (!error.isEmpty())
            m_log->appendError(tr("The probe failed: %1").arg(error));
        statusBar()->showMessage(tr("Probe finished"), 5000);
        if (m_closeWhenStopped)
            close();
    });
    connect(m_session, &RunSession::runFinished, this, &MainWindow::showRunFinished);
    connect(m_session, &RunSession::runFailed, this, &MainWindow::showRunFailed);
    connect(m_session, &RunSession::stateChanged, this, &MainWindow::showRunState);
    connect(m_session, &RunSession::resumableChanged, this,
        [this](bool resumable) { m_controls->showState(m_session->state(), resumable); });
}

void MainWindow::connectRunResults()
{
    // The scores table reads the results itself; the charts and the tuning view are fed here.
    const auto drawBatch = [this](const BatchTelemetry &batch) {
        m_batchChart->addBatch(batch.index, batch.size, batch.seconds);
        m_tuning->addRunBatch(batch);
    };
    const auto drawMemory = [this](const MemoryPoint &point) {
        m_memoryChart->addSample(point.seconds, point.reading.processBytes,
            point.reading.deviceAllocated, point.reading.deviceReserved);
    };
    const auto drawMarker = [this](const TimelineMarker &marker) {
        if (marker.kind == TimelineMarker::Kind::BatchStart)
            m_memoryChart->addBatchBoundary(marker.seconds, marker.batchIndex);
        else
            m_memoryChart->addBackoff(marker.seconds, marker.text);
    };
    // Everything was replaced: draw what the results hold now (nothing after a switch to another
    // run; a resumed run's earlier sessions and what its session reported so far once they are
    // read).
    const auto redrawTimeline = [=] {
        m_memoryChart->setFollowing(true);
        m_batchChart->setFollowing(true);
        m_memoryChart->clear();
        m_batchChart->clear();
        m_memoryChart->setBudget(m_results->budgetBytes());
        if (m_results->runId() != 0)
            m_tuning->setTarget(m_results->spec(), m_results->runId());
        // One refit for all of them: a long run has thousands.
        m_tuning->setRunBatches(m_results->batches());
        for (const BatchTelemetry &batch : m_results->batches())
            m_batchChart->addBatch(batch.index, batch.size, batch.seconds);
        for (const MemoryPoint &point : m_results->memory())
            drawMemory(point);
        for (const TimelineMarker &marker : m_results->markers())
            drawMarker(marker);
    };
    connect(m_results, &RunResults::reset, this, redrawTimeline);
    connect(m_results, &RunResults::reset, this, [this] { nameShownRun(m_results->identity()); });
    // A resumed session of the run shown continues its charts.
    connect(m_results, &RunResults::sessionContinued, this, [this] {
        m_memoryChart->setFollowing(true);
        m_batchChart->setFollowing(true);
        m_memoryChart->setBudget(m_results->budgetBytes());
    });
    connect(m_results, &RunResults::batchAdded, this, drawBatch);
    connect(m_results, &RunResults::memoryAdded, this, drawMemory);
    connect(m_results, &RunResults::markerAdded, this, drawMarker);
    connect(m_results, &RunResults::storedRunShown, this, [this](const RunRecord &run) {
        m_log->appendInfo(tr("Opened run %1 '%2': %3 of %4 series scored.")
                              .arg(run.id)
                              .arg(run.name)
                              .arg(run.scored)
                              .arg(run.planned));
        m_views->setCurrentWidget(m_scores);
        evaluateShownRun();
    });
    connect(m_results, &RunResults::storedRunFailed, this, [this](const QString &error) {
        m_log->appendError(tr("Cannot read the run: %1").arg(error));
    });
}

void MainWindow::showRunState(RunState state)
{
    m_controls->showState(state, m_session->canResume());
    m_tuning->setRunState(state);
    m_setup->setRunning(isBusy(state));
    m_memoryStatus->setRunSampling(isBusy(state));
    updateProbeAvailability();
    // The tuning view showed the run's budget while it went (a resumed run keeps its own); the
    // setup's is the one the next run, Auto and Probe use. The run's batches stay shown (a run
    // resumed from the history may be of another checkpoint than the setup's) until the setup
    // is edited.
    if (!isBusy(state))
        m_tuning->setBudgetBytes(m_setup->spec().memoryBudgetBytes());
    if (state == RunState::Pausing)
        statusBar()->showMessage(tr("Pausing after the batch under way…"));
    if (state == RunState::Paused) {
        m_log->appendInfo(
            tr("Run %1 paused between batches; Resume continues it.").arg(m_session->runId()));
        statusBar()->showMessage(tr("Paused — Resume continues the run"));
    }
}

void MainWindow::resumeRun()
{
    const RunState state = m_session->state();
    if (state == RunState::Paused || state == RunState::Pausing) {
        m_log->appendInfo(tr("Run %1 resumed.").arg(m_session->runId()));
        statusBar()->showMessage(tr("Resumed"), 5000);
    }
    m_session->resume();
}

void MainWindow::showCatalog(const MarketCatalog &catalog)
{
    if (!m_history)
        addRunHistory();
    m_scores->model()->setSectors(catalog.sectors);
    m_setup->setCatalog(catalog);
    if (!catalog.error.isEmpty()) {
        m_log->appendError(tr("The market database cannot be opened: %1").arg(catalog.error));
        statusBar()->showMessage(tr("The market database cannot be opened"));
    } else if (catalog.sampleInstalled) {
        m_log->appendInfo(tr("New market database: the bundled sample was imported."));
        statusBar()->showMessage(tr("Bundled sample imported"), 5000);
    } else {
        statusBar()->clearMessage();
    }
}

void MainWindow::startRun()
{
    if (!m_setup->isValid() || m_session->isBusy())
        return;
    const RunSpec spec = m_setup->spec();
    m_results->clear();
    m_log->appendInfo(tr("Starting '%1'.").arg(spec.name));
    m_session->start(spec);
}

void MainWindow::followSetupInTuning()
{
    if (m_session->isBusy())
        return;
    const RunSpec spec = m_setup->spec();
    const UniverseInfo *universe = m_setup->catalog().find(spec.universe);
    m_tuning->setUniverseSize(universe ? universe->memberCount : 0);
    m_tuning->setBudgetBytes(spec.memoryBudgetBytes());
    m_tuning->followTarget(spec);
}

void MainWindow::updateProbeAvailability()
{
    if (m_session->isBusy() && !m_session->isProbing())
        m_tuning->setProbeBlocked(tr("A run is going: probe when it has finished"));
    else if (!m_setup->isValid())
        m_tuning->setProbeBlocked(
            tr("Complete the run setup first (see the messages next to its fields)"));
    else
        m_tuning->setProbeBlocked(QString());
}

void MainWindow::startProbe(const QList<int> &sizes)
{
    if (m_session->isBusy() || !m_setup->isValid()) {
        m_tuning->finishProbe(m_session->isBusy()
                ? tr("a run is going")
                : tr("the run setup is not complete: see the messages next to its fields"));
        return;
    }
    // The trials are judged against the setup's budget, the one the tuning view shows.
    const RunSpec spec = m_setup->spec();
    m_memoryStatus->setDevice(spec.device);
    QStringList sizeTexts;
    for (int size : sizes)
        sizeTexts << QString::number(size);
    m_log->appendInfo(tr("Probing batch sizes %1 on '%2' within %3.")
                          .arg(sizeTexts.join(QStringLiteral(", ")), spec.universe,
                              ByteSize::format(spec.memoryBudgetBytes())));
    m_session->probe(spec, sizes);
}

void MainWindow::nameShownRun(const RunIdentity &run)
{
    m_scores->setRun(run);
    m_forecast->setRun(run);
    m_memoryChart->chart()->setRun(run);
    m_batchChart->chart()->setRun(run);
}

void MainWindow::showRunStarted(const RunPlanSummary &summary)
{
    m_memoryStatus->setDevice(summary.spec.device);
    m_controls->runStarted(summary.alreadyScored, summary.alreadyScored + summary.toScore);
    showActiveRunInHistory(summary.runId);
    m_tuning->setBudgetBytes(summary.budgetBytes);
    m_tuning->setUniverseSize(summary.tickers);
    QString text = tr("Run %1 '%2': %3 dates × %4 tickers, %5 series to score")
                       .arg(summary.runId)
                       .arg(summary.name)
                       .arg(summary.dates)
                       .arg(summary.tickers)
                       .arg(summary.toScore);
    if (summary.alreadyScored > 0)
        text += tr(" (%1 scored before)").arg(summary.alreadyScored);
    text += tr("; memory budget %1 (the application's whole memory).")
                .arg(ByteSize::format(summary.budgetBytes));
    m_log->appendInfo(text);
    if (summary.skipped > 0)
        m_log->appendWarning(tr("%1 (ticker, date) pairs skipped: not enough history before the "
                                "date or no bar on it.")
                                 .arg(summary.skipped));
}

void MainWindow::logSkipped(const QList<SkippedSeries> &series)
{
    // A long list would drown the log; the run history holds all of them.
    constexpr int MaxLines = 200;
    for (qsizetype i = 0; i < series.size(); ++i) {
        if (i == MaxLines) {
            m_log->appendWarning(tr("… and %1 more skipped (the run history lists them all)")
                                     .arg(series.size() - MaxLines));
            return;
        }
        const SkippedSeries &one = series[i];
        m_log->appendWarning(
            tr("Skipped %1 on %2: %3")
                .arg(one.ticker, one.date.date().toString(Qt::ISODate), one.reason));
    }
}

void MainWindow::openScoresFile(const QString &path)
{
    onResult(m_workspace.readScoreFile(path), this, [this, path](const ScoreFileRead &read) {
        if (!read.error.isEmpty()) {
            m_log->appendWarning(read.error);
            m_evaluation->showInputError(
                tr("Scores file %1").arg(QFileInfo(path).fileName()), read.error);
            m_views->setCurrentWidget(
                m_views->findChild<QWidget *>(QStringLiteral("evaluationTab")));
            return;
        }
        // The view adopts the file's horizons from its rows.
        m_evaluation->evaluateScores(Eval::EvaluationInput { read.file.rows, {}, {}, {} },
            Eval::scoresFileSubject(path, QString()));
        m_views->setCurrentWidget(m_views->findChild<QWidget *>(QStringLiteral("evaluationTab")));
        statusBar()->showMessage(tr("Evaluating %1 as an external run").arg(path));
    });
}

void MainWindow::evaluateShownRun()
{
    m_evaluation->evaluateRun(m_results->runId());
}

void MainWindow::showRunFinished(const RunSummary &summary)
{
    const bool finished = summary.status == RunStatus::Finished;
    // The throughput counts working time; a pause shows as such, beside the wall time (one that
    // rounds to 0.0 s is none).
    const QString time = summary.pausedSeconds >= 0.05 ? tr("%1 s, %2 s of it paused")
                                                             .arg(summary.seconds, 0, 'f', 1)
                                                             .arg(summary.pausedSeconds, 0, 'f', 1)
                                                       : tr("%1 s").arg(summary.seconds, 0, 'f', 1);
    const QString text = (finished ? tr("Finished: %1 series in %2 (%3 series/s), %4 batches, "
                                        "peak %5")
                                   : tr("Cancelled after %1 series in %2 (%3 series/s), %4 "
                                        "batches, peak %5 — Resume continues it"))
                             .arg(summary.scoredNow)
                             .arg(time)
                             .arg(summary.seriesPerSecond, 0, 'f', 2)
                             .arg(summary.batches)
                             .arg(ByteSize::format(summary.peakBytes));
    m_controls->showSummary(text);
    m_log->appendInfo(text);
    // The evaluation shows the run shown: a run opened from the history meanwhile stays.
    if (finished && m_results->runId() == summary.runId)
        evaluateShownRun();
    showActiveRunInHistory(0);
    statusBar()->showMessage(finished ? tr("Run finished") : tr("Run cancelled"), 5000);
    if (m_closeWhenStopped)
        close();
}

void MainWindow::showRunFailed(const QString &error)
{
    m_controls->showSummary(tr("Failed: %1").arg(error));
    m_log->appendError(tr("The run failed: %1").arg(error));
    showActiveRunInHistory(0);
    statusBar()->showMessage(tr("Run failed"), 5000);
    if (m_closeWhenStopped)
        close();
}

void MainWindow::openCheckpointManager()
{
    auto *dialog = new CheckpointManagerDialog(
        CheckpointCache(), m_settings.value(Key::HubAddress).toString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CheckpointManagerDialog::useCheckpoint, m_setup,
        &RunSetupPanel::setCheckpointFolders);
    dialog->open();
}

void MainWindow::addRunHistory()
{
    m_history = new RunHistoryPanel(m_workspace);
    m_history->setObjectName(QStringLiteral("runHistoryPanel"));
    const int tab = m_views->insertTab(4, m_history, tr("&Runs"));
    m_views->setTabToolTip(
        tab, tr("Stored runs: open, rename, delete, compare two, resume an interrupted one"));
    connect(m_history, &RunHistoryPanel::openRequested, m_results, &RunResults::showRun);
    connect(m_history, &RunHistoryPanel::runDeleted, this, [this](qint64 runId) {
        // The run shown is gone: its scores, forecast, charts and evaluation with it.
        const bool shown = runId == m_results->runId();
        if (shown)
            m_results->clear();
        if (shown || runId == m_evaluation->outcome().runId)
            m_evaluation->clear();
        // The control bar's summary of this session's last run names a run no longer stored.
        if (runId == m_session->runId() && !m_session->isBusy())
            m_controls->forgetRun();
    });
    connect(m_history, &RunHistoryPanel::resumeRequested, this, &MainWindow::resumeStoredRun);
    // After a restart, the top Resume continues the last run if it was stopped before the end.
    connect(m_history, &RunHistoryPanel::refreshed, this,
        [this] { m_session->offerResume(m_history->runs()); });
}

void MainWindow::showActiveRunInHistory(qint64 runId)
{
    if (!m_history)
        return;
    m_history->setActiveRun(runId);
    m_history->reload();
}

void MainWindow::openImportDialog()
{
    auto *dialog = new ImportDialog(m_workspace, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::importFinished, this, &MainWindow::reloadCatalog);
    dialog->open();
}

void MainWindow::openUniverseEditor()
{
    auto *editor = new UniverseEditor(m_workspace, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->selectUniverse(m_setup->spec().universe);
    connect(editor, &UniverseEditor::universesChanged, this, &MainWindow::reloadCatalog);
    // Closing without a change leaves the setup alone; after one, the setup takes its universe.
    connect(editor, &QDialog::finished, this, [this, editor] {
        if (!editor->editedUniverse().isEmpty())
            m_setup->selectUniverse(editor->editedUniverse());
    });
    editor->open();
}

void MainWindow::reloadCatalog()
{
    m_catalog.setFuture(m_workspace.loadCatalog());
}

void MainWindow::resumeStoredRun(qint64 runId)
{
    // The results follow the run once the session has started it (RunResults::followSession).
    m_session->resumeRun(runId);
}

void MainWindow::saveLayout()
{
    m_settings.setValue(Key::WindowGeometry, saveGeometry());
    m_settings.setValue(Key::WindowState, saveState());
    m_settings.sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_session->isBusy()) {
        event->ignore();
        if (m_closeWhenStopped)
            return; // already cancelling; the window closes when the worker stops
        if (m_session->isProbing()) {
            // Trial batches keep nothing: stop them without asking.
            m_closeWhenStopped = true;
            m_session->cancel();
            return;
        }
        const auto answer = QMessageBox::question(this, tr("A run is going"),
            tr("Cancel the run and quit? The finished batches are kept, and the run can be "
               "resumed later."),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return;
        // The run may have ended while the question was open: nothing is left to cancel, and
        // no stop would come to close the window later.
        if (m_session->isBusy()) {
            m_closeWhenStopped = true;
            statusBar()->showMessage(tr("Cancelling the run before quitting…"));
            m_session->cancel();
            return;
        }
    }
    saveLayout();
    event->accept();
}
