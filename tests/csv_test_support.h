#pragma once

// Writing the CSV files a test reads, and reading back the ones the code under test writes
// (through the project's own reader).

#include "data/csv_reader.h"
#include "data/file_error.h"

#include <QFile>
#include <QStringList>

namespace CsvTest {

// Writes a test's input file; false when it cannot be written whole.
inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Every record of a CSV file, the header first; empty when the file cannot be read to its end.
inline QList<QStringList> readCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    CsvReader reader(file);
    QList<QStringList> rows;
    CsvRecord record;
    try {
        while (reader.readRecord(record))
            rows.append(record.fields);
    } catch (const FileError &) {
        return {};
    }
    return rows;
}

} // namespace CsvTest
