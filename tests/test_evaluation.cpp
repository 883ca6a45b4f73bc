#include "eval_test_support.h"
#include "evaluation.h"
#include "period_returns.h"

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
        QVERIFY(!report.gates.perHorizon[0].factor);
        QVERIFY(!report.gates.factorPassed);
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
        QVERIFY(!report.gates.perHorizon[0].ml);
    }

    void noScoresAtAll()
    {
        const EvaluationReport report = evaluateScores(wigglingPanel(), {}, optionsFor({ 5 }));
        QVERIFY(report.horizons[0].model.perDate.empty());
        QVERIFY(report.horizons[0].folds.empty());
        QCOMPARE(report.gates.factorHorizonsPassed, 0);
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
