#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>
#include <vector>

// Start-up of kronos-cli, process against process: each command line run N times (default 20)
// in turn, the wall time of each whole process measured from here. The first three forecast
// nothing and load no libtorch; `--version --verbose` is handed over to the engine program and
// shows what loading libtorch costs. Prints the median and the fastest run of each.
//
// Usage: kw_startup_benchmark [N [KRONOS_CLI]]   (another build's kronos-cli, to compare)
int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    const QStringList arguments = application.arguments();
    const int runs = arguments.size() > 1 ? std::max(1, arguments.at(1).toInt()) : 20;
    QTextStream out(stdout);
    QTemporaryDir scratch;
    const QString database = scratch.filePath(QStringLiteral("startup.sqlite"));
    const QString cli = arguments.value(2, QStringLiteral(KW_BENCHMARK_CLI));

    // The wall time of one whole process, or -1 when it did not start or did not succeed.
    const auto runOnce = [&](const QStringList &arguments) {
        QProcess process;
        QElapsedTimer timer;
        timer.start();
        process.start(cli, arguments);
        const bool succeeded = process.waitForFinished(60000)
            && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
        return succeeded ? timer.nsecsElapsed() / 1e9 : -1.0;
    };
    // The new database receives the bundled sample: not a start-up.
    if (runOnce(
            { QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--db"), database })
        < 0) {
        out << "cannot run " << cli << "\n";
        return 1;
    }

    const std::vector<QStringList> commands { { QStringLiteral("--version") },
        { QStringLiteral("--help") },
        { QStringLiteral("runs"), QStringLiteral("list"), QStringLiteral("--db"), database },
        { QStringLiteral("--version"), QStringLiteral("--verbose") } };
    std::vector<std::vector<double>> seconds(commands.size());
    for (int round = 0; round < runs; ++round)
        for (size_t i = 0; i < commands.size(); ++i)
            seconds[i].push_back(runOnce(commands[i]));

    out << "kronos-cli start-up, " << runs << " runs of each, interleaved: " << cli << "\n";
    for (size_t i = 0; i < commands.size(); ++i) {
        std::vector<double> &times = seconds[i];
        if (std::any_of(times.begin(), times.end(), [](double t) { return t < 0; })) {
            out << commands[i].join(QLatin1Char(' ')) << ": failed\n";
            return 1;
        }
        std::sort(times.begin(), times.end());
        QString shown = commands[i].join(QLatin1Char(' '));
        shown.replace(database, QStringLiteral("DB"));
        out << QStringLiteral("  %1  median %2 s, fastest %3 s\n")
                   .arg(shown.leftJustified(26))
                   .arg(times[times.size() / 2], 0, 'f', 3)
                   .arg(times.front(), 0, 'f', 3);
    }
    return 0;
}
