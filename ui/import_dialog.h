#pragma once

#include "workbench/workspace.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QStringList>
#include <atomic>
#include <memory>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTreeWidget;

// Imports CSV price and sector files, or folders of them, into the market database
// (Workspace::importFiles), with progress per file and cancel, then shows the report: per file the
// rows read, imported, replaced and rejected, and each rejected row with its line and reason.
// Sector universes are refreshed after an import.
//
// GUI thread only. Closing the dialog during an import cancels it (the file being imported is
// rolled back) and waits for the worker.
class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    // Rejected rows listed per file in the report; the rest are counted, not listed.
    static constexpr int MaxListedRejections = 1000;

    explicit ImportDialog(Workspace &workspace, QWidget *parent = nullptr);
    ~ImportDialog() override;

    QStringList paths() const;
    const ImportOutcome &outcome() const { return m_outcome; }
    bool isImporting() const { return m_worker.isRunning(); }
    QTreeWidget *reportTree() const { return m_reportTree; }

public Q_SLOTS:
    void addPaths(const QStringList &paths);
    void startImport();
    void cancelImport();

Q_SIGNALS:
    // The import ended (completely, cancelled or failed): the database may hold new bars,
    // tickers and sector universes.
    void importFinished(const ImportOutcome &outcome);

protected:
    void reject() override;

private:
    void showProgress(int filesDone);
    void showReport();
    void updateButtons();

    Workspace &m_workspace;
    ImportOutcome m_outcome;
    // A new flag per import: a cancelled import never cancels the next one.
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QFutureWatcher<ImportOutcome> m_worker;

    QListWidget *m_pathList;
    QPushButton *m_addFiles;
    QPushButton *m_addFolder;
    QPushButton *m_remove;
    QPushButton *m_import;
    QPushButton *m_cancelButton;
    QProgressBar *m_progress;
    QLabel *m_totals;
    QTreeWidget *m_reportTree;
    QDialogButtonBox *m_buttons;
};
