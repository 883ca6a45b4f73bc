#include "eval/gates.h"
#include "eval_test_support.h"

#include <QtTest>

using namespace Eval;
using EvalTestSupport::definedUnlessNaN;
using EvalTestSupport::kUndefined;

namespace {

// A Newey-West estimate with t = `t` over 50 dates; NaN: undefined (the series does not vary).
NeweyWestEstimate neweyWestT(double t)
{
    NeweyWestEstimate estimate;
    estimate.dates = 50;
    estimate.mean = 0.0;
    estimate.t = definedUnlessNaN(t);
    estimate.status = estimate.t ? NeweyWestStatus::Defined : NeweyWestStatus::ZeroVariance;
    return estimate;
}

GateInput inputAt(
    int horizon, double rankIcMean, double t, double momentumCorrelation, double topTurnover)
{
    return { horizon, definedUnlessNaN(rankIcMean), neweyWestT(t),
        definedUnlessNaN(momentumCorrelation), definedUnlessNaN(topTurnover) };
}

} // namespace

// Factor, ML and practical gates with editable thresholds, judged on the Newey-West t; n/a with
// a reason when a figure is undefined; never a pass for a random-weights control run.
class TestGates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void perHorizonVerdicts_data()
    {
        QTest::addColumn<double>("rankIcMean");
        QTest::addColumn<double>("neweyWestT"); // NaN: undefined
        QTest::addColumn<double>("momentumCorrelation");
        QTest::addColumn<double>("topTurnover");
        QTest::addColumn<double>("mlReference"); // NaN: none entered
        QTest::addColumn<QString>("factor");
        QTest::addColumn<QString>("ml");
        QTest::addColumn<QString>("practical");
        QTest::newRow("passes everything") << 0.06 << 3.0 << 0.1 << 0.2 << kUndefined << "pass"
                                           << "pass"
                                           << "pass";
        QTest::newRow("factor only") << 0.03 << 3.0 << -0.2 << 0.8 << kUndefined << "pass"
                                     << "fail"
                                     << "fail";
        QTest::newRow("factor at its thresholds")
            << 0.02 << 1.96 << 0.0 << 0.3 << kUndefined << "pass"
            << "fail"
            << "pass";
        QTest::newRow("strong mean, t below 1.96: overlap made it look good")
            << 0.06 << 1.9 << 0.1 << 0.2 << kUndefined << "fail"
            << "fail"
            << "pass";
        QTest::newRow("momentum in disguise") << 0.06 << 3.0 << -0.5 << 0.3 << kUndefined << "fail"
                                              << "pass"
                                              << "pass";
        QTest::newRow("ML within tolerance of the reference")
            << 0.045 << 3.0 << 0.1 << 0.5 << 0.07 << "pass"
            << "pass"
            << "fail";
        QTest::newRow("ML too far below the reference")
            << 0.03 << 3.0 << 0.1 << 0.5 << 0.07 << "pass"
            << "fail"
            << "fail";
        QTest::newRow("ML above the reference") << 0.045 << 3.0 << 0.1 << 0.5 << 0.01 << "pass"
                                                << "pass"
                                                << "fail";
        QTest::newRow("undefined values are n/a, not fail")
            << kUndefined << kUndefined << kUndefined << kUndefined << 0.0 << "n/a"
            << "n/a"
            << "n/a";
        QTest::newRow("zero-variance RankIC: no t, n/a")
            << 0.06 << kUndefined << 0.1 << 0.2 << kUndefined << "n/a"
            << "n/a"
            << "pass";
        QTest::newRow("no momentum correlation: factor n/a only")
            << 0.06 << 3.0 << kUndefined << 0.2 << kUndefined << "n/a"
            << "pass"
            << "pass";
    }

    void perHorizonVerdicts()
    {
        QFETCH(double, rankIcMean);
        QFETCH(double, neweyWestT);
        QFETCH(double, momentumCorrelation);
        QFETCH(double, topTurnover);
        QFETCH(double, mlReference);
        QFETCH(QString, factor);
        QFETCH(QString, ml);
        QFETCH(QString, practical);
        GateThresholds thresholds;
        thresholds.mlReferenceRankIc = definedUnlessNaN(mlReference);
        const GateVerdict verdict = evaluateGates(
            { inputAt(20, rankIcMean, neweyWestT, momentumCorrelation, topTurnover) }, thresholds);
        QCOMPARE(verdict.perHorizon.size(), size_t(1));
        const HorizonGates &gates = verdict.perHorizon[0];
        QCOMPARE(gates.horizon, 20);
        QCOMPARE(gateStatusName(gates.factor.status), factor);
        QCOMPARE(gateStatusName(gates.ml.status), ml);
        QCOMPARE(gateStatusName(gates.practical.status), practical);
        for (const GateResult *gate : { &gates.factor, &gates.ml, &gates.practical })
            QVERIFY2(!gate->reason.isEmpty(), "every verdict says why");
    }

    void reasonsNameTheFiguresAndWhatIsUndefined()
    {
        const GateVerdict judged
            = evaluateGates({ inputAt(20, 0.06, 1.5, 0.1, 0.2) }, GateThresholds());
        QCOMPARE(judged.perHorizon[0].factor.reason,
            QStringLiteral("RankIC mean 0.0600 >= 0.0200, Newey-West t 1.5000 < 1.9600, "
                           "|corr. with momentum| 0.1000 < 0.5000"));
        const GateVerdict undefined
            = evaluateGates({ inputAt(20, 0.06, kUndefined, 0.1, kUndefined) }, GateThresholds());
        QVERIFY2(
            undefined.perHorizon[0].ml.reason.contains(QStringLiteral("Newey-West t undefined")),
            qPrintable(undefined.perHorizon[0].ml.reason));
        QCOMPARE(undefined.perHorizon[0].practical.reason,
            QStringLiteral("no two consecutive dates with a top quintile"));
    }

    void randomWeightsNeverPass()
    {
        const GateVerdict verdict
            = evaluateGates({ inputAt(20, 0.2, 9.0, 0.0, 0.1), inputAt(60, 0.2, 9.0, 0.0, 0.1) },
                GateThresholds(), true);
        for (const HorizonGates &gates : verdict.perHorizon) {
            for (const GateResult *gate : { &gates.factor, &gates.ml, &gates.practical }) {
                QCOMPARE(gate->status, GateStatus::NotApplicable);
                QVERIFY(gate->reason.contains(QStringLiteral("random weights")));
            }
        }
        QCOMPARE(verdict.factorHorizonsPassed, 0);
        QCOMPARE(verdict.factor.status, GateStatus::NotApplicable);
    }

    void factorGateNeedsEnoughHorizons_data()
    {
        QTest::addColumn<QList<double>>("rankIcMeans"); // at 20, 60, 90 days; NaN: undefined
        QTest::addColumn<int>("minHorizons");
        QTest::addColumn<int>("passedHorizons");
        QTest::addColumn<QString>("overall");
        QTest::newRow("two of three") << QList<double> { 0.03, 0.01, 0.02 } << 2 << 2 << "pass";
        QTest::newRow("one of three") << QList<double> { 0.03, 0.01, 0.0 } << 2 << 1 << "fail";
        QTest::newRow("threshold raised to three")
            << QList<double> { 0.03, 0.01, 0.02 } << 3 << 2 << "fail";
        QTest::newRow("one pass, one undecided: cannot tell")
            << QList<double> { 0.03, kUndefined, 0.0 } << 2 << 1 << "n/a";
        QTest::newRow("undecided horizons cannot reach the count")
            << QList<double> { 0.01, kUndefined, 0.0 } << 3 << 0 << "fail";
    }

    void factorGateNeedsEnoughHorizons()
    {
        QFETCH(QList<double>, rankIcMeans);
        QFETCH(int, minHorizons);
        QFETCH(int, passedHorizons);
        QFETCH(QString, overall);
        const int horizons[] = { 20, 60, 90 };
        std::vector<GateInput> inputs;
        for (int k = 0; k < rankIcMeans.size(); ++k)
            inputs.push_back(inputAt(horizons[k], rankIcMeans[k], 3.0, 0.1, 0.2));
        GateThresholds thresholds;
        thresholds.factorMinHorizons = minHorizons;
        const GateVerdict verdict = evaluateGates(inputs, thresholds);
        QCOMPARE(verdict.factorHorizonsPassed, passedHorizons);
        QCOMPARE(gateStatusName(verdict.factor.status), overall);
    }

    void thresholdsAreEditable()
    {
        GateThresholds strict;
        strict.factorMinRankIc = 0.04;
        strict.mlMinRankIc = 0.1;
        strict.practicalMaxTopTurnover = 0.1;
        strict.minNeweyWestT = 2.5;
        const GateVerdict verdict = evaluateGates(
            { inputAt(20, 0.06, 3.0, 0.1, 0.2), inputAt(60, 0.06, 2.4, 0.1, 0.2) }, strict);
        QVERIFY(verdict.perHorizon[0].factor.passed());
        QCOMPARE(verdict.perHorizon[0].ml.status, GateStatus::Fail);
        QCOMPARE(verdict.perHorizon[0].practical.status, GateStatus::Fail);
        QCOMPARE(verdict.perHorizon[1].factor.status, GateStatus::Fail);
    }
};

QTEST_GUILESS_MAIN(TestGates)
#include "test_gates.moc"
