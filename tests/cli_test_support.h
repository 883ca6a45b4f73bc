#pragma once

// Running kronos-cli as a user does, for the CLI tests: one process per call, its exit status and
// output captured.

#include "test_paths.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStringList>
#include <optional>

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

// How many times a process loaded libtorch (its c10 library, which every libtorch has), from the
// dynamic loader's report on its stderr (glibc's LD_DEBUG=files); nothing where the loader does
// not report.
inline std::optional<int> libtorchLoads(const QString &loaderReport)
{
    if (!loaderReport.contains(QStringLiteral("generating link map")))
        return std::nullopt;
    const QRegularExpression load(
        QStringLiteral("file=\\S*libc10\\.\\S*\\s+\\[\\d+\\];\\s+generating link map"));
    int loads = 0;
    for (auto match = load.globalMatch(loaderReport); match.hasNext(); match.next())
        ++loads;
    return loads;
}

// GOMP_SPINCOUNT of each libgomp start reported on stderr (OMP_DISPLAY_ENV=VERBOSE).
inline QStringList openMpSpinCounts(const QString &err)
{
    QStringList counts;
    const QRegularExpression line(QStringLiteral("GOMP_SPINCOUNT = '(\\d+)'"));
    for (auto match = line.globalMatch(err); match.hasNext();)
        counts << match.next().captured(1);
    return counts;
}

} // namespace CliTest
