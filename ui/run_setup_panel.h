#pragma once

#include "market_catalog.h"
#include "run_spec.h"

#include <QWidget>

class BackgroundExecutor;
class CheckpointInspector;
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
    // `executor` inspects the checkpoints chosen; it and the settings must outlive the panel.
    RunSetupPanel(
        WorkbenchSettings &settings, BackgroundExecutor &executor, QWidget *parent = nullptr);

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

Q_SIGNALS:
    void validityChanged(bool valid);
    // Any field changed (or the catalog arrived); spec() tells what the form now says.
    void specChanged();
    void randomWeightsChanged(bool randomWeights);
    // The Download button: the caller opens the checkpoint manager.
    void checkpointManagerRequested();
    // The Edit button next to the universe: the caller opens the universe editor.
    void universeEditorRequested();

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
    void revalidate();
    QString universeProblem() const;
    QString datesProblem() const;
    QString horizonsProblem(QList<int> *horizons) const;
    QString checkpointProblem() const;
    QLabel *addProblemLabel(const QString &objectName);

    WorkbenchSettings &m_settings;
    CheckpointInspector *m_inspector;
    MarketCatalog m_catalog;
    bool m_loading = true; // true while fields are filled from settings: no write-back
    bool m_valid = false;
    bool m_running = false;
    QString m_checkpointError; // the last inspection's error, or "checking" state below
    bool m_checkpointChecked = false;
    // The context of the checkpoint inspected (its own: the run uses it); 0 before.
    int m_checkpointContext = 0;

    QComboBox *m_universe = nullptr;
    QPushButton *m_editUniverses = nullptr;
    QCheckBox *m_dateRange = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_step = nullptr;
    QSpinBox *m_every = nullptr;
    QCheckBox *m_horizon20 = nullptr;
    QCheckBox *m_horizon60 = nullptr;
    QCheckBox *m_horizon90 = nullptr;
    QLineEdit *m_customHorizons = nullptr;
    QSpinBox *m_lookback = nullptr;
    QSpinBox *m_batchSize = nullptr;
    QCheckBox *m_autoBatch = nullptr;
    QSpinBox *m_memoryBudget = nullptr;
    QComboBox *m_device = nullptr;
    QSpinBox *m_threads = nullptr;
    QCheckBox *m_greedy = nullptr;
    QDoubleSpinBox *m_temperature = nullptr;
    QDoubleSpinBox *m_topP = nullptr;
    QSpinBox *m_topK = nullptr;
    QSpinBox *m_sampleCount = nullptr;
    QSpinBox *m_seed = nullptr;
    QLineEdit *m_modelFolder = nullptr;
    QLineEdit *m_tokenizerFolder = nullptr;
    QPushButton *m_modelBrowse = nullptr;
    QPushButton *m_tokenizerBrowse = nullptr;
    QPushButton *m_download = nullptr;
    QLabel *m_checkpointStatus = nullptr;

    QLabel *m_universeProblem = nullptr;
    QLabel *m_datesProblem = nullptr;
    QLabel *m_horizonsProblem = nullptr;
    QLabel *m_checkpointProblem = nullptr;
    QLabel *m_specProblem = nullptr;
};
