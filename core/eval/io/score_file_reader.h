#pragma once

#include "eval/signal_scores.h"

#include <QString>
#include <stdexcept>
#include <vector>

namespace Eval {

// A scores or samples file that cannot be read; what() names the file and, for a bad row, its
// line: "scores.csv:12: score 'abc' is not a number".
class ScoreFileError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// The rows of a scores file, with what callers need to know about them up front.
struct ScoreFile
{
    std::vector<ScoreRow> rows; // in file order
    std::vector<int> horizons; // distinct values of the horizon column, ascending; may be empty
};

// Reads any signal's scores, so users can evaluate their own models beside Kronos:
//
//   date,ticker,score[,horizon][,q10,q90]
//
// Columns are found by name (case-insensitive, any order; other columns are ignored). `date` is
// YYYY-MM-DD; `ticker` is trimmed and upper-cased as the importer stores it; `score` is a
// finite number, or empty for a name that was not scored; `horizon`, when the column exists,
// is a whole number of trading rows >= 1, or empty for a score that serves every horizon;
// `q10` and `q90` (both or neither) are the predicted return's 10th and 90th percentiles, both
// empty on a row without a band, q10 <= q90. Delimiters, quoting and byte order marks as
// CsvReader reads them. Throws ScoreFileError for an unreadable file, a missing column, a bad
// cell or a file without rows.
ScoreFile readScoreFile(const QString &path);

// Reads sampled predicted returns:
//
//   date,ticker,horizon,sample,return
//
// Columns found as in readScoreFile; `horizon` >= 1 and `sample` >= 0 are whole numbers,
// `return` a finite number > -1 (a return of -100% or worse has no log). The rows of one
// (date, ticker, horizon) become one SampledReturns with its returns in sample order; groups
// come out sorted by date, ticker and horizon. Throws ScoreFileError as readScoreFile does, and
// for a sample number given twice for the same (date, ticker, horizon).
std::vector<SampledReturns> readSampleFile(const QString &path);

} // namespace Eval
