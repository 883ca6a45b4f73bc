#pragma once

#include <QSaveFile>
#include <QString>
#include <QStringList>

// Writes a CSV file the way spreadsheets and other tools read it back safely:
//
// - RFC 4180: `,` between cells, CRLF after each row, a cell is quoted (with `"` doubled) only
//   when it holds a `,`, a `"`, a CR or a LF; UTF-8 without a byte order mark.
// - Formula injection is neutralized: a cell that starts with `=`, `+`, `-`, `@`, a tab or a CR
//   gets a `'` in front, unless it is a plain number such as `-1.5` or `+2e-3`.
// - Written through QSaveFile: the target file appears (or is replaced) only when commit()
//   succeeds; on any failure, or when the writer is destroyed without commit() (an exception
//   thrown halfway through a table), a previous file is left untouched and no partial file is
//   left behind.
//
// Every failure throws FileError: "Cannot write /path/x.csv: No space left on device".
//
// Usage:
//   CsvWriter writer(path);
//   writer.writeRow({"ticker", "score"});
//   writer.writeRow({"AAPL", "0.12"});
//   writer.commit();
//
// Not thread-safe; one writer per file.
class CsvWriter
{
public:
    // Opens a temporary file beside `filePath`; throws when it cannot be created.
    explicit CsvWriter(const QString &filePath);

    // Appends one row; throws when the write fails (QSaveFile remembers it: commit() then
    // throws too instead of publishing a partial file).
    void writeRow(const QStringList &cells);
    // Makes the file visible under its name; throws and leaves no file when that fails.
    void commit();

    // One cell as it appears in the file: neutralized, then quoted when needed.
    static QString formatCell(const QString &cell);
    // One row as it appears in the file, CRLF included. For writing CSV to other devices
    // (standard output, a QBuffer) with the same rules.
    static QString formatRow(const QStringList &cells);

private:
    QSaveFile m_file;
};
