#pragma once

#include "run/run_records.h"

#include <QList>
#include <QString>

// A finished or interrupted run as the database holds it, read to be shown again: its record,
// scores, batches and memory samples (Workspace::readRun).
struct StoredRun
{
    RunRecord record;
    QList<ScoreRow> scores;
    QList<BatchTelemetry> batches;
    QList<MemorySample> memorySamples;
    qint64 budgetBytes = 0; // the run's memory budget (the device's default when none was set)
    QString error; // the run or the database could not be read
};
