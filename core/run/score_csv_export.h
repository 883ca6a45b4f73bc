#pragma once

#include "run/run_identity.h"
#include "run/run_records.h"

// Writes a run's scores as
// `run,date,ticker,horizon,last_close,pred_close,score[,p10,p50,p90],run_name,checkpoint,random_weights`
// (the quantile columns when any row has them; the last three name the run and its weights on
// every row, so a file read alone still says where it came from; random_weights is true or
// false) through the injection-safe CsvWriter: the file appears complete or not at all. Dates
// as yyyy-MM-dd (ISO date-time for intraday bars); numbers with 10 significant digits,
// locale-free. The one score writer: `kronos-cli score --output`, `runs export` and the GUI's
// exports all use it.
class ScoreCsvExport
{
public:
    // Throws FileError (data/file_error.h) when the file cannot be written.
    static void write(const QString &path, const RunIdentity &run, const QList<ScoreRow> &rows);
};
