#include "eval/evaluation_verdict.h"
#include "eval/period_returns.h"
#include "eval_test_support.h"

#include <QtTest>

using namespace Eval;
using EvalTestSupport::scoresOn;
using EvalTestSupport::wigglingPanel;

namespace {

const QList<int> kDates { 5, 10, 15, 20, 25, 30 };

// Close to the true 5-day future, blurred so the RankIC varies from date to date.
std::vector<ScoreRow> informedScores(const PricePanel &panel)
{
    return scoresOn(panel, kDates, [&panel](int row, int column) {
        return *forwardReturn(panel, row, column, 5) + 0.01 * ((row + 3 * column) % 4);
    });
}

EvaluationOptions optionsAt(int horizon)
{
    EvaluationOptions options;
    options.horizons = { horizon };
    options.reversalLookback = 3;
    return options;
}

} // namespace

// The verdict a person reads first: which kind of answer, and the caveats that qualify it.
class TestEvaluationVerdict : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void significantSkillThatSurvivesCostsIsAnEdge()
    {
        const PricePanel panel = wigglingPanel();
        EvaluationOptions options = optionsAt(5);
        options.costBps = 0.0;
        const EvaluationVerdict verdict
            = judgeEvaluation(evaluateScores(panel, informedScores(panel), options));
        QCOMPARE(verdict.kind, EvaluationVerdict::Kind::Edge);
        QVERIFY2(verdict.headline.startsWith(QStringLiteral("An edge at horizon 5")),
            qPrintable(verdict.headline));
        QCOMPARE(verdict.findings.size(), 1);
        QVERIFY(verdict.findings[0].contains(QStringLiteral("Newey-West t")));
    }

    void costsCanEatTheSkill()
    {
        const PricePanel panel = wigglingPanel();
        EvaluationOptions options = optionsAt(5);
        options.costBps = 10000.0; // a whole return per unit traded
        const EvaluationVerdict verdict
            = judgeEvaluation(evaluateScores(panel, informedScores(panel), options));
        QCOMPARE(verdict.kind, EvaluationVerdict::Kind::SkillEatenByCosts);
        QVERIFY(verdict.caveats.join(u' ').contains(QStringLiteral("turn the book's gross gain")));
    }

    void insignificantSkillIsNoEdge()
    {
        const PricePanel panel = wigglingPanel();
        EvaluationOptions options = optionsAt(5);
        options.gates.minNeweyWestT = 1000.0;
        const EvaluationVerdict verdict
            = judgeEvaluation(evaluateScores(panel, informedScores(panel), options));
        QCOMPARE(verdict.kind, EvaluationVerdict::Kind::NoEdge);
    }

    void randomWeightsAreAControl()
    {
        const PricePanel panel = wigglingPanel();
        EvaluationOptions options = optionsAt(5);
        options.randomWeights = true;
        const EvaluationVerdict verdict
            = judgeEvaluation(evaluateScores(panel, informedScores(panel), options));
        QCOMPARE(verdict.kind, EvaluationVerdict::Kind::Control);
        QVERIFY(verdict.headline.contains(QStringLiteral("random weights")));
    }

    void nothingToJudgeWithoutARankIc()
    {
        const EvaluationVerdict verdict = judgeEvaluation(
            evaluateScores(wigglingPanel(), std::vector<ScoreRow> {}, optionsAt(5)));
        QCOMPARE(verdict.kind, EvaluationVerdict::Kind::NothingToJudge);
    }

    void caveatsNameOverlapFewDatesAndTheManyTests()
    {
        const PricePanel panel = wigglingPanel();
        const EvaluationVerdict verdict
            = judgeEvaluation(evaluateScores(panel, informedScores(panel), optionsAt(8)));
        const QString caveats = verdict.caveats.join(u'\n');
        QVERIFY2(caveats.contains(QStringLiteral("forecast windows overlap (dates as close as 5 "
                                                 "rows, horizon 8)")),
            qPrintable(caveats));
        QVERIFY(caveats.contains(QStringLiteral("Only 6 evaluation dates")));
        QVERIFY(caveats.contains(QStringLiteral("Many figures were tested")));
        QVERIFY(caveats.contains(QStringLiteral("12 ticker(s) have no sector")));
    }
};

QTEST_GUILESS_MAIN(TestEvaluationVerdict)
#include "test_evaluation_verdict.moc"
