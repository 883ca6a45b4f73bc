#include "local_hub_server.h"
#include "test_paths.h"
#include "ui/checkpoint_manager_dialog.h"

#include <QCryptographicHash>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

// The checkpoint manager dialog driven by objectName against a hub on loopback.
class TestCheckpointManagerDialog : public QObject
{
    Q_OBJECT

private:
    static QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static void serveFixture(LocalHubServer &hub, const QString &repo, const QString &part)
    {
        const QString folder = testDataPath("kronos-narrow/") + part;
        const QByteArray weights = readFile(folder + QStringLiteral("/model.safetensors"));
        hub.addFile(repo, QStringLiteral("config.json"),
            { readFile(folder + QStringLiteral("/config.json")), {}, -1 });
        hub.addFile(repo, QStringLiteral("model.safetensors"),
            { weights, QCryptographicHash::hash(weights, QCryptographicHash::Sha256).toHex(), -1 });
    }

    static int rowOf(QTableWidget *table, const QString &repo)
    {
        for (int row = 0; row < table->rowCount(); ++row)
            if (table->item(row, 0)->text() == repo)
                return row;
        return -1;
    }

private Q_SLOTS:
    void downloadsAPredictorWithItsTokenizerThenUsesThem()
    {
        LocalHubServer hub;
        serveFixture(hub, QStringLiteral("NeoQuasar/Kronos-mini"), QStringLiteral("model"));
        serveFixture(
            hub, QStringLiteral("NeoQuasar/Kronos-Tokenizer-2k"), QStringLiteral("tokenizer"));
        QTemporaryDir root;
        CheckpointManagerDialog dialog(CheckpointCache(root.path()), hub.baseUrl());
        dialog.show();
        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("checkpointTable"));
        auto *status = dialog.findChild<QLabel *>(QStringLiteral("downloadStatus"));
        QVERIFY(table && status);
        const int mini = rowOf(table, QStringLiteral("NeoQuasar/Kronos-mini"));
        QVERIFY(mini >= 0);
        QCOMPARE(table->item(mini, 2)->text(), QStringLiteral("no"));

        table->selectRow(mini);
        QTest::mouseClick(
            dialog.findChild<QPushButton *>(QStringLiteral("downloadButton")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(
            status->text(), QStringLiteral("Downloaded and verified."), 30000);
        QVERIFY(table->item(mini, 2)->text().endsWith(QStringLiteral("@ main")));
        QVERIFY(table->item(rowOf(table, QStringLiteral("NeoQuasar/Kronos-Tokenizer-2k")), 2)
                    ->text()
                    .endsWith(QStringLiteral("@ main")));

        QTest::mouseClick(
            dialog.findChild<QPushButton *>(QStringLiteral("verifyButton")), Qt::LeftButton);
        QVERIFY(status->text().contains(QStringLiteral("match their recorded SHA-256")));

        QSignalSpy used(&dialog, &CheckpointManagerDialog::useCheckpoint);
        QTest::mouseClick(
            dialog.findChild<QPushButton *>(QStringLiteral("useButton")), Qt::LeftButton);
        QCOMPARE(used.size(), 1);
        QCOMPARE(used.first().at(0).toString(),
            root.filePath(QStringLiteral("NeoQuasar/Kronos-mini/main")));
        QCOMPARE(used.first().at(1).toString(),
            root.filePath(QStringLiteral("NeoQuasar/Kronos-Tokenizer-2k/main")));
    }

    void showsAMissingRepositoryError()
    {
        LocalHubServer hub; // serves nothing
        QTemporaryDir root;
        CheckpointManagerDialog dialog(CheckpointCache(root.path()), hub.baseUrl());
        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("checkpointTable"));
        table->selectRow(rowOf(table, QStringLiteral("NeoQuasar/Kronos-base")));
        QTest::mouseClick(
            dialog.findChild<QPushButton *>(QStringLiteral("downloadButton")), Qt::LeftButton);
        auto *status = dialog.findChild<QLabel *>(QStringLiteral("downloadStatus"));
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("not found")), 10000);
        QVERIFY(dialog.findChild<QPushButton *>(QStringLiteral("downloadButton"))->isEnabled());
        QTest::mouseClick(
            dialog.findChild<QPushButton *>(QStringLiteral("useButton")), Qt::LeftButton);
        QVERIFY(status->text().startsWith(QStringLiteral("Download NeoQuasar/Kronos-base and")));
    }
};

QTEST_MAIN(TestCheckpointManagerDialog)
#include "test_checkpoint_manager_dialog.moc"
