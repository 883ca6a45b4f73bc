#include "cli/cli_dispatcher.h"
#include "cli_test_support.h"
#include "identity/app_identity.h"
#include "kw_version.h"
#include "test_paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <optional>

// The kronos-cli executable as a user runs it, plus the dispatcher's routing in-process.
class TestCli : public QObject
{
    Q_OBJECT

private:
    using Result = CliTest::Result;

    QTemporaryDir m_folder;

    static Result runCli(const QStringList &arguments) { return CliTest::run(arguments, 30000); }

    // A new database receives the bundled sample first: the default, long time limit.
    static Result runCliIn(const QProcessEnvironment &environment, const QStringList &arguments)
    {
        return CliTest::runProgram(kronosCliPath(), arguments, environment);
    }

    static Result runProgram(const QString &program, const QStringList &arguments)
    {
        return CliTest::runProgram(
            program, arguments, QProcessEnvironment::systemEnvironment(), 60000);
    }

    // How many times a kronos-cli command line loads libtorch (CliTest::libtorchLoads); nothing
    // where the loader does not report. The command itself must succeed.
    static std::optional<int> libtorchLoads(const QStringList &arguments)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LD_DEBUG"), QStringLiteral("files"));
        // A user's own kernel choice: the engine program does not restart for OpenBLAS.
        environment.insert(QStringLiteral("OPENBLAS_CORETYPE"), QStringLiteral("Prescott"));
        const Result result = runCliIn(environment, arguments);
        if (result.exitCode != 0) {
            qWarning("%s", qPrintable(result.err.right(2000)));
            return -1;
        }
        return CliTest::libtorchLoads(result.err);
    }

private Q_SLOTS:
    void versionPrintsTheProjectVersion()
    {
        const Result result = runCli({ QStringLiteral("--version") });
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out.trimmed(),
            QStringLiteral("kronos-cli (Kronos Workbench %1)").arg(QStringLiteral(KW_VERSION)));
    }

    void versionVerboseNamesLibtorchBlasAndWaitPolicy()
    {
        const Result result = runCli({ QStringLiteral("--version"), QStringLiteral("--verbose") });
        QCOMPARE(result.exitCode, 0);
        const QStringList lines = result.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 4);
        QVERIFY2(QRegularExpression(QStringLiteral("^libtorch \\d+\\.\\d+\\.\\d+"))
                     .match(lines[1])
                     .hasMatch(),
            qPrintable(lines[1]));
        QVERIFY2(lines[2].startsWith(QStringLiteral("BLAS: ")), qPrintable(lines[2]));
        QVERIFY2(lines[3].startsWith(QStringLiteral("OMP_WAIT_POLICY=")), qPrintable(lines[3]));
    }

    // Commands that run the engine are handed over to the engine program with
    // OMP_WAIT_POLICY=PASSIVE already set: libtorch is loaded once, and libgomp's last start
    // (OMP_DISPLAY_ENV prints its settings at each; kronos-cli starts it too where Qt's libb2
    // links it, as on Debian) has threads that do not spin (PASSIVE: spin count 0).
    void engineCommandsLoadLibtorchOnceWithAPassiveWaitPolicy()
    {
        const QStringList bench { QStringLiteral("bench"), QStringLiteral("--help") };
        if (const std::optional<int> loads = libtorchLoads(bench))
            QCOMPARE(*loads, 1);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("OMP_WAIT_POLICY"));
        environment.insert(QStringLiteral("OMP_DISPLAY_ENV"), QStringLiteral("VERBOSE"));
        environment.insert(QStringLiteral("OPENBLAS_CORETYPE"), QStringLiteral("Prescott"));
        const Result result = runCliIn(environment, bench);
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(QStringLiteral("--pred-len")), qPrintable(result.out));
        const QStringList spinCounts = CliTest::openMpSpinCounts(result.err);
        if (spinCounts.isEmpty())
            QSKIP("the OpenMP runtime is not libgomp: it does not report its spin count");
        QCOMPARE(spinCounts.last(), QStringLiteral("0"));
        QVERIFY2(spinCounts.size() <= 2, qPrintable(spinCounts.join(QLatin1Char(' '))));
    }

    // --version, --help and commands that only read or write the database load no libtorch
    // (the start-up time of issue 16).
    void otherCommandsLoadNoLibtorch_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("--version") << QStringList { QStringLiteral("--version") };
        QTest::newRow("--help") << QStringList { QStringLiteral("--help") };
        QTest::newRow("runs list") << QStringList { QStringLiteral("runs"), QStringLiteral("list"),
            QStringLiteral("--db"), m_folder.filePath(QStringLiteral("runs.sqlite")) };
    }

    void otherCommandsLoadNoLibtorch()
    {
        QFETCH(QStringList, arguments);
        const std::optional<int> loads = libtorchLoads(arguments);
        if (!loads)
            QSKIP("the dynamic loader does not report what it loads (LD_DEBUG is glibc's)");
        QCOMPARE(*loads, 0);
    }

    // A symbolic link to kronos-cli (on the PATH, say) still finds the engine program beside
    // the real one.
    void aLinkToKronosCliFindsTheEngineProgram()
    {
        const QString link = m_folder.filePath(QStringLiteral("link/kronos-cli"));
        QVERIFY(QDir().mkpath(QFileInfo(link).path()));
        QVERIFY(QFile::link(kronosCliPath(), link));
        const Result result
            = runProgram(link, { QStringLiteral("--version"), QStringLiteral("--verbose") });
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(QLatin1String("libtorch ")));
    }

    // An installation without the engine program still answers everything else, and the
    // engine's commands say what is missing instead of failing obscurely.
    void engineCommandsWithoutTheEngineProgramSayWhatIsMissing()
    {
        const QString alone = m_folder.filePath(QStringLiteral("alone/kronos-cli"));
        QVERIFY(QDir().mkpath(QFileInfo(alone).path()));
        QVERIFY(QFile::copy(kronosCliPath(), alone));
        const Result forecast
            = runProgram(alone, { QStringLiteral("forecast"), QStringLiteral("--help") });
        QCOMPARE(forecast.exitCode, 1);
        QVERIFY2(
            forecast.err.contains(QStringLiteral("the engine program kronos-engine is missing")),
            qPrintable(forecast.err));
        QCOMPARE(runProgram(alone, { QStringLiteral("--version") }).exitCode, 0);
    }

    void aUsersOwnSettingsAreKept()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("OMP_WAIT_POLICY"), QStringLiteral("ACTIVE"));
        environment.insert(QStringLiteral("OMP_DISPLAY_ENV"), QStringLiteral("VERBOSE"));
        environment.insert(QStringLiteral("OPENBLAS_CORETYPE"), QStringLiteral("Prescott"));
        const Result bench
            = runCliIn(environment, { QStringLiteral("bench"), QStringLiteral("--help") });
        QCOMPARE(bench.exitCode, 0);
        const QStringList spinCounts = CliTest::openMpSpinCounts(bench.err);
        if (!spinCounts.isEmpty())
            QCOMPARE(spinCounts.last(), QStringLiteral("30000000000")); // ACTIVE
        const Result version
            = runCliIn(environment, { QStringLiteral("--version"), QStringLiteral("--verbose") });
        QVERIFY2(version.out.contains(QStringLiteral("OMP_WAIT_POLICY=ACTIVE\n")),
            qPrintable(version.out));
        // Only OpenBLAS reads OPENBLAS_CORETYPE; other BLAS libraries ignore it.
        if (version.out.contains(QStringLiteral("BLAS: OpenBLAS")))
            QVERIFY2(version.out.contains(
                         QStringLiteral("Prescott kernels (OPENBLAS_CORETYPE=Prescott)")),
                qPrintable(version.out));
    }

    // bench's table (README, "kronos-cli bench"): the machine's two rates, then per run both
    // floors, the one with reads never below the arithmetic one (fewer times above it), and
    // the cached steps' reads as GB/s and a share of the read rate.
    void benchPrintsAFloorWithReadsNeverBelowTheFloor()
    {
        const Result result
            = runCli({ QStringLiteral("bench"), QStringLiteral("--data"), testDataDir(),
                QStringLiteral("--size"), QStringLiteral("mini"), QStringLiteral("--series"),
                QStringLiteral("2"), QStringLiteral("--lookback"), QStringLiteral("32"),
                QStringLiteral("--pred-len"), QStringLiteral("3"), QStringLiteral("--cache"),
                QStringLiteral("both"), QStringLiteral("--threads"), QStringLiteral("1") });
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(QRegularExpression(
                     QStringLiteral("SGEMM 3024x512x512 now: \\d+ GFLOP/s; reading 256 MB: "
                                    "\\d+\\.\\d GB/s"))
                     .match(result.out)
                     .hasMatch(),
            qPrintable(result.out));
        const QRegularExpression number(QStringLiteral("[\\d.]+"));
        const auto numbers = [&](const QString &cell) {
            QList<double> values;
            for (const QRegularExpressionMatch &match : number.globalMatch(cell))
                values.append(match.captured().toDouble());
            return values;
        };
        int rows = 0;
        for (const QString &line : result.out.split(QLatin1Char('\n'))) {
            const bool cached = line.startsWith(QLatin1String("on "));
            if (!cached && !line.startsWith(QLatin1String("off ")))
                continue;
            ++rows;
            const QStringList cells = line.split(QLatin1Char('|'));
            QCOMPARE(cells.size(), 11);
            QCOMPARE(numbers(cells[6]).size(), cached ? 5 : 3); // steps: + GB/s, share
            const QList<double> floor = numbers(cells[8]); // seconds, times
            const QList<double> withReads = numbers(cells[9]);
            QCOMPARE(floor.size(), 2);
            QCOMPARE(withReads.size(), 2);
            QVERIFY2(withReads[0] >= floor[0] && withReads[1] <= floor[1], qPrintable(line));
            if (!cached) // no reads counted: the same floor
                QCOMPARE(withReads, floor);
        }
        QCOMPARE(rows, 2);
    }

    void helpListsUsage()
    {
        const Result result = runCli({ QStringLiteral("--help") });
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.startsWith(QStringLiteral("Usage: kronos-cli <command> [options]")));
    }

    void noArgumentsIsAUsageError()
    {
        const Result result = runCli({});
        QCOMPARE(result.exitCode, CliDispatcher::UsageError);
        QVERIFY(result.err.contains(QStringLiteral("Usage:")));
    }

    void unknownCommandIsNamed()
    {
        const Result result = runCli({ QStringLiteral("frobnicate") });
        QCOMPARE(result.exitCode, CliDispatcher::UsageError);
        QVERIFY(result.err.contains(QStringLiteral("unknown command 'frobnicate'")));
    }

    void dispatcherRoutesArgumentsToTheCommand()
    {
        QString out, err;
        QTextStream outStream(&out), errStream(&err);
        CliDispatcher dispatcher(outStream, errStream);
        QStringList received;
        dispatcher.add({ QStringLiteral("echo"), QStringLiteral("Echo arguments"),
            [&](const QStringList &arguments) {
                received = arguments;
                return 7;
            } });
        const int status = dispatcher.dispatch({ QStringLiteral("kronos-cli"),
            QStringLiteral("echo"), QStringLiteral("--x"), QStringLiteral("1") });
        QCOMPARE(status, 7);
        QCOMPARE(received,
            (QStringList {
                QStringLiteral("kronos-cli echo"), QStringLiteral("--x"), QStringLiteral("1") }));

        dispatcher.dispatch(
            { QStringLiteral("kronos-cli"), QStringLiteral("help"), QStringLiteral("echo") });
        QCOMPARE(received.last(), QStringLiteral("--help"));
        dispatcher.dispatch({ QStringLiteral("kronos-cli"), QStringLiteral("--help") });
        outStream.flush();
        QVERIFY(out.contains(QStringLiteral("echo  Echo arguments")));
    }

    void identityNamesTheApplication()
    {
        AppIdentity::apply(*QCoreApplication::instance());
        QCOMPARE(QCoreApplication::applicationName(), QStringLiteral("kronos-workbench"));
        QCOMPARE(QCoreApplication::organizationName(), QStringLiteral("Kronos Workbench"));
        QCOMPARE(QCoreApplication::applicationVersion(), QStringLiteral(KW_VERSION));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
