#include "inference/kronos_engine.h"
#include "model/checkpoint_cache.h"
#include "model/published_checkpoints.h"
#include "test_paths.h"

#include <QtTest>

// The one table of NeoQuasar's checkpoints: the context each was trained with, as the cache, the
// random-weight shapes and an engine without a given context all read it.
class TestPublishedCheckpoints : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachPredictorHasItsOwnContext_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("context");
        QTest::newRow("mini") << "mini" << 2048;
        QTest::newRow("small") << "small" << 512;
        QTest::newRow("base") << "base" << 512;
    }
    void eachPredictorHasItsOwnContext()
    {
        QFETCH(QString, name);
        QFETCH(int, context);
        const kronos::PublishedShape shape = kronos::publishedShape(name);
        QCOMPARE(shape.maxContext, context);
        QCOMPARE(kronos::publishedMaxContext(shape.predictor), context);
        const QString repo = QStringLiteral("NeoQuasar/Kronos-") + name;
        bool listed = false;
        for (const KnownCheckpoint &known : CheckpointCache::knownCheckpoints()) {
            if (known.repo == repo) {
                listed = true;
                QCOMPARE(known.maxContext, context);
                QVERIFY2(known.description.endsWith(QStringLiteral("context %1").arg(context)),
                    qPrintable(known.description));
            }
        }
        QVERIFY(listed);
    }

    void anotherShapeGetsUpstreamsDefault()
    {
        kronos::PredictorConfig narrow = kronos::publishedShape(QStringLiteral("mini")).predictor;
        narrow.dModel = 128;
        QCOMPARE(kronos::publishedMaxContext(narrow), kronos::UpstreamMaxContext);
        QCOMPARE(kronos::UpstreamMaxContext, 512);
    }

    void anEngineWithoutAGivenContextTakesTheCheckpointsOwn()
    {
        kronos::EngineOptions options;
        QCOMPARE(options.maxContext, 0);
        const auto mini = kronos::KronosEngine::withRandomWeights(
            kronos::publishedShape(QStringLiteral("mini")), 1, options);
        QCOMPARE(mini->summary().maxContext, 2048);
        const auto fixture = kronos::KronosEngine::load(
            testDataPath("kronos-narrow/model"), testDataPath("kronos-narrow/tokenizer"), options);
        QCOMPARE(fixture->summary().maxContext, kronos::UpstreamMaxContext);
        options.maxContext = 300;
        QCOMPARE(kronos::KronosEngine::withRandomWeights(
                     kronos::publishedShape(QStringLiteral("mini")), 1, options)
                     ->summary()
                     .maxContext,
            300);
    }
};

QTEST_GUILESS_MAIN(TestPublishedCheckpoints)
#include "test_published_checkpoints.moc"
