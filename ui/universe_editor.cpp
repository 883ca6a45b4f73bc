#include "ui/universe_editor.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

UniverseEditor::UniverseEditor(Workspace &workspace, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_list(new QListWidget(this))
    , m_description(new QLabel(this))
    , m_members(new QListWidget(this))
    , m_status(new QLabel(this))
    , m_create(new QPushButton(tr("&New…"), this))
    , m_createFromFile(new QPushButton(tr("New from &file…"), this))
    , m_rename(new QPushButton(tr("&Rename…"), this))
    , m_duplicate(new QPushButton(tr("D&uplicate…"), this))
    , m_delete(new QPushButton(tr("&Delete"), this))
    , m_addMembers(new QPushButton(tr("&Add tickers…"), this))
    , m_removeMembers(new QPushButton(tr("Re&move tickers"), this))
{
    setObjectName(QStringLiteral("universeEditor"));
    setWindowTitle(tr("Universes"));
    m_list->setObjectName(QStringLiteral("universeList"));
    m_list->setToolTip(tr("Universes with their ticker counts; built-in ones can only be "
                          "duplicated"));
    m_description->setObjectName(QStringLiteral("universeDescription"));
    m_description->setWordWrap(true);
    m_members->setObjectName(QStringLiteral("universeMembers"));
    m_members->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_members->setFlow(QListView::LeftToRight);
    m_members->setWrapping(true);
    m_members->setResizeMode(QListView::Adjust);
    m_members->setToolTip(tr("The tickers of the selected universe; select some to remove them "
                             "from a universe of yours"));
    m_status->setObjectName(QStringLiteral("universeStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_create->setObjectName(QStringLiteral("createUniverseButton"));
    m_create->setToolTip(tr("Create a universe from tickers you type"));
    m_createFromFile->setToolTip(tr("Create a universe from a text file of tickers or a CSV "
                                    "file with a ticker, symbol or Name column"));
    m_rename->setToolTip(tr("Rename the selected universe (not a built-in one)"));
    m_duplicate->setToolTip(tr("Copy the selected universe, built-in ones included, under a "
                               "new name"));
    m_delete->setToolTip(tr("Delete the selected universe (not a built-in one)"));
    m_addMembers->setObjectName(QStringLiteral("addMembersButton"));
    m_addMembers->setToolTip(tr("Add tickers to the selected universe (not a built-in one)"));
    m_removeMembers->setObjectName(QStringLiteral("removeMembersButton"));
    m_removeMembers->setToolTip(
        tr("Remove the tickers selected in the list from the universe (not a built-in one)"));

    auto *buttons = new QVBoxLayout;
    for (QPushButton *button : { m_create, m_createFromFile, m_rename, m_duplicate, m_delete })
        buttons->addWidget(button);
    buttons->addSpacing(12);
    buttons->addWidget(m_addMembers);
    buttons->addWidget(m_removeMembers);
    buttons->addStretch();
    auto *details = new QVBoxLayout;
    details->addWidget(m_description);
    details->addWidget(m_members, 1);
    auto *body = new QHBoxLayout;
    body->addWidget(m_list, 1);
    body->addLayout(details, 1);
    body->addLayout(buttons);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(m_status);
    layout->addWidget(close);
    resize(720, 480);

    connect(close, &QDialogButtonBox::rejected, this, &UniverseEditor::reject);
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        showMembers();
        updateButtons();
    });
    connect(m_create, &QPushButton::clicked, this, &UniverseEditor::askCreate);
    connect(m_createFromFile, &QPushButton::clicked, this, &UniverseEditor::askCreateFromFile);
    connect(m_rename, &QPushButton::clicked, this, &UniverseEditor::askRename);
    connect(m_duplicate, &QPushButton::clicked, this, &UniverseEditor::askDuplicate);
    connect(m_delete, &QPushButton::clicked, this, &UniverseEditor::askDelete);
    connect(m_addMembers, &QPushButton::clicked, this, &UniverseEditor::askAddMembers);
    connect(m_removeMembers, &QPushButton::clicked, this, &UniverseEditor::askRemoveMembers);
    connect(m_members, &QListWidget::itemSelectionChanged, this, &UniverseEditor::updateButtons);
    connect(&m_worker, &QFutureWatcher<UniverseEdit>::finished, this, &UniverseEditor::showEdit);
    updateButtons();
    reload();
}

UniverseEditor::~UniverseEditor()
{
    // An edit is one short transaction; let it end rather than leave its connection behind.
    m_worker.waitForFinished();
}

QString UniverseEditor::selectedUniverse() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void UniverseEditor::run(const QFuture<UniverseEdit> &edit, bool changes)
{
    m_editChanges = changes;
    m_worker.setFuture(edit);
    updateButtons();
}

// Each edit is refused, not queued, while the previous one is saved: the dialog's buttons are
// disabled meanwhile, so only a direct call lands here.
bool UniverseEditor::refuseWhileBusy()
{
    if (!isBusy())
        return false;
    m_status->setText(tr("Still saving the previous change; try again in a moment."));
    return true;
}

void UniverseEditor::reload()
{
    if (!refuseWhileBusy())
        run(m_workspace.listUniverses(selectedUniverse()), false);
}

void UniverseEditor::createUniverse(const QString &name, const QString &tickers)
{
    if (!refuseWhileBusy())
        run(m_workspace.createUniverse(name, tickers), true);
}

void UniverseEditor::createUniverseFromFile(const QString &name, const QString &path)
{
    if (!refuseWhileBusy())
        run(m_workspace.createUniverseFromFile(name, path), true);
}

void UniverseEditor::renameUniverse(const QString &name, const QString &newName)
{
    if (!refuseWhileBusy())
        run(m_workspace.renameUniverse(name, newName), true);
}

void UniverseEditor::duplicateUniverse(const QString &name, const QString &newName)
{
    if (!refuseWhileBusy())
        run(m_workspace.duplicateUniverse(name, newName), true);
}

void UniverseEditor::deleteUniverse(const QString &name)
{
    if (!refuseWhileBusy())
        run(m_workspace.deleteUniverse(name), true);
}

void UniverseEditor::addMembers(const QString &name, const QString &tickers)
{
    if (!refuseWhileBusy())
        run(m_workspace.addUniverseMembers(name, tickers), true);
}

void UniverseEditor::removeMembers(const QString &name, const QStringList &tickers)
{
    if (!refuseWhileBusy())
        run(m_workspace.removeUniverseMembers(name, tickers), true);
}

void UniverseEditor::selectUniverse(const QString &name)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(Qt::UserRole).toString() == name) {
            m_list->setCurrentRow(row);
            m_pendingSelection.clear();
            return;
        }
    }
    m_pendingSelection = name;
}

void UniverseEditor::showEdit()
{
    m_lastEdit = m_worker.result();
    // What the list showed (or was asked to show) stays selected unless the edit says otherwise.
    const QString previous = m_pendingSelection.isEmpty() ? selectedUniverse() : m_pendingSelection;
    if (m_lastEdit.error.isEmpty() || !m_lastEdit.universes.isEmpty()) {
        m_universes = m_lastEdit.universes;
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        for (const Universe &universe : m_universes) {
            auto *item = new QListWidgetItem(universe.builtIn
                    ? tr("%1 (%2, built-in)").arg(universe.name).arg(universe.tickers.size())
                    : tr("%1 (%2)").arg(universe.name).arg(universe.tickers.size()),
                m_list);
            item->setData(Qt::UserRole, universe.name);
            item->setToolTip(universe.description);
        }
    }
    QString status = m_lastEdit.error.isEmpty() ? m_lastEdit.message
                                                : tr("Not done: %1").arg(m_lastEdit.error);
    if (!m_lastEdit.unknownTickers.isEmpty())
        status += tr(" Unknown tickers (no bars in the database), not added: %1.")
                      .arg(m_lastEdit.unknownTickers.join(QStringLiteral(", ")));
    m_status->setText(status.trimmed());
    selectUniverse(m_lastEdit.selected.isEmpty() ? previous : m_lastEdit.selected);
    if (!m_list->currentItem() && m_list->count() > 0)
        m_list->setCurrentRow(0);
    m_pendingSelection.clear();
    if (m_editChanges && m_lastEdit.error.isEmpty())
        m_editedUniverse = m_lastEdit.selected;
    showMembers();
    updateButtons();
    Q_EMIT editFinished(m_lastEdit);
    if (m_editChanges && m_lastEdit.error.isEmpty())
        Q_EMIT universesChanged();
}

void UniverseEditor::showMembers()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_universes.size()) {
        m_description->clear();
        m_members->clear();
        return;
    }
    const Universe &universe = m_universes[row];
    m_description->setText(universe.description.isEmpty()
            ? tr("%1 tickers").arg(universe.tickers.size())
            : tr("%1 — %2 tickers").arg(universe.description).arg(universe.tickers.size()));
    m_members->clear();
    m_members->addItems(universe.tickers);
}

void UniverseEditor::updateButtons()
{
    const bool idle = !isBusy();
    const int row = m_list->currentRow();
    const bool selected = row >= 0 && row < m_universes.size();
    const bool editable = selected && !m_universes[row].builtIn;
    m_create->setEnabled(idle);
    m_createFromFile->setEnabled(idle);
    m_rename->setEnabled(idle && editable);
    m_duplicate->setEnabled(idle && selected);
    m_delete->setEnabled(idle && editable);
    m_addMembers->setEnabled(idle && editable);
    m_removeMembers->setEnabled(idle && editable && !m_members->selectedItems().isEmpty());
}

void UniverseEditor::askCreate()
{
    bool ok = false;
    const QString name
        = QInputDialog::getText(this, tr("New universe"), tr("Name:"), QLineEdit::Normal, {}, &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    const QString tickers = QInputDialog::getMultiLineText(this, tr("New universe"),
        tr("Tickers (separated by commas, semicolons or spaces):"), {}, &ok);
    if (ok)
        createUniverse(name.trimmed(), tickers);
}

void UniverseEditor::askCreateFromFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Tickers from a file"), {}, tr("Ticker lists (*.txt *.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New universe"), tr("Name:"),
        QLineEdit::Normal, QFileInfo(path).completeBaseName(), &ok);
    if (ok && !name.trimmed().isEmpty())
        createUniverseFromFile(name.trimmed(), path);
}

void UniverseEditor::askRename()
{
    const QString name = selectedUniverse();
    bool ok = false;
    const QString newName = QInputDialog::getText(
        this, tr("Rename universe"), tr("New name:"), QLineEdit::Normal, name, &ok);
    if (ok && !newName.trimmed().isEmpty() && newName.trimmed() != name)
        renameUniverse(name, newName.trimmed());
}

void UniverseEditor::askDuplicate()
{
    const QString name = selectedUniverse();
    bool ok = false;
    const QString newName = QInputDialog::getText(this, tr("Duplicate universe"),
        tr("Name of the copy:"), QLineEdit::Normal, tr("Copy of %1").arg(name), &ok);
    if (ok && !newName.trimmed().isEmpty())
        duplicateUniverse(name, newName.trimmed());
}

void UniverseEditor::askDelete()
{
    const QString name = selectedUniverse();
    if (QMessageBox::question(this, tr("Delete universe"),
            tr("Delete the universe '%1'? Its tickers and their bars stay in the database.")
                .arg(name))
        == QMessageBox::Yes)
        deleteUniverse(name);
}

void UniverseEditor::askAddMembers()
{
    const QString name = selectedUniverse();
    bool ok = false;
    const QString tickers = QInputDialog::getMultiLineText(this, tr("Add tickers"),
        tr("Tickers to add to '%1' (separated by commas, semicolons or spaces):").arg(name), {},
        &ok);
    if (ok && !tickers.trimmed().isEmpty())
        addMembers(name, tickers);
}

void UniverseEditor::askRemoveMembers()
{
    QStringList tickers;
    for (const QListWidgetItem *item : m_members->selectedItems())
        tickers.append(item->text());
    if (!tickers.isEmpty())
        removeMembers(selectedUniverse(), tickers);
}
