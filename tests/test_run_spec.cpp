// RunSpec: validation messages and the JSON a run is stored with.

#include "run_spec.h"

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
