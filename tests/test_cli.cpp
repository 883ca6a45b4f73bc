#include "app_identity.h"
#include "cli_dispatcher.h"
#include "cli_test_support.h"
#include "kw_version.h"

#include <QCoreApplication>
#include <QtTest>

// The kronos-cli executable as a user runs it, plus the dispatcher's routing in-process.
class TestCli : public QObject
{
    Q_OBJECT

private:
    using Result = CliTest::Result;

    static Result runCli(const QStringList &arguments) { return CliTest::run(arguments, 30000); }

private Q_SLOTS:
    void versionPrintsTheProjectVersion()
    {
        const Result result = runCli({ QStringLiteral("--version") });
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out.trimmed(),
            QStringLiteral("kronos-cli (Kronos Workbench %1)").arg(QStringLiteral(KW_VERSION)));
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
