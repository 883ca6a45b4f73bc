#pragma once

#include "inference/kronos_engine.h"
#include "run/run_spec.h"

#include <QString>

// What the user chooses about a cluster job, beyond the run itself.
struct SlurmJobOptions
{
    int shards = 1; // array tasks, one shard of the run's dates each
    QString folder; // the job folder (absolute), seen by the nodes under the same path
    QString partition; // sbatch --partition; empty: the cluster's default
    QString timeLimit; // sbatch --time (e.g. 2-00:00:00); empty: the partition's default
    int gpusPerTask = 1; // sbatch --gpus-per-task, when the run's device is cuda
    QString kronosCli; // kronos-cli as the nodes run it (absolute)
};

// The memory one array task asks for, from the batch memory model.
struct TaskMemory
{
    int batchSize = 0; // the largest batch a task runs
    qint64 predictedPeakBytes = 0; // of that batch (BatchMemoryModel's estimate)
    qint64 budgetMb = 0; // the run's memory budget inside each task
    qint64 requestMb = 0; // sbatch --mem
};

// The texts of a cluster job for Slurm: an array of scoring tasks, one shard each, a merge job
// that runs after all of them succeeded, and the script that submits both. Pure functions of
// their arguments (the job folder's files are named below), so the command line and the GUI
// write the same job for the same run. SlurmJobWriter writes them.
//
// Files of a job folder: run.json (the whole run's spec the tasks score), data.sqlite (a
// snapshot of the market data without runs), score.sbatch, merge.sbatch, submit.sh, logs/;
// then shard_I.sqlite (task I's own database: a copy of data.sqlite it scores into) and
// merged.sqlite (a copy of data.sqlite the merge job adds the merged run to).
class SlurmJobScript
{
public:
    // Over the budget, for what the memory watch does not count against it: the time between two
    // readings (10 Hz) while a batch grows, and the allocator's and SQLite's slack.
    static constexpr double MemoryHeadroom = 1.25;
    // kronos-cli's resident memory before any weights: libtorch, OpenBLAS and Qt loaded, 183-188
    // MB measured with the tiny fixture checkpoint (Debian 12, libtorch 1.13), rounded up.
    static constexpr qint64 RuntimeBaselineBytes = qint64(256) << 20;
    // The merge streams rows from one database to another; it holds one universe's bars (its
    // plan) and SQLite's page cache.
    static constexpr qint64 MergeMemoryMb = 2048;

    static QString specFile() { return QStringLiteral("run.json"); }
    static QString dataFile() { return QStringLiteral("data.sqlite"); }
    static QString scoreScriptFile() { return QStringLiteral("score.sbatch"); }
    static QString mergeScriptFile() { return QStringLiteral("merge.sbatch"); }
    static QString submitScriptFile() { return QStringLiteral("submit.sh"); }
    static QString mergedFile() { return QStringLiteral("merged.sqlite"); }
    static QString logFolder() { return QStringLiteral("logs"); }

    // A task's memory: the batch it runs (the fixed size, or what the scheduler picks, at most
    // the series of the largest shard), that batch's predicted peak on `model`, the budget (the
    // spec's, or the peak as the 90% share automatic batches fill), and --mem with headroom: the
    // budget on the CPU; on a GPU, where the budget watches the device, the process's baseline.
    static TaskMemory taskMemory(
        const RunSpec &spec, const kronos::ModelSummary &model, int seriesPerTask);

    // `spec` is the whole run as the tasks score it (its memory budget, threads and device
    // included). Paths are quoted for the shell.
    static QString scoreScript(
        const RunSpec &spec, const SlurmJobOptions &options, const TaskMemory &memory);
    static QString mergeScript(const SlurmJobOptions &options);
    static QString submitScript(const SlurmJobOptions &options);

    // A word the shell takes literally: 'it'\''s'.
    static QString shellQuoted(const QString &text);
};
