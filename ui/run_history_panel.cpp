#include "ui/run_history_panel.h"

#include "run/run_identity.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

namespace {

enum RunColumn {
    IdColumn,
    NameColumn,
    StatusColumn,
    UniverseColumn,
    DatesColumn,
    HorizonsColumn,
    ScoredColumn,
    CheckpointColumn,
    DeviceColumn,
    BatchColumn,
    UpdatedColumn,
    RunColumnCount
};

QString datesText(const DateSelection &dates)
{
    if (dates.isSingleDate())
        return dates.from.toString(Qt::ISODate);
    return QStringLiteral("%1 … %2").arg(
        dates.from.toString(Qt::ISODate), dates.to.toString(Qt::ISODate));
}

QString horizonsText(const QList<int> &horizons)
{
    QStringList parts;
    for (int horizon : horizons)
        parts.append(QString::number(horizon));
    return parts.join(QStringLiteral(", "));
}

QString checkpointText(const ModelSource &model)
{
    return RunIdentity { 0, {}, model }.checkpointName();
}

QString batchText(const RunSpec &spec)
{
    return spec.batchSize == 0 ? QObject::tr("auto") : QString::number(spec.batchSize);
}

QStandardItem *cell(const QString &text, const QString &toolTip = {})
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    item->setToolTip(toolTip.isEmpty() ? text : toolTip);
    return item;
}

} // namespace

RunHistoryPanel::RunHistoryPanel(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_runModel(new QStandardItemModel(this))
    , m_comparisonModel(new QStandardItemModel(this))
    , m_runView(new QTableView(this))
    , m_comparisonView(new QTableView(this))
    , m_status(new QLabel(this))
    , m_open(new QPushButton(tr("&Open"), this))
    , m_rename(new QPushButton(tr("Re&name…"), this))
    , m_delete(new QPushButton(tr("&Delete"), this))
    , m_resume(new QPushButton(tr("Res&ume"), this))
    , m_compare(new QPushButton(tr("&Compare"), this))
{
    setObjectName(QStringLiteral("runHistoryPanel"));
    m_runView->setObjectName(QStringLiteral("runTable"));
    m_runView->setModel(m_runModel);
    m_runView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_runView->setAlternatingRowColors(true);
    m_runView->verticalHeader()->hide();
    m_runView->horizontalHeader()->setStretchLastSection(true);
    m_runView->setToolTip(tr("Stored runs, newest first; Enter opens one, select two to compare"));
    m_comparisonView->setObjectName(QStringLiteral("comparisonTable"));
    m_comparisonView->setModel(m_comparisonModel);
    m_comparisonView->setAlternatingRowColors(true);
    m_comparisonView->horizontalHeader()->setStretchLastSection(true);
    m_comparisonView->setToolTip(
        tr("The two compared runs side by side, and how their scores agree"));
    m_status->setObjectName(QStringLiteral("runHistoryStatus"));
    m_status->setWordWrap(true);
    m_open->setObjectName(QStringLiteral("openRunButton"));
    m_open->setToolTip(tr("Show the run's scores, evaluation and charts"));
    m_rename->setToolTip(tr("Give the selected run another name"));
    m_delete->setToolTip(tr("Delete the selected run with its scores and telemetry"));
    m_resume->setObjectName(QStringLiteral("resumeRunButton"));
    m_resume->setToolTip(tr("Score the series an interrupted or cancelled run has not scored yet"));
    m_compare->setObjectName(QStringLiteral("compareRunsButton"));
    m_compare->setToolTip(tr("Compare the two selected runs"));

    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : { m_open, m_rename, m_delete, m_resume, m_compare })
        buttons->addWidget(button);
    buttons->addStretch();
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(buttons);
    topLayout->addWidget(m_runView, 1);
    topLayout->addWidget(m_status);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_comparisonView);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_runView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &RunHistoryPanel::updateButtons);
    connect(m_runView, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT openRequested(m_state.runs.value(index.row()).id);
    });
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (selectedRunIds().size() == 1)
            Q_EMIT openRequested(selectedRunIds().first());
    });
    connect(m_resume, &QPushButton::clicked, this, [this] {
        if (selectedRunIds().size() == 1)
            Q_EMIT resumeRequested(selectedRunIds().first());
    });
    connect(m_compare, &QPushButton::clicked, this, [this] {
        const QList<qint64> ids = selectedRunIds();
        if (ids.size() == 2)
            compareRuns(ids[0], ids[1]);
    });
    connect(m_rename, &QPushButton::clicked, this, [this] {
        const RunRecord *run = runWithId(selectedRunIds().value(0));
        if (!run)
            return;
        bool ok = false;
        const QString name = QInputDialog::getText(
            this, tr("Rename run"), tr("Name:"), QLineEdit::Normal, run->name, &ok);
        if (ok && !name.trimmed().isEmpty())
            renameRun(run->id, name.trimmed());
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        const RunRecord *run = runWithId(selectedRunIds().value(0));
        if (run
            && QMessageBox::question(this, tr("Delete run"),
                   tr("Delete the run '%1' with its %2 scored series?")
                       .arg(run->name)
                       .arg(run->scored))
                == QMessageBox::Yes)
            deleteRun(run->id);
    });
    connect(&m_worker, &QFutureWatcher<RunListing>::finished, this, &RunHistoryPanel::showState);
    updateButtons();
    reload();
}

RunHistoryPanel::~RunHistoryPanel()
{
    m_worker.waitForFinished();
}

void RunHistoryPanel::show(const QFuture<RunListing> &listing)
{
    m_worker.setFuture(listing);
    updateButtons();
}

bool RunHistoryPanel::refuseWhileBusy()
{
    if (!m_worker.isRunning())
        return false;
    m_status->setText(tr("Still reading the runs; try again in a moment."));
    return true;
}

void RunHistoryPanel::reload()
{
    if (!refuseWhileBusy())
        show(m_workspace.listRuns());
}

void RunHistoryPanel::setActiveRun(qint64 runId)
{
    m_activeRun = runId;
    m_activeRunScored = 0;
    reload();
}

void RunHistoryPanel::showActiveRunScored(int scored)
{
    m_activeRunScored = scored;
    for (int row = 0; row < m_state.runs.size(); ++row) {
        RunRecord &run = m_state.runs[row];
        if (run.id == m_activeRun && m_activeRun != 0) {
            run.scored = std::max(run.scored, scored);
            m_runModel->setItem(row, ScoredColumn, scoredCell(run));
        }
    }
}

void RunHistoryPanel::renameRun(qint64 runId, const QString &name)
{
    if (!refuseWhileBusy())
        show(m_workspace.renameRun(runId, name));
}

void RunHistoryPanel::deleteRun(qint64 runId)
{
    if (runId == m_activeRun) {
        m_status->setText(tr("The run in progress cannot be deleted."));
        return;
    }
    if (refuseWhileBusy())
        return;
    m_deleting = runId;
    show(m_workspace.deleteRun(runId));
}

void RunHistoryPanel::compareRuns(qint64 firstRunId, qint64 secondRunId)
{
    if (!refuseWhileBusy())
        show(m_workspace.compareRuns(firstRunId, secondRunId));
}

QList<qint64> RunHistoryPanel::selectedRunIds() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_runView->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    QList<qint64> ids;
    for (int row : rows)
        ids.append(m_state.runs.value(row).id);
    return ids;
}

void RunHistoryPanel::selectRun(qint64 runId)
{
    for (int row = 0; row < m_state.runs.size(); ++row) {
        if (m_state.runs[row].id == runId) {
            m_runView->selectRow(row);
            return;
        }
    }
}

bool RunHistoryPanel::isResumable(const RunRecord &run) const
{
    return run.id != m_activeRun && run.status != RunStatus::Finished;
}

const RunRecord *RunHistoryPanel::runWithId(qint64 runId) const
{
    for (const RunRecord &run : m_state.runs) {
        if (run.id == runId)
            return &run;
    }
    return nullptr;
}

QString RunHistoryPanel::statusText(const RunRecord &run) const
{
    // The repository marks a run `running` until it ends; without a worker on it, it was
    // interrupted (the application quit or crashed) and can be resumed.
    if (run.status == RunStatus::Running)
        return run.id == m_activeRun ? tr("running") : tr("interrupted");
    return runStatusName(run.status);
}

void RunHistoryPanel::showState()
{
    const QList<qint64> selected = selectedRunIds();
    m_state = m_worker.result();
    for (RunRecord &run : m_state.runs) {
        if (run.id == m_activeRun && m_activeRun != 0)
            run.scored = std::max(run.scored, m_activeRunScored);
    }
    m_runModel->clear();
    m_runModel->setHorizontalHeaderLabels(
        { tr("Id"), tr("Name"), tr("Status"), tr("Universe"), tr("Dates"), tr("Horizons"),
            tr("Scored"), tr("Checkpoint"), tr("Device"), tr("Batch"), tr("Updated") });
    for (const RunRecord &run : m_state.runs) {
        QList<QStandardItem *> row(RunColumnCount);
        row[IdColumn] = cell(QString::number(run.id),
            tr("Run %1: what kronos-cli calls it (kronos-cli evaluate %1, runs export %1)")
                .arg(run.id));
        row[NameColumn] = cell(run.name);
        row[StatusColumn] = cell(statusText(run), run.error);
        row[UniverseColumn] = cell(run.spec.universe);
        row[DatesColumn] = cell(datesText(run.spec.dates));
        row[HorizonsColumn] = cell(horizonsText(run.spec.horizons));
        row[ScoredColumn] = scoredCell(run);
        row[CheckpointColumn] = cell(checkpointText(run.spec.model), run.spec.model.modelDir);
        row[DeviceColumn] = cell(run.spec.device);
        row[BatchColumn] = cell(batchText(run.spec));
        row[UpdatedColumn]
            = cell(run.updated.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        m_runModel->appendRow(row);
    }
    for (qint64 id : selected)
        selectRun(id);
    fillComparison();
    m_status->setText(
        m_state.error.isEmpty() ? m_state.message : tr("Not done: %1").arg(m_state.error));
    updateButtons();
    if (const qint64 deleted = std::exchange(m_deleting, 0);
        deleted != 0 && m_state.error.isEmpty())
        Q_EMIT runDeleted(deleted);
    Q_EMIT refreshed();
}

QStandardItem *RunHistoryPanel::scoredCell(const RunRecord &run)
{
    return cell(tr("%1 of %2").arg(run.scored).arg(run.planned - run.skipped),
        tr("%1 series scored, %2 planned, %3 skipped")
            .arg(run.scored)
            .arg(run.planned)
            .arg(run.skipped));
}

void RunHistoryPanel::fillComparison()
{
    m_comparisonModel->clear();
    const RunRecord *first = runWithId(m_state.firstCompared);
    const RunRecord *second = runWithId(m_state.secondCompared);
    if (!m_state.comparison || !first || !second)
        return;
    m_comparisonModel->setHorizontalHeaderLabels({ first->name, second->name });
    const auto addRow = [this](const QString &label, const QString &a, const QString &b) {
        m_comparisonModel->appendRow({ cell(a), cell(b) });
        m_comparisonModel->setVerticalHeaderItem(m_comparisonModel->rowCount() - 1, cell(label));
    };
    addRow(tr("Status"), statusText(*first), statusText(*second));
    addRow(tr("Universe"), first->spec.universe, second->spec.universe);
    addRow(tr("Dates"), datesText(first->spec.dates), datesText(second->spec.dates));
    addRow(tr("Horizons"), horizonsText(first->spec.horizons), horizonsText(second->spec.horizons));
    addRow(tr("Lookback"), QString::number(first->spec.lookback),
        QString::number(second->spec.lookback));
    addRow(tr("Checkpoint"), checkpointText(first->spec.model), checkpointText(second->spec.model));
    addRow(tr("Device"), first->spec.device, second->spec.device);
    addRow(tr("Batch size"), batchText(first->spec), batchText(second->spec));
    addRow(tr("Sampling"),
        first->spec.sampling.isGreedy() ? tr("greedy")
                                        : tr("%1 samples").arg(first->spec.sampling.sampleCount),
        second->spec.sampling.isGreedy() ? tr("greedy")
                                         : tr("%1 samples").arg(second->spec.sampling.sampleCount));
    addRow(tr("Scored series"), QString::number(first->scored), QString::number(second->scored));
    addRow(tr("Skipped series"), QString::number(first->skipped), QString::number(second->skipped));
    const RunComparison &comparison = *m_state.comparison;
    addRow(tr("Score rows in both"), QString::number(comparison.commonRows),
        QString::number(comparison.commonRows));
    addRow(tr("Score rows only here"), QString::number(comparison.onlyInFirst),
        QString::number(comparison.onlyInSecond));
    const QString maxDifference = QString::number(comparison.maxAbsScoreDifference, 'g', 6);
    const QString meanDifference = QString::number(comparison.meanAbsScoreDifference, 'g', 6);
    addRow(tr("Max |score difference|"), maxDifference, maxDifference);
    addRow(tr("Mean |score difference|"), meanDifference, meanDifference);
}

void RunHistoryPanel::updateButtons()
{
    const bool idle = !m_worker.isRunning();
    const QList<qint64> ids = selectedRunIds();
    const RunRecord *run = ids.size() == 1 ? runWithId(ids.first()) : nullptr;
    m_open->setEnabled(run);
    m_rename->setEnabled(idle && run);
    m_delete->setEnabled(idle && run && run->id != m_activeRun);
    m_resume->setEnabled(run && isResumable(*run));
    m_compare->setEnabled(idle && ids.size() == 2);
}
