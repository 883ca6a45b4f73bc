#include "eval/io/evaluation_summary_table.h"
#include "eval_test_support.h"

#include <QtTest>

using namespace Eval;
using EvalTestSupport::scoresOn;
using EvalTestSupport::wigglingPanel;

namespace {

double fixedOrder(int, int column)
{
    return (column * 5) % EvalTestSupport::kWigglingTickers;
}

EvaluationOptions optionsFor(int horizon)
{
    EvaluationOptions options;
    options.horizons = { horizon };
    options.reversalLookback = 3;
    return options;
}

// The table's line that starts with `label`.
QString lineOf(const QString &text, const QString &label)
{
    for (const QString &line : text.split(u'\n')) {
        if (line.startsWith(label))
            return line;
    }
    return {};
}

} // namespace

// The text `kronos-cli evaluate` prints: model and baselines side by side, gates with their
// thresholds, the overlap warning exactly when dates are closer than the horizon, unused rows.
class TestEvaluationSummaryTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsModelAndBaselinesSideBySide()
    {
        const PricePanel panel = wigglingPanel();
        const EvaluationReport report
            = evaluateScores(panel, scoresOn(panel, { 10, 15, 20 }, fixedOrder), optionsFor(5));
        const QString text = formatEvaluationSummary(report);
        QVERIFY(text.startsWith(QStringLiteral(
            "Horizon 5 trading days: 3 evaluation dates from 2020-01-11 to 2020-01-21\n")));
        QCOMPARE(lineOf(text, QStringLiteral("      ")).simplified(),
            QStringLiteral("model momentum reversal"));
        const QStringList rankIc
            = lineOf(text, QStringLiteral("RankIC mean")).split(u' ', Qt::SkipEmptyParts);
        QCOMPARE(rankIc.size(), 2 + 3);
        QCOMPARE(rankIc[2], QString::number(*report.horizons[0].model.overall.rankIc.mean, 'f', 4));
        QCOMPARE(
            rankIc[3], QString::number(*report.horizons[0].momentum.overall.rankIc.mean, 'f', 4));
        QVERIFY(text.contains(QStringLiteral("practical ")));
        QVERIFY(text.endsWith(QStringLiteral("horizons pass, 2 needed)\n")));
    }

    void warnsExactlyWhenHorizonsOverlap_data()
    {
        QTest::addColumn<int>("horizon");
        QTest::addColumn<bool>("warned");
        QTest::newRow("horizon equals the spacing") << 5 << false;
        QTest::newRow("horizon beyond the spacing") << 6 << true;
    }

    void warnsExactlyWhenHorizonsOverlap()
    {
        QFETCH(int, horizon);
        QFETCH(bool, warned);
        const PricePanel panel = wigglingPanel();
        const QString text = formatEvaluationSummary(evaluateScores(
            panel, scoresOn(panel, { 10, 15, 20 }, fixedOrder), optionsFor(horizon)));
        QCOMPARE(text.contains(QStringLiteral(
                     "WARNING: overlapping horizons. Consecutive evaluation dates are as little as "
                     "5 trading rows apart, less than the 6-row horizon")),
            warned);
    }

    void marksUndefinedValues()
    {
        const PricePanel panel = wigglingPanel();
        const QString text = formatEvaluationSummary(evaluateScores(
            panel, scoresOn(panel, { 10 }, [](int, int) { return 1.0; }), optionsFor(5)));
        QVERIFY2(lineOf(text, QStringLiteral("IC mean")).contains(QStringLiteral("n/a")),
            qPrintable(text));
        QVERIFY(lineOf(text, QStringLiteral("Dates without IC")).contains(QStringLiteral("1")));
    }

    void showsTheThresholdsUsed()
    {
        const PricePanel panel = wigglingPanel();
        EvaluationOptions options = optionsFor(5);
        options.gates.mlReferenceRankIc = 0.1;
        options.gates.practicalMaxTopTurnover = 0.5;
        const QString text = formatEvaluationSummary(
            evaluateScores(panel, scoresOn(panel, { 10, 15, 20 }, fixedOrder), options));
        QVERIFY2(
            text.contains(QStringLiteral("the reference's 0.1000 - 0.0300")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral(" 0.5000)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Newey-West t")), qPrintable(text));
    }

    void countsScoreRowsNotUsed()
    {
        const PricePanel panel = wigglingPanel();
        std::vector<ScoreRow> scores = scoresOn(panel, { 10, 15 }, fixedOrder);
        scores.push_back({ panel.calendar()[10], QStringLiteral("ZZZ"), 1.0, std::nullopt });
        scores.push_back({ EvalTestSupport::firstDate().addDays(100), QStringLiteral("T00"), 1.0,
            std::nullopt });
        scores.push_back(scores.front());
        const QString text = formatEvaluationSummary(evaluateScores(panel, scores, optionsFor(5)));
        QVERIFY2(text.contains(QStringLiteral(
                     "Score rows not used: 1 on dates that are not trading days of the prices, 1 "
                     "for tickers without prices, 1 duplicates.")),
            qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestEvaluationSummaryTable)
#include "test_evaluation_summary_table.moc"
