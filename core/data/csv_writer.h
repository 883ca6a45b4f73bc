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
//   succeeds; on any failure, or when the writer is destroyed without commit(), a previous file
//   is left untouched and no partial file is left behind.
//
// Usage:
//   CsvWriter writer(path);
//   if (!writer.open()) ...;
//   writer.writeRow({"ticker", "score"});
//   writer.writeRow({"AAPL", "0.12"});
//   if (!writer.commit()) report(writer.errorString());
//
// Not thread-safe; one writer per file.
class CsvWriter
{
public:
    explicit CsvWriter(const QString &filePath);

    bool open();
    // Appends one row. Returns false once a write has failed (commit() will then fail too).
    bool writeRow(const QStringList &cells);
    // Makes the file visible under its name. Returns false and leaves no file on failure.
    bool commit();
    // "Cannot write /path/x.csv: No space left on device".
    QString errorString() const { return m_error; }

    // One cell as it appears in the file: neutralized, then quoted when needed.
    static QString formatCell(const QString &cell);
    // One row as it appears in the file, CRLF included. For writing CSV to other devices
    // (standard output, a QBuffer) with the same rules.
    static QString formatRow(const QStringList &cells);

private:
    void recordFailure();

    QSaveFile m_file;
    QString m_error;
};
