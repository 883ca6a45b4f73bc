#pragma once

// Running kronos-cli as a user does, for the CLI tests: one process per call, its exit status and
// output captured.

#include <QProcess>
#include <QStringList>
#include "test_paths.h"

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
    process.start(kronosCliPath(), arguments);
    if (!process.waitForFinished(timeoutMs))
        return { -1, {}, QStringLiteral("kronos-cli timed out") };
    return { process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError()) };
}

// `arguments` = command, then its options; `--db database` goes right after the command.
inline Result runOn(const QString &database, const QStringList &arguments, int timeoutMs = 300000)
{
    return run(
        QStringList { arguments.value(0), QStringLiteral("--db"), database } + arguments.mid(1),
        timeoutMs);
}

} // namespace CliTest
