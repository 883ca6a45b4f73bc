#include "run/run_identity.h"

#include <QtTest>

// How a run and its weights are named in the views' headers and the Runs table.
class TestRunIdentity : public QObject
{
    Q_OBJECT

private:
    static RunIdentity withModel(const QString &modelDir)
    {
        RunIdentity run;
        run.id = 7;
        run.name = QStringLiteral("Sample 2019-06-03");
        run.model.modelDir = modelDir;
        return run;
    }

private Q_SLOTS:
    void aLocalCheckpointIsNamedByItsFolderNotByModel_data()
    {
        QTest::addColumn<QString>("modelDir");
        QTest::addColumn<QString>("name");
        // Issue 15.12: a checkpoint in kronos-small/model was shown as "model".
        QTest::newRow("generic leaf") << "/data/kronos-small/model" << "kronos-small/model";
        QTest::newRow("named folder") << "/data/Kronos-small" << "Kronos-small";
        QTest::newRow("trailing slash") << "/data/Kronos-small/" << "Kronos-small";
        QTest::newRow("checkpoint cache")
            << "/home/u/.local/share/kronos-workbench/models/NeoQuasar/Kronos-small/main"
            << "NeoQuasar/Kronos-small";
        QTest::newRow("hugging face cache")
            << "/home/u/.cache/huggingface/hub/models--NeoQuasar--Kronos-small/snapshots/abc123"
            << "NeoQuasar/Kronos-small";
    }

    void aLocalCheckpointIsNamedByItsFolderNotByModel()
    {
        QFETCH(QString, modelDir);
        QFETCH(QString, name);
        QCOMPARE(withModel(modelDir).checkpointName(), name);
    }

    void theHeaderNamesIdNameCheckpointAndRandomWeights()
    {
        QCOMPARE(withModel(QStringLiteral("/data/Kronos-small")).headerText(),
            QStringLiteral("Run 7 'Sample 2019-06-03' · Kronos-small"));
        RunIdentity random = withModel(QString());
        random.model.randomShape = QStringLiteral("mini");
        QCOMPARE(random.headerText(),
            QStringLiteral("Run 7 'Sample 2019-06-03' · random Kronos-mini weights (seed 1) · "
                           "RANDOM WEIGHTS: meaningless scores"));
        QCOMPARE(RunIdentity().headerText(), QStringLiteral("No run"));
    }
};

QTEST_GUILESS_MAIN(TestRunIdentity)
#include "test_run_identity.moc"
