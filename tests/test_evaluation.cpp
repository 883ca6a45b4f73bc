#include "eval/evaluation.h"
#include "eval/period_returns.h"
#include "eval_test_support.h"

#include <QtTest>
#include <cmath>
#include <stdexcept>

using namespace Eval;
using EvalTestSupport::firstDate;

namespace {

using EvalTestSupport::scoresOn;
using EvalTestSupport::wigglingPanel;

constexpr int kTickers = EvalTestSupport::kWigglingTickers;

// A score with no relation to momentum: a fixed ticker order.
double fixedOrder(int, int column)
{
    return (column * 7) % kTickers;
}

EvaluationOptions optionsFor(std::vector<int> horizons)
{
    EvaluationOptions options;
    options.horizons = std::move(horizons);
    options.reversalLookback = 3;
    options.folds = { FoldScheme::EveryNDates, 2 };
    return options;
}

} // namespace

// evaluateScores end to end on hand-made panels: the report's shape and its edge cases.
class TestEvaluation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reportFollowsTheOptions()
    {
        const PricePanel panel = wigglingPanel();
        std::vector<ScoreRow> scores = scoresOn(panel, { 10, 13, 16, 19, 22 }, fixedOrder);
        scores.push_back({ firstDate().addYears(1), QStringLiteral("T00"), 1.0, std::nullopt });
        scores.push_back({ firstDate().addDays(10), QStringLiteral("NOPE"), 1.0, std::nullopt });

        const EvaluationReport report = evaluateScores(panel, scores, optionsFor({ 5, 2 }));
        QCOMPARE(report.horizons.size(), size_t(2));
        const HorizonEvaluation &five = report.horizons[0];
        const HorizonEvaluation &two = report.horizons[1];
        QCOMPARE(five.horizon, 5);
        QCOMPARE(two.horizon, 2);

        QCOMPARE(five.model.kind, SignalKind::Model);
        QCOMPARE(five.momentum.kind, SignalKind::Momentum);
        QCOMPARE(five.reversal.kind, SignalKind::Reversal);
        for (const SignalEvaluation *signal : { &five.model, &five.momentum, &five.reversal }) {
            QCOMPARE(signal->perDate.size(), size_t(5));
            QCOMPARE(signal->overall.dateCount, 5);
            QCOMPARE(signal->overall.rankIc.count, 5);
        }
        QCOMPARE(five.momentumCorrelationPerDate.size(), size_t(5));

        // Dates three rows apart: a 5-day horizon overlaps the next date's, a 2-day one not.
        QCOMPARE(five.minimumDateSpacing, std::optional<int>(3));
        QVERIFY(five.overlapping);
        QVERIFY(!two.overlapping);

        // Two dates per fold: 2 + 2 + 1.
        QCOMPARE(five.folds.size(), size_t(3));
        QCOMPARE(five.folds[2].firstDate, panel.calendar()[22]);
        QCOMPARE(five.folds[2].model.dateCount, 1);
        QCOMPARE(five.folds[0].momentumCorrelation.count, 2);

        QCOMPARE(five.unknownDateRows, 1);
        QCOMPARE(five.unknownTickerRows, 1);
        QCOMPARE(report.gates.perHorizon.size(), size_t(2));
        QCOMPARE(report.gates.perHorizon[1].horizon, 2);
    }

    void baselinesUseTheModelsDatesAndNames()
    {
        const PricePanel panel = wigglingPanel();
        std::vector<ScoreRow> scores = scoresOn(panel, { 10, 20 }, fixedOrder);
        scores.erase(scores.begin()); // T00 not scored on day 10

        const HorizonEvaluation horizon
            = evaluateScores(panel, scores, optionsFor({ 5 })).horizons[0];
        QCOMPARE(horizon.model.perDate[0].n, kTickers - 1);
        QCOMPARE(horizon.momentum.perDate[0].n, kTickers - 1);
        QCOMPARE(horizon.reversal.perDate[0].n, kTickers - 1);
        QCOMPARE(horizon.momentum.perDate[1].n, kTickers);
    }

    // A "model" that is momentum itself: identical results and a correlation of 1.
    void momentumInDisguiseFailsTheFactorGate()
    {
        const PricePanel panel = wigglingPanel();
        const int horizon = 4;
        const std::vector<ScoreRow> scores = scoresOn(panel, { 8, 12, 16, 20, 24 },
            [&panel](int row, int column) { return *pastReturn(panel, row, column, horizon); });

        const EvaluationReport report = evaluateScores(panel, scores, optionsFor({ horizon }));
        const HorizonEvaluation &evaluation = report.horizons[0];
        KW_COMPARE_OPTIONAL(evaluation.momentumCorrelation.mean, 1.0);
        for (size_t k = 0; k < evaluation.model.perDate.size(); ++k) {
            QCOMPARE(evaluation.model.perDate[k].rankIc, evaluation.momentum.perDate[k].rankIc);
            QCOMPARE(evaluation.model.perDate[k].spread, evaluation.momentum.perDate[k].spread);
        }
        QCOMPARE(report.gates.perHorizon[0].factor.status, GateStatus::Fail);
        QVERIFY(!report.gates.factor.passed());
    }

    void singleDate()
    {
        const PricePanel panel = wigglingPanel();
        const HorizonEvaluation horizon
            = evaluateScores(panel, scoresOn(panel, { 10 }, fixedOrder), optionsFor({ 5 }))
                  .horizons[0];
        QCOMPARE(horizon.model.perDate.size(), size_t(1));
        QCOMPARE(horizon.model.overall.rankIc.count, 1);
        QVERIFY(!horizon.model.overall.rankIc.stdDev);
        QVERIFY(!horizon.model.overall.topTurnoverMean);
        QVERIFY(!horizon.minimumDateSpacing);
        QVERIFY(!horizon.overlapping);
        QCOMPARE(horizon.folds.size(), size_t(1));
    }

    void horizonRunningPastTheData()
    {
        const PricePanel panel = wigglingPanel();
        const EvaluationReport report
            = evaluateScores(panel, scoresOn(panel, { 33, 36 }, fixedOrder), optionsFor({ 8 }));
        const SignalSummary &model = report.horizons[0].model.overall;
        QCOMPARE(model.dateCount, 2);
        QCOMPARE(model.datesWithTooFewNames, 2);
        QCOMPARE(model.ic.count, 0);
        QVERIFY(!model.ic.mean && !model.spreadMean && !model.topTurnoverMean);
        QCOMPARE(report.gates.perHorizon[0].ml.status, GateStatus::NotApplicable);
    }

    void noScoresAtAll()
    {
        const EvaluationReport report
            = evaluateScores(wigglingPanel(), std::vector<ScoreRow> {}, optionsFor({ 5 }));
        QVERIFY(report.horizons[0].model.perDate.empty());
        QVERIFY(report.horizons[0].folds.empty());
        QCOMPARE(report.gates.factorHorizonsPassed, 0);
    }

    // Paths of 8 steps for every (date, ticker): horizon 3 has no score rows and is scored from
    // the paths' third close; the IC decay covers every horizon from 1 to 8.
    void pathsScoreHorizonsWithoutRowsAndFeedTheDecay()
    {
        const PricePanel panel = wigglingPanel();
        EvaluationInput input;
        input.scores = scoresOn(panel, { 10, 14, 18 }, fixedOrder);
        for (ScoreRow &row : input.scores)
            row.horizon = 5;
        for (const ScoreRow &row : input.scores) {
            const int column = *panel.columnOf(row.ticker);
            PredictedPath path { row.date, row.ticker, 100.0, {} };
            for (int step = 1; step <= 8; ++step)
                path.closes.push_back(float(100.0 + step * ((column * 5) % kTickers)));
            input.paths.push_back(path);
        }
        const EvaluationReport report = evaluateScores(panel, input, optionsFor({ 5, 3 }));
        QVERIFY(!report.horizons[0].scoredFromPaths);
        QVERIFY(report.horizons[1].scoredFromPaths);
        QVERIFY(report.horizons[0].scored && report.horizons[1].scored);
        // Issue 15.13: a horizon neither the rows nor the paths reach is not scored at all —
        // what its n/a says, apart from "no forward prices yet".
        const EvaluationReport beyond = evaluateScores(panel, input, optionsFor({ 12 }));
        QVERIFY(!beyond.horizons[0].scored);
        QCOMPARE(beyond.horizons[0].model.overall.dateCount, 0);
        // Path scores rank the names by (column * 5) % 12 at every step.
        const EvaluationReport direct = evaluateScores(panel,
            scoresOn(panel, { 10, 14, 18 },
                [](int, int column) { return double((column * 5) % kTickers); }),
            optionsFor({ 3 }));
        QCOMPARE(report.horizons[1].model.overall.rankIc.mean,
            direct.horizons[0].model.overall.rankIc.mean);

        QCOMPARE(report.icDecay.size(), size_t(3 * 8));
        for (int k = 0; k < 8; ++k) {
            QCOMPARE(report.icDecay[size_t(k)].signal, SignalKind::Model);
            QCOMPARE(report.icDecay[size_t(k)].horizon, k + 1);
        }
        QCOMPARE(report.icDecay[8].signal, SignalKind::Momentum);
        // At an evaluated horizon the decay repeats the evaluation's figures.
        QCOMPARE(report.icDecay[4].rankIcMean, report.horizons[0].model.overall.rankIc.mean);
        QCOMPARE(
            report.icDecay[4].rankIcNeweyWestT, report.horizons[0].model.significance.rankIc.t);
    }

    void randomWeightsAreNeverJudgedAsPassing()
    {
        const PricePanel panel = wigglingPanel();
        // Scores that are the future itself, blurred a little so RankIC varies between dates.
        const std::vector<ScoreRow> scores
            = scoresOn(panel, { 5, 10, 15, 20, 25 }, [&panel](int row, int column) {
                  return *forwardReturn(panel, row, column, 5) + 0.01 * ((row + 3 * column) % 4);
              });
        EvaluationOptions options = optionsFor({ 5 });
        options.gates.factorMinHorizons = 1;
        const EvaluationReport honest = evaluateScores(panel, scores, options);
        QVERIFY2(honest.gates.perHorizon[0].ml.passed(),
            qPrintable(honest.gates.perHorizon[0].ml.reason));
        options.randomWeights = true;
        const EvaluationReport control = evaluateScores(panel, scores, options);
        QCOMPARE(control.gates.perHorizon[0].ml.status, GateStatus::NotApplicable);
        QCOMPARE(control.gates.factor.status, GateStatus::NotApplicable);
        QVERIFY(control.randomWeights);
    }

    void costsLowerOnlyTheNetReturns()
    {
        const PricePanel panel = wigglingPanel();
        const std::vector<ScoreRow> scores = scoresOn(panel, { 5, 10, 15, 20, 25 }, fixedOrder);
        EvaluationOptions options = optionsFor({ 5 });
        options.costBps = 0.0;
        const LongShortBook free = evaluateScores(panel, scores, options).horizons[0].model.book;
        options.costBps = 25.0;
        const LongShortBook costly = evaluateScores(panel, scores, options).horizons[0].model.book;
        QCOMPARE(free.periods, 5);
        QCOMPARE(free.meanNet, free.meanGross);
        QCOMPARE(costly.meanGross, free.meanGross);
        QVERIFY(*costly.meanNet < *free.meanNet);
        QCOMPARE(costly.costBps, 25.0);
    }

    void calibrationOnlyWithSamples()
    {
        const PricePanel panel = wigglingPanel();
        EvaluationInput input;
        input.scores = scoresOn(panel, { 10, 15 }, fixedOrder);
        QVERIFY(!evaluateScores(panel, input, optionsFor({ 5 })).horizons[0].calibration);
        // Samples at another horizon: calibration is attempted but has no case; the panel's 40
        // rows leave no 61 closes for a baseline volatility anyway.
        input.samples.push_back({ panel.calendar()[10], QStringLiteral("T00"), 7, { 0.01, 0.02 } });
        const EvaluationReport report = evaluateScores(panel, input, optionsFor({ 5 }));
        QVERIFY(report.horizons[0].calibration);
        QCOMPARE(report.horizons[0].calibration->n, 0);
        QCOMPARE(report.sampledForecasts, 1);
    }

    void invalidOptionsAreRejected_data()
    {
        QTest::addColumn<int>("horizon");
        QTest::addColumn<int>("reversalLookback");
        QTest::addColumn<int>("datesPerFold");
        QTest::newRow("zero horizon") << 0 << 3 << 2;
        QTest::newRow("zero reversal lookback") << 5 << 0 << 2;
        QTest::newRow("zero dates per fold") << 5 << 3 << 0;
    }

    void invalidOptionsAreRejected()
    {
        QFETCH(int, horizon);
        QFETCH(int, reversalLookback);
        QFETCH(int, datesPerFold);
        const PricePanel panel = wigglingPanel();
        EvaluationOptions options = optionsFor({ horizon });
        options.reversalLookback = reversalLookback;
        options.folds.datesPerFold = datesPerFold;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
            evaluateScores(panel, scoresOn(panel, { 10 }, fixedOrder), options));
    }

    void signalNames()
    {
        QCOMPARE(signalName(SignalKind::Model), QStringLiteral("model"));
        QCOMPARE(signalName(SignalKind::Momentum), QStringLiteral("momentum"));
        QCOMPARE(signalName(SignalKind::Reversal), QStringLiteral("reversal"));
    }
};

QTEST_GUILESS_MAIN(TestEvaluation)
#include "test_evaluation.moc"
