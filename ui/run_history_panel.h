#pragma once

#include "workbench/workspace.h"

#include <QFutureWatcher>
#include <QList>
#include <QWidget>

class QLabel;
class QPushButton;
class QStandardItem;
class QStandardItemModel;
class QTableView;

// The runs stored in the market database (RunRepository): name, status, universe, dates,
// horizons, progress, checkpoint and device. Open one (its scores and charts), rename, delete,
// resume an interrupted or cancelled run, and compare two runs: their summaries side by side
// and how their scores agree on the rows they share.
//
// Opening and resuming are the main window's work: the panel asks through signals. Every read
// and edit is the Workspace's, one at a time. GUI thread only.
class RunHistoryPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RunHistoryPanel(Workspace &workspace, QWidget *parent = nullptr);
    ~RunHistoryPanel() override;

    const QList<RunRecord> &runs() const { return m_state.runs; }
    const RunListing &state() const { return m_state; }
    // The selected runs' ids, in table order.
    QList<qint64> selectedRunIds() const;
    QTableView *runTable() const { return m_runView; }
    QTableView *comparisonTable() const { return m_comparisonView; }
    // A run that may be resumed: stopped before every series was scored, and not the active one.
    bool isResumable(const RunRecord &run) const;

public Q_SLOTS:
    void reload();
    // The run a worker is scoring now (0: none): shown as running, never resumed or deleted.
    void setActiveRun(qint64 runId);
    // The active run's series scored so far (RunSession::scoredSeries), as its batches commit:
    // the table follows the run without reading the database again.
    void showActiveRunScored(int scored);
    void selectRun(qint64 runId);
    void renameRun(qint64 runId, const QString &name);
    void deleteRun(qint64 runId);
    void compareRuns(qint64 firstRunId, qint64 secondRunId);

Q_SIGNALS:
    void openRequested(qint64 runId);
    // Run `runId` was deleted (whatever showed it shows it no more).
    void runDeleted(qint64 runId);
    void resumeRequested(qint64 runId);
    // A reload, edit or comparison finished and is shown (state() says how).
    void refreshed();

private:
    void show(const QFuture<RunListing> &listing);
    // True (and says so) while a read or an edit is still going: one at a time.
    bool refuseWhileBusy();
    void showState();
    void fillComparison();
    void updateButtons();
    const RunRecord *runWithId(qint64 runId) const;
    QString statusText(const RunRecord &run) const;
    static QStandardItem *scoredCell(const RunRecord &run);

    Workspace &m_workspace;
    qint64 m_activeRun = 0;
    qint64 m_deleting = 0; // the run the edit going deletes
    int m_activeRunScored = 0; // as the session last said; a listing read earlier may lag
    RunListing m_state;
    QFutureWatcher<RunListing> m_worker;

    QStandardItemModel *m_runModel;
    QStandardItemModel *m_comparisonModel;
    QTableView *m_runView;
    QTableView *m_comparisonView;
    QLabel *m_status;
    QPushButton *m_open;
    QPushButton *m_rename;
    QPushButton *m_delete;
    QPushButton *m_resume;
    QPushButton *m_compare;
};
