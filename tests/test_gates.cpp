#include "eval_test_support.h"
#include "gates.h"

#include <QtTest>

using namespace Eval;
using EvalTestSupport::definedUnlessNaN;
using EvalTestSupport::kUndefined;

// Factor, ML and practical gates with editable thresholds.
class TestGates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void perHorizonVerdicts_data()
    {
        QTest::addColumn<double>("rankIcMean");
        QTest::addColumn<double>("momentumCorrelation");
        QTest::addColumn<double>("topTurnover");
        QTest::addColumn<double>("mlReference"); // NaN: none entered
        QTest::addColumn<bool>("factor");
        QTest::addColumn<bool>("ml");
        QTest::addColumn<bool>("practical");
        QTest::newRow("passes everything")
            << 0.06 << 0.1 << 0.2 << kUndefined << true << true << true;
        QTest::newRow("factor only") << 0.03 << -0.2 << 0.8 << kUndefined << true << false << false;
        QTest::newRow("factor at its RankIC threshold")
            << 0.02 << 0.0 << 0.3 << kUndefined << true << false << true;
        QTest::newRow("momentum in disguise")
            << 0.06 << -0.5 << 0.3 << kUndefined << false << true << true;
        QTest::newRow("ML within tolerance of the reference")
            << 0.045 << 0.1 << 0.5 << 0.07 << true << true << false;
        QTest::newRow("ML too far below the reference")
            << 0.03 << 0.1 << 0.5 << 0.07 << true << false << false;
        QTest::newRow("ML above the reference")
            << 0.045 << 0.1 << 0.5 << 0.01 << true << true << false;
        QTest::newRow("undefined values fail")
            << kUndefined << kUndefined << kUndefined << 0.0 << false << false << false;
    }

    void perHorizonVerdicts()
    {
        QFETCH(double, rankIcMean);
        QFETCH(double, momentumCorrelation);
        QFETCH(double, topTurnover);
        QFETCH(double, mlReference);
        QFETCH(bool, factor);
        QFETCH(bool, ml);
        QFETCH(bool, practical);
        GateThresholds thresholds;
        thresholds.mlReferenceRankIc = definedUnlessNaN(mlReference);
        const GateVerdict verdict = evaluateGates(
            { { 20, definedUnlessNaN(rankIcMean), definedUnlessNaN(momentumCorrelation),
                definedUnlessNaN(topTurnover) } },
            thresholds);
        QCOMPARE(verdict.perHorizon.size(), size_t(1));
        QCOMPARE(verdict.perHorizon[0].horizon, 20);
        QCOMPARE(verdict.perHorizon[0].factor, factor);
        QCOMPARE(verdict.perHorizon[0].ml, ml);
        QCOMPARE(verdict.perHorizon[0].practical, practical);
    }

    void factorGateNeedsEnoughHorizons_data()
    {
        QTest::addColumn<QList<double>>("rankIcMeans"); // at 20, 60, 90 days
        QTest::addColumn<int>("minHorizons");
        QTest::addColumn<int>("passedHorizons");
        QTest::addColumn<bool>("passed");
        QTest::newRow("two of three") << QList<double> { 0.03, 0.01, 0.02 } << 2 << 2 << true;
        QTest::newRow("one of three") << QList<double> { 0.03, 0.01, 0.0 } << 2 << 1 << false;
        QTest::newRow("threshold raised to three")
            << QList<double> { 0.03, 0.01, 0.02 } << 3 << 2 << false;
    }

    void factorGateNeedsEnoughHorizons()
    {
        QFETCH(QList<double>, rankIcMeans);
        QFETCH(int, minHorizons);
        QFETCH(int, passedHorizons);
        QFETCH(bool, passed);
        const int horizons[] = { 20, 60, 90 };
        std::vector<GateInput> inputs;
        for (int k = 0; k < rankIcMeans.size(); ++k)
            inputs.push_back({ horizons[k], rankIcMeans[k], 0.1, 0.2 });
        GateThresholds thresholds;
        thresholds.factorMinHorizons = minHorizons;
        const GateVerdict verdict = evaluateGates(inputs, thresholds);
        QCOMPARE(verdict.factorHorizonsPassed, passedHorizons);
        QCOMPARE(verdict.factorPassed, passed);
    }

    void thresholdsAreEditable()
    {
        GateThresholds strict;
        strict.factorMinRankIc = 0.04;
        strict.mlMinRankIc = 0.1;
        strict.practicalMaxTopTurnover = 0.1;
        const GateVerdict verdict = evaluateGates({ { 20, 0.06, 0.1, 0.2 } }, strict);
        QVERIFY(verdict.perHorizon[0].factor);
        QVERIFY(!verdict.perHorizon[0].ml);
        QVERIFY(!verdict.perHorizon[0].practical);
    }
};

QTEST_GUILESS_MAIN(TestGates)
#include "test_gates.moc"
