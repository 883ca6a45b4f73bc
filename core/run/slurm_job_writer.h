#pragma once

#include "run/slurm_job_script.h"

#include <QStringList>

// What writing a cluster job came to.
struct SlurmJob
{
    QStringList warnings;
    TaskMemory memory;
    int dates = 0; // evaluation dates of the run
    int series = 0; // (ticker, date) pairs to score, skipped ones left out
    int largestShardSeries = 0;
    QString submitScript; // absolute path of submit.sh
};

// Writes a job folder for running `spec` on a Slurm cluster (see SlurmJobScript for its files):
// checks that the spec plans on the market data and that its checkpoint loads, sizes the tasks'
// memory from the batch memory model, snapshots the market data (without runs) for the tasks,
// and writes run.json and the scripts. The command line (`kronos-cli slurm write`) and the GUI
// (*Export as cluster job…*) both call it.
//
// Blocking (it loads the checkpoint and copies the database): call it off the GUI thread. Opens
// its own database connections on the calling thread.
class SlurmJobWriter
{
public:
    // `options.folder` must be missing or empty, and free of white space, quotes, backslashes
    // and '%' (sbatch reads it from #SBATCH lines). `spec.threads` (> 0) becomes each task's
    // --cpus-per-task. Throws RunError for a refused spec or option, a missing market database
    // or a checkpoint that does not load, FileError or DatabaseError for what could not be
    // written or read; on failure nothing is left behind.
    static SlurmJob write(
        const RunSpec &spec, const SlurmJobOptions &options, const QString &databasePath);
};
