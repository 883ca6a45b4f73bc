#include "ui/checkpoint_manager_dialog.h"

#include "data/byte_size.h"
#include "model/checkpoint_downloader.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

enum Column { RepoColumn, DescriptionColumn, CachedColumn, ColumnCount };

} // namespace

CheckpointManagerDialog::CheckpointManagerDialog(
    const CheckpointCache &cache, const QString &hubSetting, QWidget *parent)
    : QDialog(parent)
    , m_cache(cache)
    , m_downloader(new CheckpointDownloader(cache, CheckpointDownloader::baseUrl(hubSetting), this))
{
    setObjectName(QStringLiteral("checkpointManager"));
    setWindowTitle(tr("Kronos checkpoints"));

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("checkpointTable"));
    m_table->setHorizontalHeaderLabels({ tr("Repository"), tr("Description"), tr("In the cache") });
    m_table->horizontalHeader()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setToolTip(
        tr("Published Kronos checkpoints on Hugging Face and their copies on this machine"));

    m_revision = new QLineEdit(QStringLiteral("main"), this);
    m_revision->setObjectName(QStringLiteral("revisionEdit"));
    m_revision->setToolTip(tr("Branch, tag or commit to download"));

    m_download = new QPushButton(tr("&Download"), this);
    m_download->setObjectName(QStringLiteral("downloadButton"));
    m_download->setToolTip(tr("Download the selected checkpoint (and its tokenizer when missing); "
                              "a broken transfer resumes"));
    m_cancel = new QPushButton(tr("&Cancel download"), this);
    m_cancel->setObjectName(QStringLiteral("cancelDownloadButton"));
    m_cancel->setToolTip(tr("Stop the transfer; what arrived is kept for a later resume"));
    m_cancel->setEnabled(false);
    m_verify = new QPushButton(tr("&Verify"), this);
    m_verify->setObjectName(QStringLiteral("verifyButton"));
    m_verify->setToolTip(
        tr("Recompute the weights' SHA-256 and compare it with the one recorded at download"));
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeButton"));
    m_remove->setToolTip(tr("Delete the selected checkpoint from the cache"));
    m_use = new QPushButton(tr("&Use for runs"), this);
    m_use->setObjectName(QStringLiteral("useButton"));
    m_use->setToolTip(tr("Put the selected predictor and its tokenizer into the run setup"));

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("downloadProgress"));
    m_progress->setToolTip(tr("Transfer progress"));
    m_status = new QLabel(tr("Hub: %1").arg(CheckpointDownloader::baseUrl(hubSetting)), this);
    m_status->setObjectName(QStringLiteral("downloadStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *revisionLabel = new QLabel(tr("Re&vision:"), this);
    revisionLabel->setBuddy(m_revision);
    auto *revisionRow = new QHBoxLayout;
    revisionRow->addWidget(revisionLabel);
    revisionRow->addWidget(m_revision);
    revisionRow->addStretch();
    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : { m_download, m_cancel, m_verify, m_remove, m_use })
        buttons->addWidget(button);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addLayout(revisionRow);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(close);
    resize(820, 420);

    connect(m_download, &QPushButton::clicked, this, &CheckpointManagerDialog::download);
    connect(m_cancel, &QPushButton::clicked, m_downloader, &CheckpointDownloader::cancel);
    connect(m_verify, &QPushButton::clicked, this, &CheckpointManagerDialog::verify);
    connect(m_remove, &QPushButton::clicked, this, &CheckpointManagerDialog::remove);
    connect(m_use, &QPushButton::clicked, this, &CheckpointManagerDialog::use);
    connect(m_downloader, &CheckpointDownloader::progress, this,
        &CheckpointManagerDialog::showProgress);
    connect(m_downloader, &CheckpointDownloader::finished, this,
        &CheckpointManagerDialog::downloadNext);
    connect(m_downloader, &CheckpointDownloader::failed, this,
        &CheckpointManagerDialog::finishDownloads);
    refresh();
    m_table->selectRow(0);
}

void CheckpointManagerDialog::refresh()
{
    // One scan of the cache folder serves every row.
    const QList<CachedCheckpoint> cache = m_cache.list();
    QStringList repos;
    for (const KnownCheckpoint &known : CheckpointCache::knownCheckpoints())
        repos << known.repo;
    for (const CachedCheckpoint &cached : cache)
        if (!repos.contains(cached.repo))
            repos << cached.repo;
    const int selected = m_table->currentRow();
    m_table->setRowCount(int(repos.size()));
    for (int row = 0; row < repos.size(); ++row) {
        QString description;
        for (const KnownCheckpoint &known : CheckpointCache::knownCheckpoints())
            if (known.repo == repos[row])
                description = known.description
                    + (known.tokenizerRepo.isEmpty()
                            ? QString()
                            : tr(" — tokenizer %1").arg(known.tokenizerRepo));
        QString cachedText = tr("no");
        for (const CachedCheckpoint &cached : cache)
            if (cached.repo == repos[row])
                cachedText = cached.complete
                    ? tr("%1 @ %2").arg(ByteSize::format(cached.bytes), cached.revision)
                    : tr("incomplete");
        m_table->setItem(row, RepoColumn, new QTableWidgetItem(repos[row]));
        m_table->setItem(row, DescriptionColumn, new QTableWidgetItem(description));
        m_table->setItem(row, CachedColumn, new QTableWidgetItem(cachedText));
    }
    m_table->resizeColumnToContents(RepoColumn);
    if (selected >= 0)
        m_table->selectRow(selected);
}

QString CheckpointManagerDialog::selectedRepo() const
{
    const QTableWidgetItem *item = m_table->item(m_table->currentRow(), RepoColumn);
    return item ? item->text() : QString();
}

QString CheckpointManagerDialog::revision() const
{
    return m_revision->text().trimmed().isEmpty() ? QStringLiteral("main")
                                                  : m_revision->text().trimmed();
}

bool CheckpointManagerDialog::isCached(const QString &repo) const
{
    for (const CachedCheckpoint &cached : m_cache.list())
        if (cached.repo == repo && cached.revision == revision() && cached.complete)
            return true;
    return false;
}

void CheckpointManagerDialog::download()
{
    const QString repo = selectedRepo();
    if (repo.isEmpty())
        return;
    m_queue = { repo };
    for (const KnownCheckpoint &known : CheckpointCache::knownCheckpoints())
        if (known.repo == repo && !known.tokenizerRepo.isEmpty() && !isCached(known.tokenizerRepo))
            m_queue << known.tokenizerRepo;
    for (QPushButton *button : { m_download, m_verify, m_remove, m_use })
        button->setEnabled(false);
    m_cancel->setEnabled(true);
    downloadNext();
}

void CheckpointManagerDialog::downloadNext()
{
    refresh();
    if (m_queue.isEmpty()) {
        finishDownloads(tr("Downloaded and verified."));
        return;
    }
    const QString repo = m_queue.takeFirst();
    m_status->setText(tr("Downloading %1 …").arg(repo));
    m_downloader->start(repo, revision());
}

void CheckpointManagerDialog::showProgress(const DownloadProgress &progress)
{
    m_progress->setRange(0, progress.total > 0 ? 1000 : 0);
    if (progress.total > 0)
        m_progress->setValue(int(1000.0 * progress.received / progress.total));
    QString text = tr("%1: %2 of %3 at %4/s")
                       .arg(progress.file, ByteSize::format(progress.received),
                           progress.total > 0 ? ByteSize::format(progress.total) : tr("?"),
                           ByteSize::format(progress.bytesPerSecond));
    if (progress.secondsLeft >= 0)
        text += tr(", %1 s left").arg(progress.secondsLeft, 0, 'f', 0);
    m_status->setText(text);
}

void CheckpointManagerDialog::finishDownloads(const QString &message)
{
    m_queue.clear();
    m_status->setText(message);
    m_progress->setRange(0, 1000);
    m_cancel->setEnabled(false);
    for (QPushButton *button : { m_download, m_verify, m_remove, m_use })
        button->setEnabled(true);
    refresh();
}

void CheckpointManagerDialog::verify()
{
    const QString problem = m_cache.verify(selectedRepo(), revision());
    m_status->setText(problem.isEmpty()
            ? tr("%1: the weights match their recorded SHA-256.").arg(selectedRepo())
            : problem);
}

void CheckpointManagerDialog::remove()
{
    const QString repo = selectedRepo();
    m_status->setText(m_cache.remove(repo, revision())
            ? tr("Removed %1.").arg(repo)
            : tr("%1 at '%2' is not in the cache.").arg(repo, revision()));
    refresh();
}

void CheckpointManagerDialog::use()
{
    const QString repo = selectedRepo();
    QString tokenizer;
    for (const KnownCheckpoint &known : CheckpointCache::knownCheckpoints())
        if (known.repo == repo)
            tokenizer = known.tokenizerRepo;
    if (tokenizer.isEmpty()) {
        m_status->setText(
            tr("Select a predictor (Kronos-mini, -small or -base), not a tokenizer."));
        return;
    }
    if (!isCached(repo) || !isCached(tokenizer)) {
        m_status->setText(tr("Download %1 and %2 first.").arg(repo, tokenizer));
        return;
    }
    Q_EMIT useCheckpoint(m_cache.folder(repo, revision()), m_cache.folder(tokenizer, revision()));
    accept();
}
