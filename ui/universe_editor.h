#pragma once

#include "workbench/workspace.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QList>
#include <QStringList>

class QLabel;
class QListWidget;
class QPushButton;

// Creates (from a typed list or a file), renames, duplicates and deletes universes in the
// market database, and adds tickers to or removes them from a user universe. Built-in universes
// (the sample, one per sector) can only be duplicated. Unknown tickers are listed in the status
// line. Every edit and reload is the Workspace's, one at a time.
//
// GUI thread only. The slots ask nothing: the buttons ask for names and tickers, then call them.
class UniverseEditor : public QDialog
{
    Q_OBJECT

public:
    explicit UniverseEditor(Workspace &workspace, QWidget *parent = nullptr);
    ~UniverseEditor() override;

    const QList<Universe> &universes() const { return m_universes; }
    // The result of the last edit or reload.
    const UniverseEdit &lastEdit() const { return m_lastEdit; }
    QString selectedUniverse() const;
    // The universe the last successful edit created, renamed, duplicated or changed; empty when
    // nothing was changed (browsing the list is not a change).
    QString editedUniverse() const { return m_editedUniverse; }
    bool isBusy() const { return m_worker.isRunning(); }

public Q_SLOTS:
    void reload();
    // `tickers` as typed: commas, semicolons or white space between them.
    void createUniverse(const QString &name, const QString &tickers);
    // A text file of tickers, or a CSV file with a ticker, symbol or Name column.
    void createUniverseFromFile(const QString &name, const QString &path);
    void renameUniverse(const QString &name, const QString &newName);
    void duplicateUniverse(const QString &name, const QString &newName);
    void deleteUniverse(const QString &name);
    // `tickers` as typed, as for createUniverse().
    void addMembers(const QString &name, const QString &tickers);
    void removeMembers(const QString &name, const QStringList &tickers);
    // Selects `name` in the list; before the first reload has listed the universes, when it
    // has.
    void selectUniverse(const QString &name);

Q_SIGNALS:
    // An edit or reload finished (lastEdit() says how); after an edit the universes changed.
    void editFinished(const UniverseEdit &edit);
    void universesChanged();

private:
    // Shows `edit` when it is done; `changes`: it edits (a reload does not).
    void run(const QFuture<UniverseEdit> &edit, bool changes);
    bool refuseWhileBusy();
    void showEdit();
    void showMembers();
    void updateButtons();
    void askCreate();
    void askCreateFromFile();
    void askRename();
    void askDuplicate();
    void askDelete();
    void askAddMembers();
    void askRemoveMembers();

    Workspace &m_workspace;
    QList<Universe> m_universes;
    UniverseEdit m_lastEdit;
    QFutureWatcher<UniverseEdit> m_worker;
    bool m_editChanges = false;
    QString m_pendingSelection; // asked for before the list had it
    QString m_editedUniverse;

    QListWidget *m_list;
    QLabel *m_description;
    QListWidget *m_members;
    QLabel *m_status;
    QPushButton *m_create;
    QPushButton *m_createFromFile;
    QPushButton *m_rename;
    QPushButton *m_duplicate;
    QPushButton *m_delete;
    QPushButton *m_addMembers;
    QPushButton *m_removeMembers;
};
