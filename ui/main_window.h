#pragma once

#include "ui/workbench_settings.h"
#include "workbench/run_state.h"
#include "workbench/workspace.h"

#include <QFutureWatcher>
#include <QMainWindow>

class BatchChartPanel;
class EvaluationView;
class ForecastView;
class LogPanel;
class MemoryTuningView;
class MemoryChartPanel;
class MemoryStatusLabel;
class QTabWidget;
class RandomWeightsBanner;
class RunControlBar;
class RunHistoryPanel;
class RunResults;
class RunSession;
class RunSetupPanel;
class ScoresPanel;
struct RunIdentity;
struct RunPlanSummary;
struct RunSummary;
struct SkippedSeries;

// The workbench's top-level window: it lays out the panels (Run setup dock, run controls, live
// charts, log) and wires them to the application's state in core/workbench — the Workspace
// (data), the RunSession (what runs, and its RunState) and the RunResults (the run shown). It
// holds no run state of its own; each panel does its own work, and the run itself happens in
// core/run's worker on the session's thread.
//
// Closing during a run asks first, then cancels it (it stays resumable) and closes when the
// worker has stopped.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Evaluates a scores file of any signal (`date,ticker,score[,horizon]`) against the market
    // database's prices as an external run, in the Evaluation tab; the file is read off the GUI
    // thread and a bad one is reported in the log.
    void openScoresFile(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void connectRunSession();
    void connectRunResults();
    // The session's state, shown by every panel that depends on it.
    void showRunState(RunState state);
    // The control bar's Resume: a paused run (logged), or the last cancelled or interrupted one.
    void resumeRun();
    void showCatalog(const MarketCatalog &catalog);
    void startRun();
    // Keeps the memory-tuning view on what the setup says while idle: the universe's size and
    // the past runs of its checkpoint and device.
    void followSetupInTuning();
    void updateProbeAvailability();
    // Runs the tuning view's trial batches with the setup's spec and the view's budget.
    void startProbe(const QList<int> &sizes);
    // The views of the run shown (Scores, Forecast) name it, and exports of the scores and the
    // live charts record it and start with its name.
    void nameShownRun(const RunIdentity &run);
    void showRunStarted(const RunPlanSummary &summary);
    void logSkipped(const QList<SkippedSeries> &series);
    // Evaluates the run the results show, and stores the evaluation with it.
    void evaluateShownRun();
    void showRunFinished(const RunSummary &summary);
    void showRunFailed(const QString &error);
    void openCheckpointManager();
    void openImportDialog();
    void openUniverseEditor();
    void reloadCatalog();
    // The run history reads the database as soon as it exists, so it is created once the first
    // catalog load has created the database (and installed the sample) — never alongside it.
    void addRunHistory();
    void showActiveRunInHistory(qint64 runId);
    void resumeStoredRun(qint64 runId);
    void saveLayout();

    WorkbenchSettings m_settings;
    // Declared before the panels that use it; destroyed after the run session's thread stopped.
    Workspace m_workspace;
    QFutureWatcher<MarketCatalog> m_catalog;
    RunSession *m_session;
    // The run the views show: the one being scored or one opened from the run history.
    RunResults *m_results;
    RunSetupPanel *m_setup;
    RunControlBar *m_controls;
    RandomWeightsBanner *m_banner;
    QTabWidget *m_views;
    MemoryChartPanel *m_memoryChart;
    BatchChartPanel *m_batchChart;
    ScoresPanel *m_scores;
    ForecastView *m_forecast;
    EvaluationView *m_evaluation;
    RunHistoryPanel *m_history = nullptr;
    MemoryTuningView *m_tuning;
    LogPanel *m_log;
    MemoryStatusLabel *m_memoryStatus;
    bool m_closeWhenStopped = false;
};
