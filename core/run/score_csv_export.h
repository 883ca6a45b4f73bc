#pragma once

#include "run_records.h"

// Writes a run's scores as `run,date,ticker,horizon,last_close,pred_close,score[,p10,p50,p90]`
// (the quantile columns when any row has them) through the injection-safe CsvWriter: the file
// appears complete or not at all. Dates as yyyy-MM-dd (ISO date-time for intraday bars);
// numbers with 10 significant digits, locale-free.
class ScoreCsvExport
{
public:
    // Throws std::runtime_error with the file's problem when it cannot be written.
    static void write(const QString &path, qint64 runId, const QList<ScoreRow> &rows);
};
