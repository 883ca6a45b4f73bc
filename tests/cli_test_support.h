#pragma once

// Running kronos-cli as a user does, for the CLI tests: one process per call, its exit status and
// output captured.

#include "test_paths.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace CliTest {

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

// `program` (kronos-cli, or a copy or link of it) in `environment`.
inline Result runProgram(const QString &program, const QStringList &arguments,
    const QProcessEnvironment &environment, int timeoutMs = 300000)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs))
        return { -1, {}, QStringLiteral("kronos-cli timed out") };
    return { process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError()) };
}

inline Result run(const QStringList &arguments, int timeoutMs = 300000)
{
    return runProgram(
        kronosCliPath(), arguments, QProcessEnvironment::systemEnvironment(), timeoutMs);
}

// `arguments` = command, then its options; `--db database` goes right after the command.
inline Result runOn(const QString &database, const QStringList &arguments, int timeoutMs = 300000)
{
    return run(
        QStringList { arguments.value(0), QStringLiteral("--db"), database } + arguments.mid(1),
        timeoutMs);
}

} // namespace CliTest
