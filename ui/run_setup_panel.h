#pragma once

#include "inference/memory_probe.h"
#include "run/run_spec.h"
#include "workbench/market_catalog.h"
#include "workbench/workspace.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

class CheckpointInspector;
template <typename SpinBox> class ClampingSpinBox;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class WorkbenchSettings;

// The Run setup form: universe, dates, horizons, lookback, batch size or automatic batches under
// a memory budget, device, threads, sampling, and the checkpoint folders with a status line from
// loading them off the GUI thread. Each invalid entry is explained next to its field and makes
// isValid() false. Every entry is written to the settings as it changes and read back at
// construction.
//
// GUI thread only. The settings object must outlive the panel.
class RunSetupPanel : public QWidget
{
    Q_OBJECT

public:
    // `workspace` inspects the checkpoints chosen and estimates a run's time from the stored
    // runs; it and the settings must outlive the panel.
    RunSetupPanel(WorkbenchSettings &settings, Workspace &workspace, QWidget *parent = nullptr);

    // The run the form describes; only meaningful while isValid().
    RunSpec spec() const;
    bool isValid() const { return m_valid; }
    // No checkpoint folders given: the run uses seeded random weights of the Kronos-mini shape.
    bool usesRandomWeights() const;
    const MarketCatalog &catalog() const { return m_catalog; }

public Q_SLOTS:
    // Fills the universe list; the remembered universe and dates are selected again, or on a
    // first start the bundled sample with a date whose horizons are all realized in the data.
    void setCatalog(const MarketCatalog &catalog);
    void setCheckpointFolders(const QString &modelFolder, const QString &tokenizerFolder);
    // While a run is going the form is read-only (the run holds its own copy of the spec).
    void setRunning(bool running);
    // A fixed batch size (the memory-tuning view's recommendation).
    void setBatchSize(int size);
    // Selects `name` now when the catalog has it, else when the next catalog arrives.
    void selectUniverse(const QString &name);
    // What the application holds between runs: a budget at or below what of it the budget
    // counts (MemoryProbe::budgetedBytes) is said to be too small.
    void setMemoryReading(const kronos::MemoryReading &reading);

Q_SIGNALS:
    void validityChanged(bool valid);
    // Any field changed (or the catalog arrived); spec() tells what the form now says.
    void specChanged();
    void randomWeightsChanged(bool randomWeights);
    // The Download button: the caller opens the checkpoint manager.
    void checkpointManagerRequested();
    // The Edit button next to the universe: the caller opens the universe editor.
    void universeEditorRequested();
    // What to say next to Start: the estimated time of a valid run (from earlier runs' speed),
    // or why Start is disabled (`problem`); empty while a run goes.
    void startHintChanged(const QString &text, bool problem);

protected:
    bool event(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildForm();
    void connectEdits();
    void loadSettings();
    void saveSettings();
    void edited();
    void inspectCheckpoint();
    void showInspection(const QString &description, int maxContext, const QString &error);
    void updateEnabledFields();
    void selectDefaultDates(const UniverseInfo &universe);
    void browseFolder(QLineEdit *edit, const QString &title);
    // Opens *Export as cluster job…* for the form's spec.
    void exportClusterJob();
    void revalidate();
    // Says when the budget is at or below what it counts of the application's memory.
    void showBudgetNote();
    void fitWrappedLabels();
    // Evaluation dates x members: what the run scores at most.
    int seriesUpperBound(const RunSpec &spec) const;
    void estimateRunTime();
    void updateStartHint();
    // Why a long lookback with a long horizon is slow; empty when the forecast fits the window.
    QString lookbackWindowNote(const QList<int> &horizons) const;
    QString universeProblem() const;
    QString datesProblem() const;
    QString horizonsProblem(QList<int> *horizons) const;
    QString checkpointProblem() const;
    QLabel *addProblemLabel(const QString &objectName);
    // A hidden note that says when a number typed into `box` was out of its range.
    template <typename SpinBox> QLabel *addClampNote(ClampingSpinBox<SpinBox> *box);

    WorkbenchSettings &m_settings;
    Workspace &m_workspace;
    CheckpointInspector *m_inspector;
    MarketCatalog m_catalog;
    bool m_loading = true; // true while fields are filled from settings: no write-back
    bool m_valid = false;
    bool m_running = false;
    QString m_checkpointError; // the last inspection's error, or "checking" state below
    bool m_checkpointChecked = false;
    // The context of the checkpoint inspected (its own: the run uses it); 0 before.
    int m_checkpointContext = 0;
    QTimer m_estimateDelay;
    QFutureWatcher<RunTimeEstimateRead> m_estimate;
    QString m_estimateText; // the newest estimate of the time, for the Start hint
    QString m_startProblem; // the first problem of the form, for the Start hint

    QComboBox *m_universe = nullptr;
    QPushButton *m_editUniverses = nullptr;
    QCheckBox *m_dateRange = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_step = nullptr;
    ClampingSpinBox<QSpinBox> *m_every = nullptr;
    QCheckBox *m_horizon20 = nullptr;
    QCheckBox *m_horizon60 = nullptr;
    QCheckBox *m_horizon90 = nullptr;
    QLineEdit *m_customHorizons = nullptr;
    ClampingSpinBox<QSpinBox> *m_lookback = nullptr;
    ClampingSpinBox<QSpinBox> *m_batchSize = nullptr;
    QCheckBox *m_autoBatch = nullptr;
    ClampingSpinBox<QSpinBox> *m_memoryBudget = nullptr;
    QComboBox *m_device = nullptr;
    ClampingSpinBox<QSpinBox> *m_threads = nullptr;
    QCheckBox *m_greedy = nullptr;
    ClampingSpinBox<QDoubleSpinBox> *m_temperature = nullptr;
    ClampingSpinBox<QDoubleSpinBox> *m_topP = nullptr;
    ClampingSpinBox<QSpinBox> *m_topK = nullptr;
    ClampingSpinBox<QSpinBox> *m_sampleCount = nullptr;
    ClampingSpinBox<QSpinBox> *m_seed = nullptr;
    QLineEdit *m_modelFolder = nullptr;
    QLineEdit *m_tokenizerFolder = nullptr;
    QPushButton *m_modelBrowse = nullptr;
    QPushButton *m_tokenizerBrowse = nullptr;
    QPushButton *m_download = nullptr;
    QLabel *m_checkpointStatus = nullptr;
    QPushButton *m_exportClusterJob = nullptr;
    QLabel *m_lookbackWindowNote = nullptr;
    QLabel *m_budgetNote = nullptr;
    kronos::MemoryReading m_memory; // as last read; zeros before the first reading

    QLabel *m_universeProblem = nullptr;
    QLabel *m_datesProblem = nullptr;
    QLabel *m_horizonsProblem = nullptr;
    QLabel *m_checkpointProblem = nullptr;
    QLabel *m_specProblem = nullptr;
};
