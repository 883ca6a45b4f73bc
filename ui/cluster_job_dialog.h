#pragma once

#include "run/run_spec.h"
#include "workbench/workspace.h"

#include <QDialog>
#include <QFutureWatcher>

class QDialogButtonBox;
class Workspace;
class QLabel;
class QLineEdit;
class QSpinBox;

// *Export as cluster job…*: asks how many shards, the job folder and the Slurm settings (CPUs
// and GPUs per task, partition, time limit, kronos-cli's path on the nodes), then writes the
// job folder for the run setup's spec with the core's SlurmJobWriter — the same files
// `kronos-cli slurm write` writes — off the GUI thread, and says what it wrote or why not.
//
// GUI thread only.
class ClusterJobDialog : public QDialog
{
    Q_OBJECT

public:
    // `workspace` writes the job from its market database (snapshotted into the job folder); it
    // must outlive the dialog.
    ClusterJobDialog(const RunSpec &spec, Workspace &workspace, QWidget *parent = nullptr);

private:
    void browse();
    void save();
    void showResult(const ClusterJobWrite &written);

    RunSpec m_spec;
    Workspace &m_workspace;
    QSpinBox *m_shards = nullptr;
    QLineEdit *m_folder = nullptr;
    QSpinBox *m_cpus = nullptr;
    QSpinBox *m_gpus = nullptr;
    QLineEdit *m_partition = nullptr;
    QLineEdit *m_time = nullptr;
    QLineEdit *m_kronosCli = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QFutureWatcher<ClusterJobWrite> m_writing;
};
