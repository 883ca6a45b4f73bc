#pragma once

#include <QString>
#include <stdexcept>

// A file that could not be read or written as a file: a CSV quoted field never closed ("line 12:
// quoted field is not closed before the end of the file"), a device that failed to read, a file
// that could not be opened, written or replaced ("Cannot write /x/a.csv: No space left on
// device"), or the folder meant for such files that could not be created. The one way CsvReader,
// CsvWriter, TickerListReader and saveFileAtomically (data/atomic_file.h) report failure; what()
// is a message for the user. What a readable file says that its reader does not accept (a header
// not understood, a rejected row) is not this error but the caller's value or error.
//
// Turned into a message once, by the caller that knows the file's role: CsvImporter's
// FileImportReport.error (the import goes on with the next file), ScoreFileError,
// kronos::ForecastError, a Workspace task's `error`, a CLI command (stderr and the exit status).
class FileError : public std::runtime_error
{
public:
    explicit FileError(const QString &message)
        : std::runtime_error(message.toStdString())
    {
    }
};
