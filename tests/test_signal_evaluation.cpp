#include "eval/signal_evaluation.h"
#include "eval_test_support.h"

#include <QtTest>
#include <cmath>
#include <numeric>

using namespace Eval;
using EvalTestSupport::firstDate;

namespace {

constexpr int kTickers = 10;

// Ten tickers over four days; ticker c grows by c% a day, so every 1-day forward return of
// column c is c / 100.
PricePanel growingPanel()
{
    QStringList tickers;
    std::vector<std::vector<double>> closes(4);
    for (int c = 0; c < kTickers; ++c) {
        tickers.append(QStringLiteral("T%1").arg(c));
        for (int row = 0; row < 4; ++row)
            closes[row].push_back(100.0 * std::pow(1.0 + c / 100.0, row));
    }
    return EvalTestSupport::makePanel(tickers, closes);
}

DatedScores allTickers(int row, std::vector<double> scores)
{
    std::vector<int> columns(kTickers);
    std::iota(columns.begin(), columns.end(), 0);
    return { firstDate().addDays(row), row, columns, std::move(scores) };
}

// Day 0: scores rank like the returns (top quintile {8, 9}). Day 1: T0 jumps to the top
// (top {0, 9}: half of it new). Day 2: every score tied. Day 3: the 1-day horizon runs past
// the data.
SignalScores fourDates()
{
    return { allTickers(0, { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }),
        allTickers(1, { 100, 1, 2, 3, 4, 5, 6, 7, 8, 99 }),
        allTickers(2, std::vector<double>(kTickers, 1.0)),
        allTickers(3, { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }) };
}

} // namespace

// A signal's per-date results over several dates, and their summary.
class TestSignalEvaluation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void perDateResults()
    {
        const std::vector<DateResult> results = evaluateSignal(growingPanel(), fourDates(), 1);
        QCOMPARE(results.size(), size_t(4));

        QCOMPARE(results[0].date, firstDate());
        QCOMPARE(results[0].n, kTickers);
        KW_COMPARE_OPTIONAL(results[0].ic, 1.0);
        KW_COMPARE_OPTIONAL(results[0].rankIc, 1.0);
        KW_COMPARE_OPTIONAL(results[0].quintileMeans[0], 0.005);
        KW_COMPARE_OPTIONAL(results[0].spread, 0.08);
        QVERIFY(!results[0].topTurnover); // first date: nothing to compare with

        KW_COMPARE_OPTIONAL(results[1].topTurnover, 0.5);

        QCOMPARE(results[2].icAvailability, IcAvailability::ZeroVariance);
        QVERIFY(!results[2].ic && !results[2].spread);
        QVERIFY(!results[2].topTurnover); // every score tied: no top quintile

        QCOMPARE(results[3].n, 0);
        QCOMPARE(results[3].icAvailability, IcAvailability::TooFewNames);
        QVERIFY(!results[3].topTurnover);
    }

    void summaryCountsTheDatesWithoutIc()
    {
        const std::vector<DateResult> results = evaluateSignal(growingPanel(), fourDates(), 1);
        const SignalSummary summary = summarizeSignal(results, 0, 4);
        QCOMPARE(summary.dateCount, 4);
        QCOMPARE(summary.datesWithZeroVariance, 1);
        QCOMPARE(summary.datesWithTooFewNames, 1);
        QCOMPARE(summary.ic.count, 2);
        QCOMPARE(summary.rankIc.count, 2);
        KW_COMPARE_OPTIONAL(summary.topTurnoverMean, 0.5);
        // Day 1's q1 holds T1 and T2 (0.015); day 0's holds T0 and T1 (0.005).
        KW_COMPARE_OPTIONAL(summary.quintileMeans[0], 0.01);
    }

    void summaryOfASingleDate()
    {
        const std::vector<DateResult> results = evaluateSignal(growingPanel(), fourDates(), 1);
        const SignalSummary summary = summarizeSignal(results, 0, 1);
        QCOMPARE(summary.dateCount, 1);
        QCOMPARE(summary.rankIc.count, 1);
        KW_COMPARE_OPTIONAL(summary.rankIc.mean, 1.0);
        QVERIFY(!summary.rankIc.stdDev && !summary.rankIc.t);
        QVERIFY(!summary.topTurnoverMean);
    }

    void emptyRange()
    {
        const SignalSummary summary = summarizeSignal({}, 0, 0);
        QCOMPARE(summary.dateCount, 0);
        QCOMPARE(summary.ic.count, 0);
        QVERIFY(!summary.spreadMean);
    }

    void everyUndefinedFigureSaysWhy()
    {
        // Issue 15.13: an n/a without a reason.
        SignalSummary none;
        QCOMPARE(undefinedFiguresReason(none, 20, true),
            QStringLiteral(
                "n/a: no evaluation date at 20 days — no forward prices yet (the horizon "
                "has not passed after the dates)"));
        QCOMPARE(undefinedFiguresReason(none, 30, false),
            QStringLiteral("n/a: no score at 30 days on a date and ticker of the prices — the "
                           "horizon is not one of the run's (or the file's) and no forecast path "
                           "reaches it, or its rows name dates or tickers without prices"));
        SignalSummary tooFew;
        tooFew.dateCount = tooFew.datesWithTooFewNames = 3;
        QCOMPARE(undefinedFiguresReason(tooFew, 20, true),
            QStringLiteral("n/a: on every date fewer than 5 names have a score and a forward "
                           "return"));
        SignalSummary oneDate;
        oneDate.dateCount = 1;
        oneDate.ic.count = oneDate.rankIc.count = 1;
        oneDate.rankIc.mean = oneDate.ic.mean = 0.1;
        oneDate.spreadMean = 0.01;
        QCOMPARE(undefinedFiguresReason(oneDate, 20, true),
            QStringLiteral("IR and t n/a: they need 2 dates with an IC, there is 1; turnover n/a: "
                           "it needs 2 consecutive dates with a top quintile"));
        SignalSummary complete = oneDate;
        complete.rankIc.count = complete.ic.count = 2;
        complete.rankIc.ir = complete.ic.ir = 1.0;
        complete.topTurnoverMean = 0.2;
        QCOMPARE(undefinedFiguresReason(complete, 20, true), QString());
    }
};

QTEST_GUILESS_MAIN(TestSignalEvaluation)
#include "test_signal_evaluation.moc"
