#pragma once

#include "cli/cli_worker_thread.h"

#include <QString>
#include <QTextStream>

// Runs one session of a scoring run for the command line (`score`, `runs resume`): the worker
// on its own thread, progress on standard error, Ctrl-C as a clean cancel, the scores CSV at
// the end. Returns the exit status: 0 finished, 1 failed, 130 interrupted (resumable).
class ScoringRunDriver
{
public:
    // `start` makes the queued call that starts the worker (startRun or resumeRun).
    static int drive(const QString &databasePath, const CliWorkerThread::Start &start,
        const QString &outputPath, QTextStream &out, QTextStream &err);
};
