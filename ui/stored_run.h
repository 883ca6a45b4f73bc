#pragma once

#include "run_records.h"
#include "run_repository.h"

#include <QList>
#include <QString>

// A finished or interrupted run as the database holds it, read to be shown again: its record,
// scores, batches and memory samples. read() is blocking (SQL): call it on a pool thread, where
// it opens a connection of its own.
struct StoredRun
{
    RunRecord record;
    QList<ScoreRow> scores;
    QList<BatchTelemetry> batches;
    QList<MemorySample> memorySamples;
    qint64 budgetBytes = 0; // the run's memory budget (the device's default when none was set)
    QString error; // the run or the database could not be read

    static StoredRun read(const QString &databasePath, qint64 runId);
};
