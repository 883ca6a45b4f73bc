#pragma once

// Running kronos-cli as a user does, for the CLI tests: one process per call, its exit status and
// output captured. KW_CLI_EXECUTABLE is defined by the test's CMake registration.

#include "csv_reader.h"

#include <QFile>
#include <QProcess>
#include <QStringList>

namespace CliTest {

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

inline Result run(const QStringList &arguments, int timeoutMs = 300000)
{
    QProcess process;
    process.start(QStringLiteral(KW_CLI_EXECUTABLE), arguments);
    if (!process.waitForFinished(timeoutMs))
        return { -1, {}, QStringLiteral("kronos-cli timed out") };
    return { process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError()) };
}

// Every record of a CSV file, the header first; empty when the file cannot be read.
inline QList<QStringList> readCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    CsvReader reader(file);
    QList<QStringList> rows;
    CsvRecord record;
    while (reader.readRecord(record))
        rows.append(record.fields);
    return rows;
}

} // namespace CliTest
