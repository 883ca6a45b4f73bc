#include "ui/import_dialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

enum ReportColumn {
    FileColumn,
    DetailColumn,
    ReadColumn,
    ImportedColumn,
    ReplacedColumn,
    RejectedColumn
};

} // namespace

ImportDialog::ImportDialog(Workspace &workspace, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_pathList(new QListWidget(this))
    , m_addFiles(new QPushButton(tr("Add &files…"), this))
    , m_addFolder(new QPushButton(tr("Add f&older…"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_import(new QPushButton(tr("&Import"), this))
    , m_cancelButton(new QPushButton(tr("&Cancel import"), this))
    , m_progress(new QProgressBar(this))
    , m_totals(new QLabel(this))
    , m_reportTree(new QTreeWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import price and sector files"));
    m_pathList->setObjectName(QStringLiteral("pathList"));
    m_pathList->setToolTip(tr("Files and folders to import; a folder brings every *.csv in it"));
    m_pathList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_addFiles->setToolTip(tr("Choose CSV files: Yahoo, Kronos, long files with a ticker "
                              "column, or sector files (ticker,sector)"));
    m_addFolder->setToolTip(tr("Choose a folder: every *.csv directly inside is imported"));
    m_remove->setToolTip(tr("Remove the selected entries from the list"));
    m_import->setObjectName(QStringLiteral("importButton"));
    m_import->setToolTip(tr("Import the listed files; each file is one transaction"));
    m_import->setDefault(true);
    m_cancelButton->setObjectName(QStringLiteral("cancelImportButton"));
    m_cancelButton->setToolTip(
        tr("Stop after the current row; the file being imported is rolled back"));
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setToolTip(tr("Files imported"));
    m_progress->setFormat(tr("%v of %m files"));
    m_totals->setObjectName(QStringLiteral("importTotals"));
    m_totals->setWordWrap(true);
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reportTree->setObjectName(QStringLiteral("importReport"));
    m_reportTree->setToolTip(tr("Per file: rows read, imported, replaced and rejected; expand a "
                                "file for its rejected rows with line and reason"));
    m_reportTree->setHeaderLabels({ tr("File / line"), tr("Format / reason"), tr("Read"),
        tr("Imported"), tr("Replaced"), tr("Rejected") });
    m_reportTree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_reportTree->setAlternatingRowColors(true);

    auto *pathButtons = new QVBoxLayout;
    pathButtons->addWidget(m_addFiles);
    pathButtons->addWidget(m_addFolder);
    pathButtons->addWidget(m_remove);
    pathButtons->addStretch();
    pathButtons->addWidget(m_import);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_pathList, 1);
    pathRow->addLayout(pathButtons);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancelButton);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(pathRow);
    layout->addLayout(progressRow);
    layout->addWidget(m_totals);
    layout->addWidget(m_reportTree, 2);
    layout->addWidget(m_buttons);
    resize(820, 560);

    connect(m_addFiles, &QPushButton::clicked, this, [this] {
        addPaths(QFileDialog::getOpenFileNames(
            this, tr("Import files"), {}, tr("CSV files (*.csv);;All files (*)")));
    });
    connect(m_addFolder, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Import a folder"));
        if (!folder.isEmpty())
            addPaths({ folder });
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        qDeleteAll(m_pathList->selectedItems());
        updateButtons();
    });
    connect(m_pathList, &QListWidget::itemSelectionChanged, this, &ImportDialog::updateButtons);
    connect(m_import, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_cancelButton, &QPushButton::clicked, this, &ImportDialog::cancelImport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);
    connect(&m_worker, &QFutureWatcher<ImportOutcome>::progressValueChanged, this,
        &ImportDialog::showProgress);
    connect(&m_worker, &QFutureWatcher<ImportOutcome>::progressRangeChanged, m_progress,
        &QProgressBar::setRange);
    connect(&m_worker, &QFutureWatcher<ImportOutcome>::finished, this, &ImportDialog::showReport);
    updateButtons();
}

ImportDialog::~ImportDialog()
{
    if (m_cancel)
        *m_cancel = true;
    m_worker.waitForFinished();
}

QStringList ImportDialog::paths() const
{
    QStringList paths;
    for (int row = 0; row < m_pathList->count(); ++row)
        paths.append(m_pathList->item(row)->text());
    return paths;
}

void ImportDialog::addPaths(const QStringList &paths)
{
    const QStringList present = this->paths();
    for (const QString &path : paths) {
        if (path.isEmpty() || present.contains(path))
            continue;
        auto *item = new QListWidgetItem(QDir::toNativeSeparators(path), m_pathList);
        item->setToolTip(QFileInfo(path).isDir() ? tr("Folder: every *.csv inside") : path);
    }
    updateButtons();
}

void ImportDialog::startImport()
{
    if (isImporting() || m_pathList->count() == 0)
        return;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_reportTree->clear();
    m_totals->setText(tr("Importing…"));
    m_progress->setRange(0, 0);
    m_progress->setValue(0);
    QStringList paths;
    for (const QString &path : this->paths())
        paths.append(QDir::fromNativeSeparators(path));
    m_worker.setFuture(m_workspace.importFiles(paths, m_cancel));
    updateButtons();
}

void ImportDialog::cancelImport()
{
    // A direct store: the task is busy importing and checks the flag between rows.
    if (m_cancel)
        *m_cancel = true;
    m_cancelButton->setEnabled(false);
    m_totals->setText(tr("Cancelling…"));
}

void ImportDialog::reject()
{
    if (isImporting()) {
        cancelImport();
        m_worker.waitForFinished();
    }
    QDialog::reject();
}

void ImportDialog::showProgress(int filesDone)
{
    m_progress->setValue(filesDone);
    m_totals->setText(tr("Imported %1").arg(m_worker.progressText()));
}

void ImportDialog::showReport()
{
    m_outcome = m_worker.result();
    const ImportReport &report = m_outcome.report;
    m_reportTree->clear();
    for (const FileImportReport &file : report.files) {
        auto *fileItem = new QTreeWidgetItem(m_reportTree);
        fileItem->setText(FileColumn, QFileInfo(file.file).fileName());
        fileItem->setToolTip(FileColumn, file.file);
        QString detail = file.error.isEmpty() ? file.format : file.error;
        if (file.cancelled)
            detail = tr("cancelled; nothing imported from this file");
        fileItem->setText(DetailColumn, detail);
        fileItem->setToolTip(DetailColumn, detail);
        fileItem->setText(ReadColumn, QString::number(file.read));
        fileItem->setText(ImportedColumn, QString::number(file.imported));
        fileItem->setText(ReplacedColumn, QString::number(file.replaced));
        fileItem->setText(RejectedColumn, QString::number(file.rejected));
        for (int column = ReadColumn; column <= RejectedColumn; ++column)
            fileItem->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
        const qsizetype listed = std::min<qsizetype>(file.rejections.size(), MaxListedRejections);
        for (qsizetype k = 0; k < listed; ++k) {
            auto *rejection = new QTreeWidgetItem(fileItem);
            rejection->setText(FileColumn, tr("line %1").arg(file.rejections[k].line));
            rejection->setText(DetailColumn, file.rejections[k].reason);
            rejection->setToolTip(DetailColumn, file.rejections[k].reason);
        }
        if (file.rejections.size() > listed)
            new QTreeWidgetItem(fileItem,
                { tr("…"), tr("%1 more rejected rows").arg(file.rejections.size() - listed) });
        fileItem->setExpanded(!file.rejections.isEmpty() && report.files.size() <= 20);
    }

    QString totals = report.totalsLine();
    // Runs score a universe's members: a universe that grew or shrank must not go unnoticed.
    for (const UniverseChange &change : report.universeChanges)
        totals += QStringLiteral("\n") + tr("Universe %1").arg(change.text());
    if (!m_outcome.error.isEmpty())
        totals
            = totals.isEmpty() ? m_outcome.error : totals + QStringLiteral("\n") + m_outcome.error;
    m_totals->setText(totals);
    m_progress->setRange(0, std::max(1, int(report.files.size())));
    m_progress->setValue(int(report.files.size()));
    updateButtons();
    Q_EMIT importFinished(m_outcome);
}

void ImportDialog::updateButtons()
{
    const bool importing = isImporting();
    m_addFiles->setEnabled(!importing);
    m_addFolder->setEnabled(!importing);
    m_remove->setEnabled(!importing && !m_pathList->selectedItems().isEmpty());
    m_import->setEnabled(!importing && m_pathList->count() > 0);
    m_cancelButton->setEnabled(importing);
}
