#include "ui/run_setup_panel.h"

#include "data/bundled_sample.h"
#include "data/byte_size.h"
#include "inference/kronos_engine.h"
#include "run/positive_list.h"
#include "run/run_error.h"
#include "run/run_planner.h"
#include "ui/checkpoint_inspector.h"
#include "ui/clamping_spin_box.h"
#include "ui/cluster_job_dialog.h"
#include "ui/whole_date_edit.h"
#include "ui/workbench_settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

namespace {

using Key = WorkbenchSettings::Key;

// Trading days kept after a preselected date, so a 90-day horizon is realized in the data.
constexpr int RealizedDaysAfterDefaultDate = 100;

const char *const StepNames[] = { "every", "weekly", "monthly" };

// The estimate follows the form once the user pauses, not at every keystroke.
constexpr int EstimateDelayMs = 300;

DateStep stepFromIndex(int index)
{
    switch (index) {
    case 1:
        return DateStep::Weekly;
    case 2:
        return DateStep::Monthly;
    default:
        return DateStep::EveryNTradingDays;
    }
}

QLabel *groupTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

RunSetupPanel::RunSetupPanel(WorkbenchSettings &settings, Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_workspace(workspace)
    , m_inspector(new CheckpointInspector(workspace.executor(), this))
{
    setObjectName(QStringLiteral("runSetupPanel"));
    buildForm();
    loadSettings();
    connectEdits();
    connect(m_inspector, &CheckpointInspector::inspected, this, &RunSetupPanel::showInspection);
    m_estimateDelay.setSingleShot(true);
    m_estimateDelay.setInterval(EstimateDelayMs);
    connect(&m_estimateDelay, &QTimer::timeout, this, &RunSetupPanel::estimateRunTime);
    connect(&m_estimate, &QFutureWatcher<RunTimeEstimateRead>::finished, this, [this] {
        const RunTimeEstimateRead result = m_estimate.result();
        m_estimateText = result.error.isEmpty() ? result.estimate.text() : QString();
        updateStartHint();
    });
    m_loading = false;
    updateEnabledFields();
    inspectCheckpoint();
}

template <typename SpinBox> QLabel *RunSetupPanel::addClampNote(ClampingSpinBox<SpinBox> *box)
{
    auto *note = new QLabel(this);
    note->setObjectName(box->objectName() + QStringLiteral("Note"));
    note->setWordWrap(true);
    note->setVisible(false);
    // The clamp sets the value (hiding the note) just before editing finishes (showing it).
    connect(box, &SpinBox::valueChanged, note, &QWidget::hide);
    connect(box, &QAbstractSpinBox::editingFinished, note, [box, note] {
        const QString text = box->takeClampNote();
        note->setText(text);
        note->setVisible(!text.isEmpty());
    });
    return note;
}

QLabel *RunSetupPanel::addProblemLabel(const QString &objectName)
{
    auto *label = new QLabel(this);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    // Red that stays legible on light and dark window colours.
    label->setStyleSheet(QStringLiteral("color: #e53935;"));
    label->setVisible(false);
    return label;
}

void RunSetupPanel::buildForm()
{
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    form->addRow(groupTitle(tr("Data"), this));
    m_universe = new QComboBox(this);
    m_universe->setObjectName(QStringLiteral("universeCombo"));
    m_universe->setToolTip(tr("The tickers to score; the number of members is in brackets"));
    m_editUniverses = new QPushButton(tr("Ed&it…"), this);
    m_editUniverses->setObjectName(QStringLiteral("editUniversesButton"));
    m_editUniverses->setToolTip(
        tr("Create, rename, duplicate or delete universes, or change their members"));
    auto *universeRow = new QHBoxLayout;
    universeRow->addWidget(m_universe, 1);
    universeRow->addWidget(m_editUniverses);
    auto *universeLabel = new QLabel(tr("&Universe:"), this);
    universeLabel->setBuddy(m_universe);
    form->addRow(universeLabel, universeRow);
    m_universeProblem = addProblemLabel(QStringLiteral("universeProblem"));
    form->addRow(m_universeProblem);

    m_dateRange = new QCheckBox(tr("Date &range"), this);
    m_dateRange->setObjectName(QStringLiteral("dateRangeCheck"));
    m_dateRange->setToolTip(tr("Off: score one evaluation date. On: every date from 'From' to "
                               "'To' at the chosen step."));
    form->addRow(m_dateRange);
    m_from = new WholeDateEdit(this);
    m_from->setObjectName(QStringLiteral("fromDateEdit"));
    m_from->setCalendarPopup(true);
    m_from->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_from->setToolTip(tr("The evaluation date (or the first of the range): forecasts start "
                          "after this day's close"));
    form->addRow(tr("&Date / from:"), m_from);
    m_to = new WholeDateEdit(this);
    m_to->setObjectName(QStringLiteral("toDateEdit"));
    m_to->setCalendarPopup(true);
    m_to->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_to->setToolTip(tr("The last evaluation date of the range"));
    form->addRow(tr("&To:"), m_to);
    m_step = new QComboBox(this);
    m_step->setObjectName(QStringLiteral("dateStepCombo"));
    m_step->addItems({ tr("Every N trading days"), tr("Weekly"), tr("Monthly") });
    m_step->setToolTip(tr("Which trading days of the range are evaluation dates: every N-th, "
                          "the first of each week, or the first of each month"));
    m_every = new ClampingSpinBox<QSpinBox>(this);
    m_every->setObjectName(QStringLiteral("dateEverySpin"));
    m_every->setRange(1, 250);
    m_every->setSuffix(tr(" days"));
    m_every->setToolTip(tr("Trading days between two evaluation dates"));
    auto *stepRow = new QHBoxLayout;
    stepRow->addWidget(m_step, 1);
    stepRow->addWidget(m_every);
    auto *stepLabel = new QLabel(tr("Step:"), this);
    stepLabel->setBuddy(m_step);
    form->addRow(stepLabel, stepRow);
    form->addRow(addClampNote(m_every));
    m_datesProblem = addProblemLabel(QStringLiteral("datesProblem"));
    form->addRow(m_datesProblem);

    m_horizon20 = new QCheckBox(tr("&20"), this);
    m_horizon20->setObjectName(QStringLiteral("horizon20Check"));
    m_horizon60 = new QCheckBox(tr("&60"), this);
    m_horizon60->setObjectName(QStringLiteral("horizon60Check"));
    m_horizon90 = new QCheckBox(tr("&90"), this);
    m_horizon90->setObjectName(QStringLiteral("horizon90Check"));
    for (QCheckBox *box : { m_horizon20, m_horizon60, m_horizon90 })
        box->setToolTip(tr("Score the predicted return %1 trading days ahead")
                            .arg(box->text().remove(QLatin1Char('&'))));
    m_customHorizons = new QLineEdit(this);
    m_customHorizons->setObjectName(QStringLiteral("customHorizonsEdit"));
    m_customHorizons->setPlaceholderText(tr("more, e.g. 5, 120"));
    m_customHorizons->setToolTip(tr("More horizons in trading days, separated by commas. One "
                                    "forecast of the longest horizon serves all."));
    auto *horizonRow = new QHBoxLayout;
    horizonRow->addWidget(m_horizon20);
    horizonRow->addWidget(m_horizon60);
    horizonRow->addWidget(m_horizon90);
    horizonRow->addWidget(m_customHorizons, 1);
    auto *horizonLabel = new QLabel(tr("&Horizons:"), this);
    horizonLabel->setBuddy(m_horizon20);
    form->addRow(horizonLabel, horizonRow);
    m_horizonsProblem = addProblemLabel(QStringLiteral("horizonsProblem"));
    form->addRow(m_horizonsProblem);

    m_lookback = new ClampingSpinBox<QSpinBox>(this);
    m_lookback->setObjectName(QStringLiteral("lookbackSpin"));
    m_lookback->setRange(16, 4096);
    m_lookback->setSuffix(tr(" bars"));
    m_lookback->setToolTip(tr("Context bars given to the model for each series; tickers with "
                              "fewer bars before a date are skipped (the log says which)"));
    form->addRow(tr("&Lookback:"), m_lookback);
    form->addRow(addClampNote(m_lookback));
    m_lookbackWindowNote = new QLabel(this);
    m_lookbackWindowNote->setObjectName(QStringLiteral("lookbackWindowNote"));
    m_lookbackWindowNote->setWordWrap(true);
    m_lookbackWindowNote->setVisible(false);
    form->addRow(m_lookbackWindowNote);

    form->addRow(groupTitle(tr("Compute"), this));
    m_batchSize = new ClampingSpinBox<QSpinBox>(this);
    m_batchSize->setObjectName(QStringLiteral("batchSizeSpin"));
    m_batchSize->setRange(1, 1024);
    m_batchSize->setSuffix(tr(" series"));
    m_batchSize->setToolTip(tr("Series forecast together in one micro-batch"));
    m_autoBatch = new QCheckBox(tr("&Auto"), this);
    m_autoBatch->setObjectName(QStringLiteral("autoBatchCheck"));
    m_autoBatch->setToolTip(tr("Choose the batch size from the memory budget, and shrink it after "
                               "an out-of-memory failure"));
    auto *batchRow = new QHBoxLayout;
    batchRow->addWidget(m_batchSize, 1);
    batchRow->addWidget(m_autoBatch);
    auto *batchLabel = new QLabel(tr("&Batch size:"), this);
    batchLabel->setBuddy(m_batchSize);
    form->addRow(batchLabel, batchRow);
    form->addRow(addClampNote(m_batchSize));
    m_memoryBudget = new ClampingSpinBox<QSpinBox>(this);
    m_memoryBudget->setObjectName(QStringLiteral("memoryBudgetSpin"));
    m_memoryBudget->setRange(0, 1024 * 1024);
    m_memoryBudget->setSingleStep(256);
    m_memoryBudget->setSuffix(tr(" MiB"));
    m_memoryBudget->setSpecialValueText(tr("Device default"));
    m_memoryBudget->setToolTip(
        tr("The one memory budget: runs (automatic batch sizes, and a batch over it is retried "
           "smaller), Memory tuning's fit and Probe all use it. It counts the application's own "
           "memory too — the process's memory on the CPU (weights, market data, window), the "
           "allocator's reservation on a GPU — not only a batch's. Device default = 70% of the "
           "machine's memory."));
    form->addRow(tr("&Memory budget:"), m_memoryBudget);
    form->addRow(addClampNote(m_memoryBudget));
    m_budgetNote = new QLabel(this);
    m_budgetNote->setObjectName(QStringLiteral("budgetNote"));
    m_budgetNote->setWordWrap(true);
    m_budgetNote->setVisible(false);
    form->addRow(m_budgetNote);
    m_device = new QComboBox(this);
    m_device->setObjectName(QStringLiteral("deviceCombo"));
    m_device->addItems(kronos::availableDevices());
    m_device->setToolTip(tr("The devices this build of libtorch can use on this machine"));
    form->addRow(tr("De&vice:"), m_device);
    // The budget field names the device default's size, so no budget on screen is unnamed.
    const auto showDefaultBudget = [this] {
        RunSpec deviceDefault;
        deviceDefault.device = m_device->currentText();
        m_memoryBudget->setSpecialValueText(
            tr("Device default (%1)")
                .arg(ByteSize::format(double(deviceDefault.memoryBudgetBytes()))));
    };
    showDefaultBudget();
    connect(m_device, &QComboBox::currentTextChanged, this, showDefaultBudget);
    m_threads = new ClampingSpinBox<QSpinBox>(this);
    m_threads->setObjectName(QStringLiteral("threadsSpin"));
    m_threads->setRange(0, 256);
    m_threads->setSpecialValueText(tr("All cores"));
    m_threads->setToolTip(tr("Intra-op threads of libtorch; 0 uses every core"));
    form->addRow(tr("Thread&s:"), m_threads);
    form->addRow(addClampNote(m_threads));

    form->addRow(groupTitle(tr("Sampling"), this));
    m_greedy = new QCheckBox(tr("Deterministic (&greedy)"), this);
    m_greedy->setObjectName(QStringLiteral("greedyCheck"));
    m_greedy->setToolTip(tr("Always take the most likely token: the same forecast every time. "
                            "Off: sample with the settings below."));
    form->addRow(m_greedy);
    m_temperature = new ClampingSpinBox<QDoubleSpinBox>(this);
    m_temperature->setObjectName(QStringLiteral("temperatureSpin"));
    m_temperature->setRange(0.05, 5.0);
    m_temperature->setSingleStep(0.05);
    m_temperature->setToolTip(tr("Higher spreads the samples, lower sharpens them"));
    form->addRow(tr("Tem&perature:"), m_temperature);
    form->addRow(addClampNote(m_temperature));
    m_topP = new ClampingSpinBox<QDoubleSpinBox>(this);
    m_topP->setObjectName(QStringLiteral("topPSpin"));
    m_topP->setRange(0.01, 1.0);
    m_topP->setSingleStep(0.05);
    m_topP->setToolTip(tr("Nucleus sampling: draw from the most likely tokens covering this "
                          "probability (ignored when top-k is set)"));
    form->addRow(tr("Top-p:"), m_topP);
    form->addRow(addClampNote(m_topP));
    m_topK = new ClampingSpinBox<QSpinBox>(this);
    m_topK->setObjectName(QStringLiteral("topKSpin"));
    m_topK->setRange(0, 4096);
    m_topK->setSpecialValueText(tr("Off"));
    m_topK->setToolTip(tr("Draw from the k most likely tokens; off uses top-p"));
    form->addRow(tr("Top-&k:"), m_topK);
    form->addRow(addClampNote(m_topK));
    m_sampleCount = new ClampingSpinBox<QSpinBox>(this);
    m_sampleCount->setObjectName(QStringLiteral("sampleCountSpin"));
    m_sampleCount->setRange(1, 64);
    m_sampleCount->setToolTip(tr("Sampled paths per series: their mean is the forecast, their "
                                 "10th/50th/90th percentiles go to the table"));
    form->addRow(tr("Samples:"), m_sampleCount);
    form->addRow(addClampNote(m_sampleCount));
    m_seed = new ClampingSpinBox<QSpinBox>(this);
    m_seed->setObjectName(QStringLiteral("seedSpin"));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setToolTip(tr("Seeds every series' sampling: the same seed gives the same forecasts"));
    form->addRow(tr("Seed:"), m_seed);
    form->addRow(addClampNote(m_seed));

    form->addRow(groupTitle(tr("Checkpoint"), this));
    m_modelFolder = new QLineEdit(this);
    m_modelFolder->setObjectName(QStringLiteral("modelFolderEdit"));
    m_modelFolder->setPlaceholderText(tr("none: random weights"));
    m_modelFolder->setToolTip(tr("Folder of a Kronos predictor (config.json, model.safetensors), "
                                 "e.g. NeoQuasar/Kronos-small"));
    m_modelBrowse = new QPushButton(tr("…"), this);
    m_modelBrowse->setObjectName(QStringLiteral("modelBrowseButton"));
    m_modelBrowse->setToolTip(tr("Choose the predictor's folder"));
    auto *modelRow = new QHBoxLayout;
    modelRow->addWidget(m_modelFolder, 1);
    modelRow->addWidget(m_modelBrowse);
    auto *modelLabel = new QLabel(tr("M&odel:"), this);
    modelLabel->setBuddy(m_modelFolder);
    form->addRow(modelLabel, modelRow);
    m_tokenizerFolder = new QLineEdit(this);
    m_tokenizerFolder->setObjectName(QStringLiteral("tokenizerFolderEdit"));
    m_tokenizerFolder->setPlaceholderText(tr("none: random weights"));
    m_tokenizerFolder->setToolTip(tr("Folder of the predictor's tokenizer, e.g. "
                                     "NeoQuasar/Kronos-Tokenizer-base"));
    m_tokenizerBrowse = new QPushButton(tr("…"), this);
    m_tokenizerBrowse->setObjectName(QStringLiteral("tokenizerBrowseButton"));
    m_tokenizerBrowse->setToolTip(tr("Choose the tokenizer's folder"));
    auto *tokenizerRow = new QHBoxLayout;
    tokenizerRow->addWidget(m_tokenizerFolder, 1);
    tokenizerRow->addWidget(m_tokenizerBrowse);
    auto *tokenizerLabel = new QLabel(tr("Toke&nizer:"), this);
    tokenizerLabel->setBuddy(m_tokenizerFolder);
    form->addRow(tokenizerLabel, tokenizerRow);
    m_download = new QPushButton(tr("Do&wnload checkpoints…"), this);
    m_download->setObjectName(QStringLiteral("checkpointManagerButton"));
    m_download->setToolTip(tr("Download the published Kronos checkpoints from Hugging Face and "
                              "use one for runs"));
    form->addRow(m_download);
    m_checkpointStatus = new QLabel(this);
    m_checkpointStatus->setObjectName(QStringLiteral("checkpointStatus"));
    m_checkpointStatus->setWordWrap(true);
    m_checkpointStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_checkpointStatus->setToolTip(tr("What loading the checkpoint found"));
    form->addRow(m_checkpointStatus);
    m_checkpointProblem = addProblemLabel(QStringLiteral("checkpointProblem"));
    m_checkpointProblem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(m_checkpointProblem);
    m_specProblem = addProblemLabel(QStringLiteral("specProblem"));
    form->addRow(m_specProblem);
    m_exportClusterJob = new QPushButton(tr("E&xport as cluster job…"), this);
    m_exportClusterJob->setObjectName(QStringLiteral("exportClusterJobButton"));
    m_exportClusterJob->setEnabled(false); // until the form is valid
    m_exportClusterJob->setToolTip(tr("Save a Slurm job that scores this run in shards on a "
                                      "cluster and merges them"));
    form->addRow(m_exportClusterJob);

    // Long universe names must not widen the dock: the combo boxes elide instead.
    for (QComboBox *combo : { m_universe, m_step, m_device }) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(8);
    }
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch();
    for (QLabel *label : findChildren<QLabel *>()) {
        if (label->wordWrap())
            label->installEventFilter(this);
    }
}

void RunSetupPanel::connectEdits()
{
    for (QComboBox *combo : { m_universe, m_step, m_device })
        connect(combo, &QComboBox::currentIndexChanged, this, &RunSetupPanel::edited);
    for (QCheckBox *box :
        { m_dateRange, m_horizon20, m_horizon60, m_horizon90, m_autoBatch, m_greedy })
        connect(box, &QCheckBox::toggled, this, &RunSetupPanel::edited);
    for (QDateEdit *date : { m_from, m_to })
        connect(date, &QDateEdit::dateChanged, this, &RunSetupPanel::edited);
    for (QSpinBox *spin : { m_every, m_lookback, m_batchSize, m_memoryBudget, m_threads, m_topK,
             m_sampleCount, m_seed })
        connect(spin, &QSpinBox::valueChanged, this, &RunSetupPanel::edited);
    for (QDoubleSpinBox *spin : { m_temperature, m_topP })
        connect(spin, &QDoubleSpinBox::valueChanged, this, &RunSetupPanel::edited);
    connect(m_customHorizons, &QLineEdit::textChanged, this, &RunSetupPanel::edited);
    for (QLineEdit *folder : { m_modelFolder, m_tokenizerFolder }) {
        connect(folder, &QLineEdit::textChanged, this, &RunSetupPanel::edited);
        connect(folder, &QLineEdit::editingFinished, this, &RunSetupPanel::inspectCheckpoint);
    }
    connect(m_modelBrowse, &QPushButton::clicked, this,
        [this] { browseFolder(m_modelFolder, tr("Predictor folder")); });
    connect(m_tokenizerBrowse, &QPushButton::clicked, this,
        [this] { browseFolder(m_tokenizerFolder, tr("Tokenizer folder")); });
    connect(m_download, &QPushButton::clicked, this, &RunSetupPanel::checkpointManagerRequested);
    connect(m_editUniverses, &QPushButton::clicked, this, &RunSetupPanel::universeEditorRequested);
    connect(m_exportClusterJob, &QPushButton::clicked, this, &RunSetupPanel::exportClusterJob);
}

void RunSetupPanel::loadSettings()
{
    m_dateRange->setChecked(m_settings.value(Key::DateRangeOn).toBool());
    const QString step = m_settings.value(Key::DateStep).toString();
    for (int index = 0; index < 3; ++index) {
        if (step == QLatin1String(StepNames[index]))
            m_step->setCurrentIndex(index);
    }
    m_every->setValue(m_settings.value(Key::DateEvery).toInt());
    m_horizon20->setChecked(m_settings.value(Key::Horizon20).toBool());
    m_horizon60->setChecked(m_settings.value(Key::Horizon60).toBool());
    m_horizon90->setChecked(m_settings.value(Key::Horizon90).toBool());
    m_customHorizons->setText(m_settings.value(Key::CustomHorizons).toString());
    m_lookback->setValue(m_settings.value(Key::Lookback).toInt());
    m_batchSize->setValue(m_settings.value(Key::BatchSize).toInt());
    m_autoBatch->setChecked(m_settings.value(Key::AutoBatch).toBool());
    m_memoryBudget->setValue(m_settings.value(Key::MemoryBudgetMb).toInt());
    // A device remembered from another machine (or libtorch build) falls back to the first.
    m_device->setCurrentIndex(
        std::max(0, m_device->findText(m_settings.value(Key::Device).toString())));
    m_threads->setValue(m_settings.value(Key::Threads).toInt());
    m_greedy->setChecked(m_settings.value(Key::Greedy).toBool());
    m_temperature->setValue(m_settings.value(Key::Temperature).toDouble());
    m_topP->setValue(m_settings.value(Key::TopP).toDouble());
    m_topK->setValue(m_settings.value(Key::TopK).toInt());
    m_sampleCount->setValue(m_settings.value(Key::SampleCount).toInt());
    m_seed->setValue(m_settings.value(Key::Seed).toInt());
    m_modelFolder->setText(m_settings.value(Key::ModelFolder).toString());
    m_tokenizerFolder->setText(m_settings.value(Key::TokenizerFolder).toString());
    // Dates and universe wait for the catalog (setCatalog), which knows what exists.
    m_universe->setEnabled(false);
    m_universe->addItem(tr("Loading the market database…"));
}

void RunSetupPanel::saveSettings()
{
    if (m_catalog.find(m_universe->currentData().toString()))
        m_settings.setValue(Key::Universe, m_universe->currentData().toString());
    if (!m_catalog.universes.isEmpty()) {
        m_settings.setValue(Key::DateFrom, m_from->date().toString(Qt::ISODate));
        m_settings.setValue(Key::DateTo, m_to->date().toString(Qt::ISODate));
    }
    m_settings.setValue(Key::DateRangeOn, m_dateRange->isChecked());
    m_settings.setValue(Key::DateStep, QLatin1String(StepNames[m_step->currentIndex()]));
    m_settings.setValue(Key::DateEvery, m_every->value());
    m_settings.setValue(Key::Horizon20, m_horizon20->isChecked());
    m_settings.setValue(Key::Horizon60, m_horizon60->isChecked());
    m_settings.setValue(Key::Horizon90, m_horizon90->isChecked());
    m_settings.setValue(Key::CustomHorizons, m_customHorizons->text());
    m_settings.setValue(Key::Lookback, m_lookback->value());
    m_settings.setValue(Key::BatchSize, m_batchSize->value());
    m_settings.setValue(Key::AutoBatch, m_autoBatch->isChecked());
    m_settings.setValue(Key::MemoryBudgetMb, m_memoryBudget->value());
    m_settings.setValue(Key::Device, m_device->currentText());
    m_settings.setValue(Key::Threads, m_threads->value());
    m_settings.setValue(Key::Greedy, m_greedy->isChecked());
    m_settings.setValue(Key::Temperature, m_temperature->value());
    m_settings.setValue(Key::TopP, m_topP->value());
    m_settings.setValue(Key::TopK, m_topK->value());
    m_settings.setValue(Key::SampleCount, m_sampleCount->value());
    m_settings.setValue(Key::Seed, m_seed->value());
    m_settings.setValue(Key::ModelFolder, m_modelFolder->text().trimmed());
    m_settings.setValue(Key::TokenizerFolder, m_tokenizerFolder->text().trimmed());
}

void RunSetupPanel::edited()
{
    if (m_loading)
        return;
    saveSettings();
    updateEnabledFields();
    revalidate();
}

void RunSetupPanel::setCatalog(const MarketCatalog &catalog)
{
    m_loading = true;
    m_catalog = catalog;
    m_universe->clear();
    for (const UniverseInfo &universe : catalog.universes)
        m_universe->addItem(
            QStringLiteral("%1 (%2)").arg(universe.name).arg(universe.memberCount), universe.name);
    QString wanted = m_settings.value(Key::Universe).toString();
    if (!catalog.find(wanted))
        wanted = BundledSample::universeName();
    m_universe->setCurrentIndex(std::max(0, m_universe->findData(wanted)));
    m_universe->setEnabled(!m_running && !catalog.universes.isEmpty());

    const QDate from = QDate::fromString(m_settings.value(Key::DateFrom).toString(), Qt::ISODate);
    const QDate to = QDate::fromString(m_settings.value(Key::DateTo).toString(), Qt::ISODate);
    if (const UniverseInfo *universe = catalog.find(m_universe->currentData().toString())) {
        if (from.isValid() && to.isValid()) {
            m_from->setDate(from);
            m_to->setDate(to);
        } else {
            selectDefaultDates(*universe);
        }
    }
    m_loading = false;
    saveSettings();
    updateEnabledFields();
    revalidate();
}

void RunSetupPanel::selectDefaultDates(const UniverseInfo &universe)
{
    if (universe.tradingDays.isEmpty())
        return;
    const qsizetype index
        = std::max<qsizetype>(0, universe.tradingDays.size() - 1 - RealizedDaysAfterDefaultDate);
    m_from->setDate(universe.tradingDays.at(index));
    m_to->setDate(universe.tradingDays.at(index));
}

void RunSetupPanel::setCheckpointFolders(const QString &modelFolder, const QString &tokenizerFolder)
{
    m_modelFolder->setText(modelFolder);
    m_tokenizerFolder->setText(tokenizerFolder);
    inspectCheckpoint();
}

void RunSetupPanel::setBatchSize(int size)
{
    m_autoBatch->setChecked(false);
    m_batchSize->setValue(size);
}

void RunSetupPanel::selectUniverse(const QString &name)
{
    m_settings.setValue(Key::Universe, name);
    const int index = m_universe->findData(name);
    if (index >= 0)
        m_universe->setCurrentIndex(index);
}

void RunSetupPanel::setMemoryReading(const kronos::MemoryReading &reading)
{
    m_memory = reading;
    showBudgetNote();
}

void RunSetupPanel::showBudgetNote()
{
    // A warning, not a problem: Start stays enabled (the budget is the user's to choose). The
    // budget is held against the process's memory on the CPU, the allocator's on a GPU.
    const qint64 taken = kronos::MemoryProbe(m_device->currentText()).budgetedBytes(m_memory);
    const bool tooSmall
        = m_memoryBudget->value() > 0 && taken >= ByteSize::fromMiB(m_memoryBudget->value());
    m_budgetNote->setText(tooSmall
            ? tr("The application already takes %1 of what this budget counts, as much as the "
                 "budget or more: every batch would go over it, back off to one series and fail. "
                 "Raise the budget.")
                  .arg(ByteSize::format(double(taken)))
            : QString());
    m_budgetNote->setVisible(tooSmall);
}

void RunSetupPanel::fitWrappedLabels()
{
    // QFormLayout gives a wrapped label of a spanning row the height of its text at a wider
    // width than the label gets, which cut the last line of notes and problems; a minimum height
    // for the width the label has keeps every line.
    for (QLabel *label : findChildren<QLabel *>()) {
        // An emptied label has no height for a width (-1): it needs none.
        if (label->wordWrap() && label->isVisible())
            label->setMinimumHeight(std::max(0, label->heightForWidth(label->width())));
    }
}

bool RunSetupPanel::event(QEvent *event)
{
    // A text changed (labels post a LayoutRequest to the panel) or the layout gave new widths.
    if (event->type() == QEvent::LayoutRequest)
        fitWrappedLabels();
    return QWidget::event(event);
}

bool RunSetupPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize && qobject_cast<QLabel *>(watched))
        fitWrappedLabels();
    return QWidget::eventFilter(watched, event);
}

void RunSetupPanel::setRunning(bool running)
{
    m_running = running;
    updateEnabledFields();
    // A finished run has stored its speed: the next estimate knows more.
    if (!running && m_valid)
        m_estimateDelay.start();
    updateStartHint();
}

int RunSetupPanel::seriesUpperBound(const RunSpec &spec) const
{
    const UniverseInfo *universe = m_catalog.find(spec.universe);
    if (!universe)
        return 0;
    QList<QDateTime> days;
    days.reserve(universe->tradingDays.size());
    for (const QDate &day : universe->tradingDays)
        days.append(QDateTime(day, QTime(0, 0), Qt::UTC));
    try {
        const qsizetype dates
            = RunPlanner::evaluationDates(spec.dates, TradingCalendar(days)).size();
        return int(dates) * universe->memberCount;
    } catch (const RunError &) {
        return 0; // no trading day picked: the dates field says why
    }
}

void RunSetupPanel::estimateRunTime()
{
    if (!m_valid)
        return;
    const RunSpec spec = this->spec();
    const int series = seriesUpperBound(spec);
    m_estimate.setFuture(m_workspace.estimateRunTime(spec, series));
}

void RunSetupPanel::updateStartHint()
{
    // Why Start is disabled, where the user looks for Start: the field that says it may be
    // scrolled out of view.
    if (m_running)
        Q_EMIT startHintChanged(QString(), false);
    else if (m_valid)
        Q_EMIT startHintChanged(m_estimateText, false);
    else if (!m_startProblem.isEmpty())
        Q_EMIT startHintChanged(tr("Cannot start: %1").arg(m_startProblem), true);
    else
        Q_EMIT startHintChanged(tr("Loading the checkpoint…"), false);
}

QString RunSetupPanel::lookbackWindowNote(const QList<int> &horizons) const
{
    // The window of the checkpoint inspected (its own context); none before an inspection.
    const int window = m_checkpointContext;
    const int lookback = m_lookback->value();
    const int longest = horizons.isEmpty() ? 0 : horizons.last();
    if (window <= 0 || lookback + longest <= window)
        return {};
    QString note = tr("Lookback %1 + horizon %2 is more than the model's window of %3 bars: "
                      "past it every forecast step recomputes the whole window, many times more "
                      "slowly. A lookback of at most %4 keeps every step fast.")
                       .arg(lookback)
                       .arg(longest)
                       .arg(window)
                       .arg(std::max(1, window - longest));
    if (lookback > window)
        note += tr(" Of a longer lookback the model reads only the last %1 bars.").arg(window);
    return note;
}

bool RunSetupPanel::usesRandomWeights() const
{
    return m_modelFolder->text().trimmed().isEmpty()
        && m_tokenizerFolder->text().trimmed().isEmpty();
}

void RunSetupPanel::exportClusterJob()
{
    auto *dialog = new ClusterJobDialog(spec(), m_workspace, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void RunSetupPanel::browseFolder(QLineEdit *edit, const QString &title)
{
    const QString folder = QFileDialog::getExistingDirectory(this, title, edit->text());
    if (folder.isEmpty())
        return;
    edit->setText(folder);
    inspectCheckpoint();
}

void RunSetupPanel::inspectCheckpoint()
{
    m_checkpointChecked = false;
    m_checkpointError.clear();
    m_checkpointContext = 0;
    const QString model = m_modelFolder->text().trimmed();
    const QString tokenizer = m_tokenizerFolder->text().trimmed();
    Q_EMIT randomWeightsChanged(usesRandomWeights());
    if (model.isEmpty() != tokenizer.isEmpty()) {
        // checkpointProblem() explains; nothing worth loading yet.
        m_checkpointStatus->clear();
        revalidate();
        return;
    }
    m_checkpointStatus->setText(tr("Loading the checkpoint…"));
    m_inspector->inspect(model, tokenizer);
    revalidate();
}

void RunSetupPanel::showInspection(const QString &description, int maxContext, const QString &error)
{
    m_checkpointChecked = true;
    m_checkpointError = error;
    m_checkpointContext = maxContext;
    if (!error.isEmpty())
        m_checkpointStatus->clear();
    else if (usesRandomWeights())
        m_checkpointStatus->setText(
            tr("Random weights (Kronos-mini shape, seed %1): %2")
                .arg(m_settings.value(Key::RandomWeightsSeed).toString(), description));
    else
        m_checkpointStatus->setText(description);
    revalidate();
}

void RunSetupPanel::updateEnabledFields()
{
    const bool editable = !m_running;
    for (QWidget *field : std::initializer_list<QWidget *> { m_dateRange, m_from, m_horizon20,
             m_horizon60, m_horizon90, m_customHorizons, m_lookback, m_autoBatch, m_device,
             m_threads, m_greedy, m_modelFolder, m_tokenizerFolder, m_modelBrowse,
             m_tokenizerBrowse, m_download, m_editUniverses })
        field->setEnabled(editable);
    m_universe->setEnabled(editable && !m_catalog.universes.isEmpty());
    const bool range = m_dateRange->isChecked();
    m_to->setEnabled(editable && range);
    m_step->setEnabled(editable && range);
    m_every->setEnabled(editable && range && m_step->currentIndex() == 0);
    m_batchSize->setEnabled(editable && !m_autoBatch->isChecked());
    m_memoryBudget->setEnabled(editable);
    const bool sampling = editable && !m_greedy->isChecked();
    for (QWidget *field :
        std::initializer_list<QWidget *> { m_temperature, m_topP, m_topK, m_sampleCount, m_seed })
        field->setEnabled(sampling);
}

QString RunSetupPanel::universeProblem() const
{
    if (m_catalog.universes.isEmpty()) {
        if (!m_catalog.error.isEmpty())
            return tr("The market database cannot be read: %1").arg(m_catalog.error);
        return tr("The market database holds no universe yet: import data first.");
    }
    const UniverseInfo *universe = m_catalog.find(m_universe->currentData().toString());
    if (!universe)
        return tr("Choose a universe.");
    if (universe->memberCount == 0 || universe->tradingDays.isEmpty())
        return tr("'%1' has no tickers with bars.").arg(universe->name);
    return {};
}

QString RunSetupPanel::datesProblem() const
{
    const UniverseInfo *universe = m_catalog.find(m_universe->currentData().toString());
    if (!universe || universe->tradingDays.isEmpty())
        return {};
    const QDate from = m_from->date();
    const QDate to = m_dateRange->isChecked() ? m_to->date() : from;
    if (to < from)
        return tr("'To' (%1) is before 'From' (%2).")
            .arg(to.toString(Qt::ISODate), from.toString(Qt::ISODate));
    const QList<QDate> &days = universe->tradingDays;
    const auto first = std::lower_bound(days.cbegin(), days.cend(), from);
    if (first == days.cend() || *first > to)
        return tr("'%1' has no trading day in %2 – %3; its data runs from %4 to %5.")
            .arg(universe->name, from.toString(Qt::ISODate), to.toString(Qt::ISODate),
                days.first().toString(Qt::ISODate), days.last().toString(Qt::ISODate));
    const qsizetype before = first - days.cbegin() + 1;
    if (before < m_lookback->value())
        return tr("Only %1 trading days up to %2; the lookback needs %3. Choose a later date or a "
                  "shorter lookback.")
            .arg(before)
            .arg(first->toString(Qt::ISODate))
            .arg(m_lookback->value());
    return {};
}

QString RunSetupPanel::horizonsProblem(QList<int> *horizons) const
{
    QList<int> chosen;
    if (m_horizon20->isChecked())
        chosen.append(20);
    if (m_horizon60->isChecked())
        chosen.append(60);
    if (m_horizon90->isChecked())
        chosen.append(90);
    const PositiveList custom = parsePositiveList(m_customHorizons->text());
    if (!custom.invalidPart.isEmpty())
        return tr("'%1' is not a number of trading days (custom horizons: e.g. 5, 120).")
            .arg(custom.invalidPart);
    for (int horizon : custom.values) {
        // The checkpoint's context, once its inspection has told it.
        if (m_checkpointContext > 0 && horizon > m_checkpointContext)
            return tr("%1 trading days is beyond what the model forecasts (at most %2).")
                .arg(horizon)
                .arg(m_checkpointContext);
        if (!chosen.contains(horizon))
            chosen.append(horizon);
    }
    if (chosen.isEmpty())
        return tr("Choose at least one horizon.");
    std::sort(chosen.begin(), chosen.end());
    if (horizons)
        *horizons = chosen;
    return {};
}

QString RunSetupPanel::checkpointProblem() const
{
    const bool noModel = m_modelFolder->text().trimmed().isEmpty();
    const bool noTokenizer = m_tokenizerFolder->text().trimmed().isEmpty();
    if (noModel && !noTokenizer)
        return tr("Choose the predictor's folder too (or clear both for random weights).");
    if (!noModel && noTokenizer)
        return tr("Choose the tokenizer's folder too (or clear both for random weights).");
    return m_checkpointError;
}

void RunSetupPanel::revalidate()
{
    QList<int> horizons;
    const QList<std::pair<QLabel *, QString>> problems {
        { m_universeProblem, universeProblem() },
        { m_datesProblem, datesProblem() },
        { m_horizonsProblem, horizonsProblem(&horizons) },
        { m_checkpointProblem, checkpointProblem() },
    };
    m_lookbackWindowNote->setText(lookbackWindowNote(horizons));
    m_lookbackWindowNote->setVisible(!m_lookbackWindowNote->text().isEmpty());
    showBudgetNote();
    bool valid = m_checkpointChecked;
    m_startProblem.clear();
    for (const auto &[label, problem] : problems) {
        label->setText(problem);
        label->setVisible(!problem.isEmpty());
        valid = valid && problem.isEmpty();
        if (m_startProblem.isEmpty())
            m_startProblem = problem;
    }
    // What the form cannot see on its own, in the run layer's words.
    const QString specProblem = valid ? spec().validate() : QString();
    m_specProblem->setText(specProblem);
    m_specProblem->setVisible(!specProblem.isEmpty());
    valid = valid && specProblem.isEmpty();
    m_exportClusterJob->setEnabled(valid);
    if (m_startProblem.isEmpty())
        m_startProblem = specProblem;
    if (valid != m_valid) {
        m_valid = valid;
        Q_EMIT validityChanged(valid);
    }
    if (valid)
        m_estimateDelay.start();
    else
        m_estimateText.clear();
    updateStartHint();
    Q_EMIT specChanged();
}

RunSpec RunSetupPanel::spec() const
{
    RunSpec spec;
    spec.universe = m_universe->currentData().toString();
    spec.dates.from = m_from->date();
    spec.dates.to = m_dateRange->isChecked() ? m_to->date() : m_from->date();
    spec.dates.step = stepFromIndex(m_step->currentIndex());
    spec.dates.every = m_every->value();
    spec.name = spec.dates.isSingleDate()
        ? QStringLiteral("%1 %2").arg(spec.universe, spec.dates.from.toString(Qt::ISODate))
        : QStringLiteral("%1 %2 – %3")
              .arg(spec.universe, spec.dates.from.toString(Qt::ISODate),
                  spec.dates.to.toString(Qt::ISODate));
    horizonsProblem(&spec.horizons);
    spec.lookback = m_lookback->value();
    if (usesRandomWeights()) {
        spec.model.randomShape = CheckpointInspector::randomWeightsShape();
        spec.model.weightsSeed = m_settings.value(Key::RandomWeightsSeed).toULongLong();
    } else {
        spec.model.modelDir = m_modelFolder->text().trimmed();
        spec.model.tokenizerDir = m_tokenizerFolder->text().trimmed();
    }
    spec.device = m_device->currentText();
    spec.threads = m_threads->value();
    spec.batchSize = m_autoBatch->isChecked() ? 0 : m_batchSize->value();
    spec.memoryBudgetMib = m_memoryBudget->value();
    if (m_greedy->isChecked()) {
        spec.sampling = kronos::SamplingOptions::greedy();
    } else {
        spec.sampling.temperature = m_temperature->value();
        spec.sampling.topP = m_topP->value();
        spec.sampling.topK = m_topK->value();
        spec.sampling.sampleCount = m_sampleCount->value();
        spec.sampling.seed = quint64(m_seed->value());
    }
    return spec;
}
