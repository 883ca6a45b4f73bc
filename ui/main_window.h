#pragma once

#include "run_spec.h"
#include "workbench_settings.h"

#include <QHash>
#include <QMainWindow>

class BatchChartPanel;
class EvaluationView;
class ForecastView;
class LogPanel;
class MemoryTuningView;
class MarketCatalogLoader;
class MemoryChartPanel;
class MemoryStatusLabel;
class QTabWidget;
class RandomWeightsBanner;
class RunControlBar;
class RunHistoryPanel;
class RunSession;
class RunSetupPanel;
class ScoresPanel;
struct MarketCatalog;
struct RunIdentity;
struct RunPlanSummary;
struct RunSummary;
struct ScoreRow;
struct SkippedSeries;
struct StoredRun;

// The workbench's top-level window: it lays out the panels (Run setup dock, run controls, live
// charts, log) and connects them to the run session; each panel does its own work, and the run
// itself happens in core/run's worker on the session's thread.
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
    void showCatalog(const MarketCatalog &catalog);
    void startRun();
    void resumeRun();
    void clearLiveCharts();
    // Keeps the memory-tuning view on what the setup says while idle: the universe's size and
    // the past runs of its checkpoint and device.
    void followSetupInTuning();
    void updateProbeAvailability();
    // Runs the tuning view's trial batches with the setup's spec and the view's budget.
    void startProbe(const QList<int> &sizes);
    void showScores(const QList<ScoreRow> &rows);
    // Exports of the scores and the live charts record this run and start with its name.
    void nameRunInExports(const RunIdentity &run);
    void showRunStarted(const RunPlanSummary &summary);
    void logSkipped(const QList<SkippedSeries> &series);
    void evaluateScores();
    void showBatchStarted(int index, int count, int size);
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
    // Reads a stored run off the GUI thread and shows it: its scores (replacing the table, or
    // added to it when the run is being resumed), batches, memory and evaluation.
    void openStoredRun(qint64 runId, bool resuming);
    void showStoredRun(const StoredRun &run, bool resuming);
    void resumeStoredRun(qint64 runId);
    void saveLayout();

    WorkbenchSettings m_settings;
    RunSession *m_session;
    MarketCatalogLoader *m_catalogLoader;
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
    RunSpec m_runSpec; // of the run started or resumed last, for the memory-tuning view
    QHash<QString, QString> m_sectors; // ticker -> sector, from the market catalog
    LogPanel *m_log;
    MemoryStatusLabel *m_memoryStatus;
    double m_lastSampleSeconds = 0; // the newest memory sample: where batch markers go
    bool m_closeWhenStopped = false;
};
