#pragma once

#include "signal_scores.h"

#include <QString>
#include <stdexcept>
#include <vector>

namespace Eval {

// A scores file that cannot be read; what() names the file and, for a bad row, its line:
// "scores.csv:12: score 'abc' is not a number".
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
//   date,ticker,score[,horizon]
//
// Columns are found by name (case-insensitive, any order; other columns are ignored). `date` is
// YYYY-MM-DD; `ticker` is trimmed and upper-cased as the importer stores it; `score` is a
// finite number, or empty for a name that was not scored; `horizon`, when the column exists,
// is a whole number of trading rows >= 1, or empty for a score that serves every horizon.
// Delimiters, quoting and byte order marks as CsvReader reads them. Throws ScoreFileError
// for an unreadable file, a missing column, a bad cell or a file without rows.
ScoreFile readScoreFile(const QString &path);

} // namespace Eval
