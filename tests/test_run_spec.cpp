// RunSpec: validation messages and the JSON a run is stored with.

#include "run/run_spec.h"

#include <QtTest>

namespace {

RunSpec valid()
{
    RunSpec spec;
    spec.universe = QStringLiteral("Sample");
    spec.dates = DateSelection::single(QDate(2019, 12, 31));
    spec.model.modelDir = QStringLiteral("/m");
    spec.model.tokenizerDir = QStringLiteral("/t");
    return spec;
}

// valid() as a run that started: its checkpoint's contents are known.
RunSpec started()
{
    RunSpec spec = valid();
    spec.model.contentHash = QStringLiteral("sha256:a");
    return spec;
}

} // namespace

class TestRunSpec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validate_data()
    {
        QTest::addColumn<RunSpec>("spec");
        QTest::addColumn<QString>("error");
        QTest::newRow("valid") << valid() << QString();
        RunSpec s = valid();
        s.universe.clear();
        QTest::newRow("no universe") << s << "no universe given";
        s = valid();
        s.dates.to = QDate(2019, 1, 1);
        QTest::newRow("reversed range")
            << s << "the evaluation dates need a valid date or a range with from <= to";
        s = valid();
        s.horizons = { 20, 0 };
        QTest::newRow("zero horizon") << s << "horizons must be positive numbers of trading days";
        s = valid();
        s.horizons = { 600 };
        s.maxContext = 512;
        QTest::newRow("horizon beyond the context given")
            << s << "the longest horizon (600) exceeds the model's context (512)";
        // The checkpoint's own context (0) is known once the engine is loaded: checked then.
        s.maxContext = 0;
        QTest::newRow("horizon with the checkpoint's own context") << s << QString();
        s = valid();
        s.model.tokenizerDir.clear();
        QTest::newRow("no tokenizer") << s << "a model and a tokenizer folder are required";
        s.model.randomShape = QStringLiteral("small");
        QTest::newRow("random weights need no folders") << s << QString();
    }
    void validate()
    {
        QFETCH(RunSpec, spec);
        QFETCH(QString, error);
        QCOMPARE(spec.validate(), error);
    }

    void jsonRoundTrip()
    {
        RunSpec spec = valid();
        spec.name = QStringLiteral("June");
        spec.dates = { QDate(2019, 1, 1), QDate(2019, 6, 30), DateStep::Weekly, 1 };
        spec.horizons = { 5, 10 };
        spec.lookback = 128;
        spec.batchSize = 0;
        spec.memoryBudgetMib = 4096;
        spec.device = QStringLiteral("mps");
        spec.sampling = { 0.8, 0, 0.95, 4, 18446744073709551615ull };
        spec.releaseCachedMemory = false;
        RunSpec back;
        QString error;
        QVERIFY2(RunSpec::fromJson(spec.toJson(), back, error), qPrintable(error));
        QCOMPARE(back.toJson(), spec.toJson());
        QCOMPARE(back.sampling.seed, spec.sampling.seed);
        QCOMPARE(back.dates.step, DateStep::Weekly);
        QVERIFY(!back.releasesCachedMemory());
        QVERIFY(RunSpec().releaseCachedMemory == std::nullopt);
    }

    void releaseCachedMemoryDefaultsByDevice_data()
    {
        QTest::addColumn<QString>("device");
        QTest::addColumn<bool>("releases");
        QTest::newRow("cpu") << "cpu" << false;
        QTest::newRow("cuda") << "cuda" << true;
        QTest::newRow("mps") << "mps" << true;
    }
    void releaseCachedMemoryDefaultsByDevice()
    {
        QFETCH(QString, device);
        QFETCH(bool, releases);
        RunSpec spec;
        spec.device = device;
        QCOMPARE(spec.releasesCachedMemory(), releases);
    }

    void shardParsing_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("count");
        QTest::newRow("first of three") << "0/3" << 0 << 3;
        QTest::newRow("last of three") << "2/3" << 2 << 3;
        QTest::newRow("the whole run") << "0/1" << 0 << 1;
        for (const char *bad : { "3/3", "-1/3", "1/0", "1", "a/3", "1/3/4", "" })
            QTest::addRow("'%s' refused", bad) << bad << -1 << -1;
    }
    void shardParsing()
    {
        QFETCH(QString, text);
        QFETCH(int, index);
        QFETCH(int, count);
        QString error;
        const std::optional<RunShard> shard = RunShard::parse(text, error);
        if (index < 0) {
            QVERIFY(!shard);
            QCOMPARE(error,
                QStringLiteral("a shard is I/N with 0 <= I < N, like 0/8; got '%1'").arg(text));
            return;
        }
        QVERIFY(shard);
        QCOMPARE(shard->index, index);
        QCOMPARE(shard->count, count);
        QCOMPARE(shard->text(), text);
    }

    // A shard's stored spec names its shard and carries the whole run's spec.
    void shardJsonRecordsTheWholeRun()
    {
        RunSpec spec = valid();
        spec.name = QStringLiteral("Decade");
        spec.model.contentHash = QStringLiteral("sha256:abc");
        spec.shard = RunShard { 2, 5 };
        const QJsonObject json = spec.toJson();
        const QJsonObject shard = json.value(QStringLiteral("shard")).toObject();
        QCOMPARE(shard.value(QStringLiteral("index")).toInt(), 2);
        QCOMPARE(shard.value(QStringLiteral("count")).toInt(), 5);
        QCOMPARE(shard.value(QStringLiteral("whole_run")).toObject(), spec.wholeRun().toJson());
        QVERIFY(!spec.wholeRun().shard);
        QCOMPARE(spec.wholeRun().model.contentHash, QStringLiteral("sha256:abc"));

        RunSpec back;
        QString error;
        QVERIFY2(RunSpec::fromJson(json, back, error), qPrintable(error));
        QVERIFY(back.shard && *back.shard == (RunShard { 2, 5 }));
        QCOMPARE(back.model.contentHash, QStringLiteral("sha256:abc"));
        QCOMPARE(back.toJson(), json);
    }

    void resultDifference_data()
    {
        QTest::addColumn<RunSpec>("other");
        QTest::addColumn<QString>("difference");
        RunSpec s = started();
        s.name = QStringLiteral("another name");
        s.device = QStringLiteral("cuda");
        s.threads = 8;
        s.batchSize = 0;
        s.memoryBudgetMib = 900;
        s.model.modelDir = QStringLiteral("/elsewhere/m");
        QTest::newRow("how it runs is not what it scores") << s << QString();
        s = started();
        s.horizons = { 20, 60 };
        QTest::newRow("horizons") << s << "horizons: 20,60,90 vs 20,60";
        s = started();
        s.dates = { QDate(2019, 1, 1), QDate(2019, 12, 31), DateStep::Monthly, 1 };
        QTest::newRow("dates") << s << "dates: 2019-12-31 vs 2019-01-01..2019-12-31 monthly";
        s = started();
        s.lookback = 64;
        QTest::newRow("lookback") << s << "lookback: 252 vs 64";
        s = started();
        s.universe = QStringLiteral("Other");
        QTest::newRow("universe") << s << "universe: Sample vs Other";
        s = started();
        s.sampling = { 0.8, 0, 0.9, 4, 7 };
        QTest::newRow("sampling")
            << s << "sampling: greedy vs T 0.8, top-k 0, top-p 0.9, 4 samples, seed 7";
        s = started();
        s.shard = RunShard { 1, 3 };
        QTest::newRow("shard") << s << "shard: none vs 1/3";
        s = started();
        s.model.contentHash = QStringLiteral("sha256:b");
        QTest::newRow("checkpoint contents") << s << "checkpoint contents: sha256:a vs sha256:b";
        QTest::newRow("not started: no contents to compare") << valid() << QString();
    }
    void resultDifference()
    {
        QFETCH(RunSpec, other);
        QFETCH(QString, difference);
        QCOMPARE(started().resultDifference(other), difference);
    }

    void incompleteJsonIsRefused()
    {
        RunSpec spec;
        QString error;
        QVERIFY(!RunSpec::fromJson(
            QJsonObject { { QStringLiteral("universe"), QStringLiteral("U") } }, spec, error));
        QCOMPARE(error, QStringLiteral("the stored run spec lacks 'from'"));
    }
};

QTEST_GUILESS_MAIN(TestRunSpec)
#include "test_run_spec.moc"
