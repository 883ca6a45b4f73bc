#include "cli/cli_dispatcher.h"
#include "cli_test_support.h"
#include "identity/app_identity.h"
#include "kw_version.h"
#include "test_paths.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

// The kronos-cli executable as a user runs it, plus the dispatcher's routing in-process.
class TestCli : public QObject
{
    Q_OBJECT

private:
    using Result = CliTest::Result;

    QTemporaryDir m_folder;

    static Result runCli(const QStringList &arguments) { return CliTest::run(arguments, 30000); }

    // GOMP_SPINCOUNT of each libgomp start reported on `err` (OMP_DISPLAY_ENV=VERBOSE).
    static QStringList openMpSpinCounts(const QString &err)
    {
        QStringList counts;
        const QRegularExpression line(QStringLiteral("GOMP_SPINCOUNT = '(\\d+)'"));
        for (auto match = line.globalMatch(err); match.hasNext();)
            counts << match.next().captured(1);
        return counts;
    }

    static Result runCliIn(const QProcessEnvironment &environment, const QStringList &arguments)
    {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(kronosCliPath(), arguments);
        if (!process.waitForFinished(300000)) // a new database receives the bundled sample first
            return { -1, {}, QStringLiteral("kronos-cli timed out") };
        return { process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError()) };
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

    // Commands that run the engine restart once so that libgomp starts with
    // OMP_WAIT_POLICY=PASSIVE: each start prints libgomp's settings (OMP_DISPLAY_ENV), the
    // restarted one with threads that do not spin (default spin count 300000, PASSIVE 0).
    void engineCommandsRestartOnceWithAPassiveWaitPolicy()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("OMP_WAIT_POLICY"));
        environment.insert(QStringLiteral("OMP_DISPLAY_ENV"), QStringLiteral("VERBOSE"));
        const Result result
            = runCliIn(environment, { QStringLiteral("bench"), QStringLiteral("--help") });
        QCOMPARE(result.exitCode, 0);
        const QStringList spinCounts = openMpSpinCounts(result.err);
        if (spinCounts.isEmpty())
            QSKIP("the OpenMP runtime is not libgomp: it does not report its spin count");
        QCOMPARE(spinCounts, (QStringList { QStringLiteral("300000"), QStringLiteral("0") }));
    }

    // --version, --help and commands that only read or write the database start in one load of
    // the libraries (the start-up time of issue 16).
    void otherCommandsStartOnce_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("--version") << QStringList { QStringLiteral("--version") };
        QTest::newRow("--help") << QStringList { QStringLiteral("--help") };
        QTest::newRow("runs list") << QStringList { QStringLiteral("runs"), QStringLiteral("list"),
            QStringLiteral("--db"), m_folder.filePath(QStringLiteral("runs.sqlite")) };
    }

    void otherCommandsStartOnce()
    {
        QFETCH(QStringList, arguments);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("OMP_WAIT_POLICY"));
        environment.insert(QStringLiteral("OMP_DISPLAY_ENV"), QStringLiteral("VERBOSE"));
        const Result result = runCliIn(environment, arguments);
        QCOMPARE(result.exitCode, 0);
        const QStringList spinCounts = openMpSpinCounts(result.err);
        if (spinCounts.isEmpty())
            QSKIP("the OpenMP runtime is not libgomp: it does not report its spin count");
        QCOMPARE(spinCounts.size(), 1);
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
        const QStringList spinCounts = openMpSpinCounts(bench.err);
        if (!spinCounts.isEmpty())
            QCOMPARE(spinCounts, QStringList { QStringLiteral("30000000000") }); // ACTIVE, once
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
