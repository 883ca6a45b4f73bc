#include "main_window.h"

#include "batch_chart_panel.h"
#include "chart_panel.h"
#include "checkpoint_cache.h"
#include "checkpoint_manager_dialog.h"
#include "compute_libraries.h"
#include "dock_width_keeper.h"
#include "evaluation_view.h"
#include "forecast_view.h"
#include "import_dialog.h"
#include "kw_version.h"
#include "log_panel.h"
#include "market_catalog.h"
#include "memory_chart_panel.h"
#include "memory_status_label.h"
#include "memory_tuning_view.h"
#include "random_weights_banner.h"
#include "run_control_bar.h"
#include "run_history_panel.h"
#include "run_identity.h"
#include "run_records.h"
#include "run_session.h"
#include "run_setup_panel.h"
#include "score_file_reader.h"
#include "scores_panel.h"
#include "stored_run.h"
#include "universe_editor.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace {

using Key = WorkbenchSettings::Key;

QString megabytes(qint64 bytes)
{
    return QStringLiteral("%1 MB").arg(bytes / (1024 * 1024));
}

QList<ScoreTableRow> tableRows(const QList<ScoreRow> &rows, const QHash<QString, QString> &sectors)
{
    QList<ScoreTableRow> table;
    table.reserve(rows.size());
    for (const ScoreRow &row : rows)
        table.append({ row.date.date(), row.ticker, sectors.value(row.ticker), row.horizon,
            row.lastClose, row.predictedClose, row.score, row.p10, row.p50, row.p90 });
    return table;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_session(new RunSession(m_settings.value(Key::DatabasePath).toString(), this))
    , m_catalogLoader(new MarketCatalogLoader(this))
    , m_setup(new RunSetupPanel(m_settings))
    , m_controls(new RunControlBar)
    , m_banner(new RandomWeightsBanner)
    , m_views(new QTabWidget)
    , m_memoryChart(new MemoryChartPanel)
    , m_batchChart(new BatchChartPanel)
    , m_scores(new ScoresPanel)
    , m_forecast(new ForecastView(m_settings.value(Key::DatabasePath).toString()))
    , m_evaluation(new EvaluationView)
    , m_tuning(new MemoryTuningView(m_settings.value(Key::DatabasePath).toString()))
    , m_log(new LogPanel)
    , m_memoryStatus(new MemoryStatusLabel)
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

    auto *setupScroll = new QScrollArea;
    setupScroll->setObjectName(QStringLiteral("runSetupScroll"));
    setupScroll->setWidget(m_setup);
    setupScroll->setWidgetResizable(true);
    setupScroll->setFrameShape(QFrame::NoFrame);
    // Never narrower than the form needs (a small window cut fields off at the right); taller
    // forms scroll.
    setupScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setupScroll->setMinimumWidth(m_setup->minimumSizeHint().width()
        + setupScroll->verticalScrollBar()->sizeHint().width());
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

    connect(m_setup, &RunSetupPanel::validityChanged, m_controls, &RunControlBar::setStartAllowed);
    connect(m_setup, &RunSetupPanel::startHintChanged, m_controls, &RunControlBar::setStartHint);
    connect(m_setup, &RunSetupPanel::specChanged, this, &MainWindow::followSetupInTuning);
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
    connect(m_controls, &RunControlBar::cancelRequested, this, [this] {
        m_controls->setState(RunControlBar::State::Cancelling);
        m_session->cancel();
    });

    connect(m_catalogLoader, &MarketCatalogLoader::loaded, this, &MainWindow::showCatalog);
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
    connect(m_session, &RunSession::runStarted, this, &MainWindow::showRunStarted);
    connect(m_session, &RunSession::batchStarted, this, &MainWindow::showBatchStarted);
    connect(m_session, &RunSession::batchFinished, this,
        [this](int index, double seconds, qint64 peakBytes, int series) {
            m_batchChart->addBatch(index, series, seconds);
            m_tuning->addRunBatch({ index, series, seconds, peakBytes });
            m_controls->batchFinished(series);
        });
    connect(m_session, &RunSession::memorySample, this,
        [this](double seconds, qint64 process, qint64 allocated, qint64 reserved) {
            m_memoryStatus->showReading(process, allocated, reserved);
            // A probe's memory is in its own chart; the live one keeps the last run's.
            if (m_session->isProbing())
                return;
            m_lastSampleSeconds = seconds;
            m_memoryChart->addSample(seconds, process, allocated, reserved);
        });
    connect(m_session, &RunSession::scoresReady, this, &MainWindow::showScores);
    connect(m_session, &RunSession::skipped, this, &MainWindow::logSkipped);
    connect(m_session, &RunSession::backoff, this,
        [this](int index, int fromSize, int toSize, const QString &reason) {
            m_memoryChart->addBackoff(m_lastSampleSeconds,
                tr("Batch %1 of %2 series ran out of memory (%3); retried with %4")
                    .arg(index + 1)
                    .arg(fromSize)
                    .arg(reason)
                    .arg(toSize));
        });
    connect(m_session, &RunSession::warning, m_log, &LogPanel::appendWarning);
    connect(m_session, &RunSession::probeTrialFinished, this, [this](const ProbeTrial &trial) {
        m_tuning->addProbeResult(trial);
        m_log->appendInfo(trial.failed()
                ? tr("Probe: %1 series per batch failed: %2.").arg(trial.size).arg(trial.failure)
                : tr("Probe: %1 series per batch, %2 steps in %3 s, peak %4; about %5 series/s "
                     "for a run to horizon %6.")
                      .arg(trial.size)
                      .arg(trial.steps)
                      .arg(trial.seconds, 0, 'f', 2)
                      .arg(megabytes(trial.peakBytes))
                      .arg(trial.estimatedSeriesPerSecond(), 0, 'f', 2)
                      .arg(trial.horizon));
    });
    connect(m_session, &RunSession::probeFinished, this, [this](const QString &error) {
        m_tuning->finishProbe(error);
        m_controls->setState(RunControlBar::State::Idle);
        m_controls->showSummary(error.isEmpty() ? tr("Probe finished") : tr("Probe failed"));
        if (!error.isEmpty())
            m_log->appendError(tr("The probe failed: %1").arg(error));
        statusBar()->showMessage(tr("Probe finished"), 5000);
        if (m_closeWhenStopped)
            close();
    });
    connect(m_session, &RunSession::runFinished, this, &MainWindow::showRunFinished);
    connect(m_session, &RunSession::runFailed, this, &MainWindow::showRunFailed);
    connect(m_session, &RunSession::busyChanged, m_setup, &RunSetupPanel::setRunning);
    connect(m_session, &RunSession::busyChanged, this, &MainWindow::updateProbeAvailability);
    connect(
        m_session, &RunSession::busyChanged, m_memoryStatus, &MemoryStatusLabel::setRunSampling);
    connect(m_session, &RunSession::resumableChanged, m_controls, &RunControlBar::setResumable);
    connect(m_session, &RunSession::pausedChanged, this, [this](bool paused) {
        if (m_session->isBusy() && m_controls->state() != RunControlBar::State::Cancelling)
            m_controls->setState(
                paused ? RunControlBar::State::Paused : RunControlBar::State::Running);
    });
}

void MainWindow::showCatalog(const MarketCatalog &catalog)
{
    if (!m_history)
        addRunHistory();
    m_sectors = catalog.sectors;
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
    m_runSpec = spec;
    clearLiveCharts();
    m_scores->clear();
    m_memoryStatus->setDevice(spec.device);
    m_log->appendInfo(tr("Starting '%1'.").arg(spec.name));
    m_controls->setState(RunControlBar::State::Starting);
    m_session->start(spec);
}

void MainWindow::resumeRun()
{
    if (!m_session->isBusy()) {
        // A new session of an interrupted run: its memory clock starts again at zero. The scores
        // table keeps the rows of the earlier session.
        clearLiveCharts();
        m_controls->setState(RunControlBar::State::Starting);
    }
    m_session->resume();
}

void MainWindow::clearLiveCharts()
{
    m_memoryChart->clear();
    m_batchChart->clear();
    m_memoryChart->setFollowing(true);
    m_batchChart->setFollowing(true);
    m_lastSampleSeconds = 0;
}

void MainWindow::followSetupInTuning()
{
    if (m_session->isBusy())
        return;
    const RunSpec spec = m_setup->spec();
    const UniverseInfo *universe = m_setup->catalog().find(spec.universe);
    m_tuning->setUniverseSize(universe ? universe->memberCount : 0);
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
    RunSpec spec = m_setup->spec();
    // The trials are judged against the budget the tuning view shows.
    spec.memoryBudgetMb = m_tuning->budgetBytes() / (1024 * 1024);
    m_memoryStatus->setDevice(spec.device);
    QStringList sizeTexts;
    for (int size : sizes)
        sizeTexts << QString::number(size);
    m_log->appendInfo(tr("Probing batch sizes %1 on '%2' within %3.")
                          .arg(sizeTexts.join(QStringLiteral(", ")), spec.universe,
                              megabytes(m_tuning->budgetBytes())));
    m_controls->setState(RunControlBar::State::Probing);
    m_session->probe(spec, sizes);
}

void MainWindow::nameRunInExports(const RunIdentity &run)
{
    m_scores->setRun(run);
    m_memoryChart->chart()->setRun(run);
    m_batchChart->chart()->setRun(run);
}

void MainWindow::showRunStarted(const RunPlanSummary &summary)
{
    nameRunInExports({ summary.runId, summary.name, m_runSpec.model });
    m_memoryChart->setBudget(summary.budgetBytes);
    m_controls->runStarted(summary.toScore);
    showActiveRunInHistory(summary.runId);
    m_tuning->setTarget(m_runSpec, summary.runId);
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
    text += tr("; memory budget %1.").arg(megabytes(summary.budgetBytes));
    m_log->appendInfo(text);
    if (summary.skipped > 0)
        m_log->appendWarning(tr("%1 (ticker, date) pairs skipped: not enough history before the "
                                "date or no bar on it.")
                                 .arg(summary.skipped));
    if (m_session->isPaused())
        m_controls->setState(RunControlBar::State::Paused);
}

void MainWindow::showScores(const QList<ScoreRow> &rows)
{
    m_scores->appendRows(tableRows(rows, m_sectors));
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
    struct Outcome
    {
        Eval::ScoreFile file;
        QString error;
    };
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        const Outcome outcome = watcher->result();
        if (!outcome.error.isEmpty()) {
            m_log->appendWarning(outcome.error);
            return;
        }
        // The view adopts the file's horizons from its rows.
        m_evaluation->evaluateFromDatabase(
            m_settings.value(Key::DatabasePath).toString(), outcome.file.rows);
        m_views->setCurrentWidget(m_views->findChild<QWidget *>(QStringLiteral("evaluationTab")));
        statusBar()->showMessage(tr("Evaluating %1 as an external run").arg(path));
    });
    watcher->setFuture(QtConcurrent::run([path] {
        try {
            return Outcome { Eval::readScoreFile(path), QString() };
        } catch (const std::exception &error) {
            return Outcome { {}, QString::fromUtf8(error.what()) };
        }
    }));
}

void MainWindow::evaluateScores()
{
    std::vector<Eval::ScoreRow> scores;
    const ScoreTableModel *model = m_scores->model();
    scores.reserve(size_t(model->rowCount()));
    for (int row = 0; row < model->rowCount(); ++row) {
        const ScoreTableRow &score = model->row(row);
        scores.push_back({ score.date, score.ticker, score.score, score.horizon });
    }
    const QString databasePath = m_settings.value(Key::DatabasePath).toString();
    // A stored run is judged as kronos-cli evaluate RUN_ID judges it: with its paths and samples.
    if (m_scores->run().isKnown())
        m_evaluation->evaluateRun(databasePath, m_scores->run().id, scores);
    else
        m_evaluation->evaluateFromDatabase(databasePath, scores);
}

void MainWindow::showBatchStarted(int index, int count, int size)
{
    m_memoryChart->addBatchBoundary(m_lastSampleSeconds, index);
    statusBar()->showMessage(tr("Batch %1 of %2 (%3 series)").arg(index + 1).arg(count).arg(size));
}

void MainWindow::showRunFinished(const RunSummary &summary)
{
    m_controls->setState(RunControlBar::State::Idle);
    const bool finished = summary.status == RunStatus::Finished;
    const QString text = (finished ? tr("Finished: %1 series in %2 s (%3 series/s), %4 batches, "
                                        "peak %5")
                                   : tr("Cancelled after %1 series in %2 s (%3 series/s), %4 "
                                        "batches, peak %5 — Resume continues it"))
                             .arg(summary.scoredNow)
                             .arg(summary.seconds, 0, 'f', 1)
                             .arg(summary.seriesPerSecond, 0, 'f', 2)
                             .arg(summary.batches)
                             .arg(megabytes(summary.peakBytes));
    m_controls->showSummary(text);
    m_log->appendInfo(text);
    if (finished)
        evaluateScores();
    showActiveRunInHistory(0);
    statusBar()->showMessage(finished ? tr("Run finished") : tr("Run cancelled"), 5000);
    if (m_closeWhenStopped)
        close();
}

void MainWindow::showRunFailed(const QString &error)
{
    m_controls->setState(RunControlBar::State::Idle);
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
    m_history = new RunHistoryPanel(m_settings.value(Key::DatabasePath).toString());
    m_history->setObjectName(QStringLiteral("runHistoryPanel"));
    const int tab = m_views->insertTab(4, m_history, tr("&Runs"));
    m_views->setTabToolTip(
        tab, tr("Stored runs: open, rename, delete, compare two, resume an interrupted one"));
    connect(m_history, &RunHistoryPanel::openRequested, this,
        [this](qint64 runId) { openStoredRun(runId, false); });
    connect(m_history, &RunHistoryPanel::resumeRequested, this, &MainWindow::resumeStoredRun);
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
    auto *dialog = new ImportDialog(m_settings.value(Key::DatabasePath).toString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::importFinished, this, &MainWindow::reloadCatalog);
    dialog->open();
}

void MainWindow::openUniverseEditor()
{
    auto *editor = new UniverseEditor(m_settings.value(Key::DatabasePath).toString(), this);
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
    m_catalogLoader->load(m_settings.value(Key::DatabasePath).toString());
}

void MainWindow::openStoredRun(qint64 runId, bool resuming)
{
    auto *watcher = new QFutureWatcher<StoredRun>(this);
    connect(watcher, &QFutureWatcher<StoredRun>::finished, this, [this, watcher, resuming] {
        watcher->deleteLater();
        showStoredRun(watcher->result(), resuming);
    });
    watcher->setFuture(
        QtConcurrent::run(&StoredRun::read, m_settings.value(Key::DatabasePath).toString(), runId));
}

void MainWindow::showStoredRun(const StoredRun &run, bool resuming)
{
    if (!run.error.isEmpty()) {
        m_log->appendError(tr("Cannot open the run: %1").arg(run.error));
        return;
    }
    if (resuming) {
        // The resumed session's own rows are already arriving; the stored ones join them.
        m_scores->appendRows(tableRows(run.scores, m_sectors));
        return;
    }
    m_scores->setRows(tableRows(run.scores, m_sectors));
    nameRunInExports({ run.record.id, run.record.name, run.record.spec.model });
    clearLiveCharts();
    for (const BatchTelemetry &batch : run.batches)
        m_batchChart->addBatch(batch.index, batch.size, batch.seconds);
    if (!run.memorySamples.isEmpty()) {
        const QDateTime start = run.memorySamples.first().time;
        for (const MemorySample &sample : run.memorySamples)
            m_memoryChart->addSample(start.msecsTo(sample.time) / 1000.0, sample.processBytes,
                sample.deviceAllocated, sample.deviceReserved);
    }
    m_memoryChart->setBudget(run.budgetBytes);
    m_tuning->setTarget(run.record.spec, run.record.id);
    for (const BatchTelemetry &batch : run.batches)
        m_tuning->addRunBatch(batch);
    m_log->appendInfo(tr("Opened run %1 '%2': %3 of %4 series scored.")
                          .arg(run.record.id)
                          .arg(run.record.name)
                          .arg(run.record.scored)
                          .arg(run.record.planned));
    m_views->setCurrentWidget(m_scores);
    evaluateScores();
}

void MainWindow::resumeStoredRun(qint64 runId)
{
    if (m_session->isBusy())
        return;
    for (const RunRecord &run : m_history ? m_history->runs() : QList<RunRecord>()) {
        if (run.id == runId)
            m_runSpec = run.spec;
    }
    clearLiveCharts();
    m_scores->clear();
    m_controls->setState(RunControlBar::State::Starting);
    m_session->resumeRun(runId);
    openStoredRun(runId, true);
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
        m_closeWhenStopped = true;
        m_controls->setState(RunControlBar::State::Cancelling);
        statusBar()->showMessage(tr("Cancelling the run before quitting…"));
        m_session->cancel();
        return;
    }
    saveLayout();
    event->accept();
}
