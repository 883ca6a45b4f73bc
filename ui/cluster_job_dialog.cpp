#include "ui/cluster_job_dialog.h"

#include "run/installed_programs.h"
#include "workbench/workspace.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

ClusterJobDialog::ClusterJobDialog(const RunSpec &spec, Workspace &workspace, QWidget *parent)
    : QDialog(parent)
    , m_spec(spec)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("clusterJobDialog"));
    setWindowTitle(tr("Export as cluster job"));
    auto *form = new QFormLayout;
    m_shards = new QSpinBox(this);
    m_shards->setObjectName(QStringLiteral("clusterShardsSpin"));
    m_shards->setRange(1, 100000);
    m_shards->setValue(8);
    m_shards->setToolTip(tr("Array tasks: each scores every N-th evaluation date into its own "
                            "database"));
    form->addRow(tr("&Shards:"), m_shards);
    m_folder = new QLineEdit(this);
    m_folder->setObjectName(QStringLiteral("clusterFolderEdit"));
    m_folder->setToolTip(tr("A new or empty folder on a file system the cluster's nodes share"));
    auto *browse = new QPushButton(tr("…"), this);
    browse->setObjectName(QStringLiteral("clusterFolderBrowseButton"));
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto *folderLabel = new QLabel(tr("Job &folder:"), this);
    folderLabel->setBuddy(m_folder);
    form->addRow(folderLabel, folderRow);
    m_cpus = new QSpinBox(this);
    m_cpus->setObjectName(QStringLiteral("clusterCpusSpin"));
    m_cpus->setRange(1, 256);
    m_cpus->setValue(spec.threads > 0 ? spec.threads : QThread::idealThreadCount());
    m_cpus->setToolTip(tr("Threads of each task: its --cpus-per-task"));
    form->addRow(tr("&CPUs per task:"), m_cpus);
    m_gpus = new QSpinBox(this);
    m_gpus->setObjectName(QStringLiteral("clusterGpusSpin"));
    m_gpus->setRange(1, 16);
    m_gpus->setEnabled(spec.device == QLatin1String("cuda"));
    m_gpus->setToolTip(tr("--gpus-per-task, for a cuda run"));
    form->addRow(tr("&GPUs per task:"), m_gpus);
    m_partition = new QLineEdit(this);
    m_partition->setObjectName(QStringLiteral("clusterPartitionEdit"));
    m_partition->setPlaceholderText(tr("the cluster's default"));
    form->addRow(tr("&Partition:"), m_partition);
    m_time = new QLineEdit(this);
    m_time->setObjectName(QStringLiteral("clusterTimeEdit"));
    m_time->setPlaceholderText(tr("the partition's default, e.g. 1-00:00:00"));
    form->addRow(tr("&Time limit per task:"), m_time);
    m_kronosCli = new QLineEdit(InstalledPrograms::kronosCli(), this);
    m_kronosCli->setObjectName(QStringLiteral("clusterKronosCliEdit"));
    m_kronosCli->setToolTip(tr("kronos-cli as the nodes run it"));
    form->addRow(tr("&kronos-cli:"), m_kronosCli);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("clusterJobStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    m_buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("clusterSaveButton"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    setMinimumWidth(560); // room for a cluster path

    connect(browse, &QPushButton::clicked, this, &ClusterJobDialog::browse);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ClusterJobDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_writing, &QFutureWatcher<ClusterJobWrite>::finished, this,
        [this] { showResult(m_writing.result()); });
}

void ClusterJobDialog::browse()
{
    const QString folder
        = QFileDialog::getExistingDirectory(this, tr("Job folder"), m_folder->text());
    if (!folder.isEmpty())
        m_folder->setText(folder);
}

void ClusterJobDialog::save()
{
    RunSpec spec = m_spec;
    spec.threads = m_cpus->value();
    SlurmJobOptions options;
    options.shards = m_shards->value();
    options.folder = m_folder->text().trimmed();
    options.partition = m_partition->text().trimmed();
    options.timeLimit = m_time->text().trimmed();
    options.gpusPerTask = m_gpus->value();
    options.kronosCli = m_kronosCli->text().trimmed();
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
    m_status->setText(tr("Writing the job: loading the checkpoint, copying the market data…"));
    m_writing.setFuture(m_workspace.writeClusterJob(spec, options));
}

void ClusterJobDialog::showResult(const ClusterJobWrite &written)
{
    const SlurmJob &job = written.job;
    if (!written.error.isEmpty()) {
        m_status->setText(tr("Not written: %1").arg(written.error));
        m_buttons->button(QDialogButtonBox::Save)->setEnabled(true);
        return;
    }
    QString text
        = tr("Written. %1 shards of %2 dates (%3 series, at most %4 in a task); each task: "
             "--mem %5M for a %6 MB budget, batches of %7.\nOn the cluster, submit it "
             "with: %8")
              .arg(m_shards->value())
              .arg(job.dates)
              .arg(job.series)
              .arg(job.largestShardSeries)
              .arg(job.memory.requestMb)
              .arg(job.memory.budgetMb)
              .arg(job.memory.batchSize)
              .arg(job.submitScript);
    for (const QString &warning : job.warnings)
        text += QLatin1Char('\n') + tr("Warning: %1").arg(warning);
    m_status->setText(text);
}
