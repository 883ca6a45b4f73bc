#include "cli_test_support.h"
#include "kw_version.h"
#include "test_paths.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

// kronos-workbench as a user starts it on Linux: a launcher that loads no libtorch hands over to
// the window program with the OpenMP wait policy set, so libtorch is loaded once (the window
// program restarted itself before, loading it twice: issue 16).
class TestWorkbenchLauncher : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_folder;

    // The launcher's --version (answered by the window program) in `environment`, which has
    // no OMP_WAIT_POLICY of its own.
    static CliTest::Result versionIn(QProcessEnvironment environment)
    {
        environment.remove(QStringLiteral("OMP_WAIT_POLICY"));
        // A user's own kernel choice: the window program does not restart for OpenBLAS.
        environment.insert(QStringLiteral("OPENBLAS_CORETYPE"), QStringLiteral("Prescott"));
        return CliTest::runProgram(
            workbenchLauncherPath(), { QStringLiteral("--version") }, environment, 60000);
    }

private Q_SLOTS:
    void theWindowProgramAnswersAndLoadsLibtorchOnce()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LD_DEBUG"), QStringLiteral("files"));
        const CliTest::Result result = versionIn(environment);
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out.trimmed(), QStringLiteral("Kronos Workbench " KW_VERSION));
        const std::optional<int> loads = CliTest::libtorchLoads(result.err);
        if (!loads)
            QSKIP("the dynamic loader does not report what it loads (LD_DEBUG is glibc's)");
        QCOMPARE(*loads, 1);
    }

    // libgomp's last start (OMP_DISPLAY_ENV prints its settings at each; the launcher starts it
    // too where Qt's libb2 links it, as on Debian) has threads that do not spin: PASSIVE, spin
    // count 0.
    void theWindowProgramStartsWithAPassiveWaitPolicy()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("OMP_DISPLAY_ENV"), QStringLiteral("VERBOSE"));
        const CliTest::Result result = versionIn(environment);
        QCOMPARE(result.exitCode, 0);
        const QStringList spinCounts = CliTest::openMpSpinCounts(result.err);
        if (spinCounts.isEmpty())
            QSKIP("the OpenMP runtime is not libgomp: it does not report its spin count");
        QCOMPARE(spinCounts.last(), QStringLiteral("0"));
        QVERIFY2(spinCounts.size() <= 2, qPrintable(spinCounts.join(QLatin1Char(' '))));
    }

    // A launcher whose window program is missing says so (on stderr, and in a message box that
    // waits for the user where there is a display: QT_QPA_PLATFORM=offscreen here) instead of
    // exiting without a word.
    void aLauncherWithoutItsWindowProgramSaysWhatIsMissing()
    {
        const QString alone = m_folder.filePath(QStringLiteral("alone/kronos-workbench"));
        QVERIFY(QDir().mkpath(QFileInfo(alone).path()));
        QVERIFY(QFile::copy(workbenchLauncherPath(), alone));
        QProcess launcher;
        launcher.start(alone, {});
        QVERIFY(launcher.waitForStarted());
        QString err;
        QElapsedTimer waited;
        waited.start();
        while (!err.contains(QLatin1String("kronos-workbench-window is missing"))
            && launcher.state() == QProcess::Running && waited.elapsed() < 60000) {
            launcher.waitForReadyRead(1000);
            err += QString::fromUtf8(launcher.readAllStandardError());
        }
        QVERIFY2(
            err.contains(QLatin1String("kronos-workbench-window is missing")), qPrintable(err));
        QVERIFY2(err.contains(QDir(QFileInfo(alone).path()).filePath("kronos-workbench-window")),
            qPrintable(err));
        QCOMPARE(launcher.state(), QProcess::Running); // the message box is open
        launcher.kill();
        launcher.waitForFinished();

        // Without a display (a shell over ssh) it says so on stderr and exits with status 1.
        QProcessEnvironment noDisplay = QProcessEnvironment::systemEnvironment();
        for (const char *variable : { "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM" })
            noDisplay.remove(QString::fromLatin1(variable));
        const CliTest::Result result = CliTest::runProgram(alone, {}, noDisplay, 60000);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QLatin1String("kronos-workbench-window is missing")),
            qPrintable(result.err));
    }
};

QTEST_GUILESS_MAIN(TestWorkbenchLauncher)
#include "test_workbench_launcher.moc"
