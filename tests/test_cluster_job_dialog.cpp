// *Export as cluster job…* in the Run setup, driven by objectName: the dialog writes the job
// folder that `kronos-cli slurm write` writes for the same run (the same core code), and says
// why when it cannot.

#include "cli_test_support.h"
#include "main_window_driver.h"
#include "test_paths.h"
#include "ui/cluster_job_dialog.h"

#include <QDialogButtonBox>

using namespace MainWindowDriver;

namespace {

QString readAll(const QString &path)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return QString::fromUtf8(file.readAll());
}

} // namespace

class TestClusterJobDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_folder;

    // What the form says while the test waits on it: a wait that runs out names its cause.
    static QString setupState(MainWindow &window)
    {
        auto *universes = child<QComboBox>(window, "universeCombo");
        return QStringLiteral("universes: %1 listed, %2; checkpoint: '%3'; start hint: '%4'")
            .arg(universes->count())
            .arg(universes->isEnabled() ? QStringLiteral("enabled") : QStringLiteral("disabled"),
                child<QLabel>(window, "checkpointStatus")->text(),
                child<QLabel>(window, "startHint")->text());
    }

    // Opens the dialog from a valid setup: the fixture checkpoint, a small universe, 3 dates.
    // The caller returns when the test failed here.
    static void openDialog(MainWindow &window, ClusterJobDialog *&dialog)
    {
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // qWaitFor, not QTRY_*: those wait twice as long again before they fail, past the
        // test's time limit, and their message would never be printed.
        const bool loaded
            = QTest::qWaitFor([&] { return catalogLoaded(window); }, CatalogTimeoutMs);
        QVERIFY2(
            loaded, qPrintable(QStringLiteral("the catalog did not load: ") + setupState(window)));
        chooseFixtureCheckpoint(window);
        chooseBatchSize(window, 4);
        chooseSmallUniverse(window);
        chooseDates(window, 3);
        if (QTest::currentTestFailed())
            return;
        auto *exportButton = child<QPushButton>(window, "exportClusterJobButton");
        const bool valid
            = QTest::qWaitFor([&] { return exportButton->isEnabled(); }, CatalogTimeoutMs);
        QVERIFY2(valid,
            qPrintable(QStringLiteral("the setup did not become valid: ") + setupState(window)));
        QTest::mouseClick(exportButton, Qt::LeftButton);
        dialog = window.findChild<ClusterJobDialog *>(QStringLiteral("clusterJobDialog"));
        QVERIFY2(dialog, "the export button opened no dialog");
    }

    static void fill(ClusterJobDialog &dialog, const QString &folder)
    {
        child<QSpinBox>(dialog, "clusterShardsSpin")->setValue(3);
        child<QSpinBox>(dialog, "clusterCpusSpin")->setValue(1);
        auto *folderEdit = child<QLineEdit>(dialog, "clusterFolderEdit");
        folderEdit->clear();
        QTest::keyClicks(folderEdit, folder);
        auto *cli = child<QLineEdit>(dialog, "clusterKronosCliEdit");
        cli->setText(kronosCliPath());
        QTest::mouseClick(child<QPushButton>(dialog, "clusterSaveButton"), Qt::LeftButton);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_folder.isValid());
        useTemporaryEnvironment(m_folder, "test_cluster_job_dialog");
    }

    void exportWritesTheJobTheCommandLineWrites()
    {
        MainWindow window;
        ClusterJobDialog *dialog = nullptr;
        openDialog(window, dialog);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(dialog->isVisible());
        const QString gui = m_folder.filePath(QStringLiteral("gui-job"));
        fill(*dialog, gui);
        auto *status = child<QLabel>(*dialog, "clusterJobStatus");
        QTRY_VERIFY_WITH_TIMEOUT(
            status->text().startsWith(QLatin1String("Written.")), RunTimeoutMs);
        QVERIFY(status->text().contains(QDir(gui).filePath(QStringLiteral("submit.sh"))));
        QVERIFY(!child<QPushButton>(*dialog, "clusterSaveButton")->isEnabled());

        // The command line, given the run the GUI wrote, writes the same job.
        const QString cli = m_folder.filePath(QStringLiteral("cli-job"));
        const CliTest::Result written = CliTest::run(
            { "slurm", "write", "--spec", QDir(gui).filePath(QStringLiteral("run.json")), "--db",
                m_folder.filePath(QStringLiteral("market.sqlite")), "--shards", "3", "--out", cli,
                "--kronos-cli", kronosCliPath() });
        QVERIFY2(written.exitCode == 0, qPrintable(written.err));
        for (const char *file : { "run.json", "score.sbatch", "merge.sbatch", "submit.sh" })
            QCOMPARE(readAll(QDir(cli).filePath(QLatin1String(file))).replace(cli, gui),
                readAll(QDir(gui).filePath(QLatin1String(file))));
        QVERIFY(readAll(QDir(gui).filePath(QStringLiteral("score.sbatch")))
                    .contains(QLatin1String("#SBATCH --array=0-2\n#SBATCH --ntasks=1\n"
                                            "#SBATCH --cpus-per-task=1\n")));
    }

    void aRefusalIsShownAndNothingIsWritten()
    {
        MainWindow window;
        ClusterJobDialog *dialog = nullptr;
        openDialog(window, dialog);
        if (QTest::currentTestFailed())
            return;
        const QString used = m_folder.filePath(QStringLiteral("used"));
        QVERIFY(QDir().mkpath(used));
        QFile note(QDir(used).filePath(QStringLiteral("note.txt")));
        QVERIFY(note.open(QIODevice::WriteOnly));
        note.close();
        fill(*dialog, used);
        auto *status = child<QLabel>(*dialog, "clusterJobStatus");
        QTRY_VERIFY_WITH_TIMEOUT(
            status->text().startsWith(QStringLiteral("Not written: %1 is not empty").arg(used)),
            RunTimeoutMs);
        QVERIFY(child<QPushButton>(*dialog, "clusterSaveButton")->isEnabled());
        QCOMPARE(QDir(used).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
            QStringList { "note.txt" });
    }
};

QTEST_MAIN(TestClusterJobDialog)
#include "test_cluster_job_dialog.moc"
