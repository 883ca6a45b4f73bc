#include "eval/signal_scores.h"
#include "eval_test_support.h"

#include <QtTest>

using namespace Eval;
using EvalTestSupport::firstDate;
using EvalTestSupport::kUndefined;

// Placing score rows (date, ticker, score[, horizon]) on the panel for one horizon.
class TestSignalScores : public QObject
{
    Q_OBJECT

private:
    // Three tickers over five days.
    static PricePanel panel()
    {
        return EvalTestSupport::makePanel(
            { QStringLiteral("AAA"), QStringLiteral("BBB"), QStringLiteral("CCC") },
            std::vector<std::vector<double>>(5, { 1.0, 1.0, 1.0 }));
    }

    static ScoreRow row(
        int day, const char *ticker, double score, std::optional<int> horizon = std::nullopt)
    {
        return { firstDate().addDays(day), QString::fromLatin1(ticker), score, horizon };
    }

private Q_SLOTS:
    void placesRowsSortedByDateThenColumn()
    {
        const ScoreMatching matching = matchScoresToPanel(
            panel(), { row(3, "CCC", 0.3), row(1, "BBB", 0.2), row(3, "AAA", 0.1) }, 20);
        QCOMPARE(matching.signal.size(), size_t(2));
        QCOMPARE(matching.signal[0].date, firstDate().addDays(1));
        QCOMPARE(matching.signal[0].row, 1);
        QCOMPARE(matching.signal[0].columns, std::vector<int> { 1 });
        QCOMPARE(matching.signal[1].row, 3);
        QCOMPARE(matching.signal[1].columns, (std::vector<int> { 0, 2 }));
        QCOMPARE(matching.signal[1].scores, (std::vector<double> { 0.1, 0.3 }));
    }

    void countsWhatCannotBePlaced()
    {
        const ScoreMatching matching = matchScoresToPanel(panel(),
            { row(0, "AAA", 0.1), row(9, "AAA", 0.1), row(0, "ZZZ", 0.1), row(0, "AAA", 0.5),
                row(0, "BBB", kUndefined) },
            20);
        QCOMPARE(matching.unknownDateRows, 1);
        QCOMPARE(matching.unknownTickerRows, 1);
        QCOMPARE(matching.duplicateRows, 1);
        QCOMPARE(matching.signal.size(), size_t(1));
        QCOMPARE(matching.signal[0].scores, std::vector<double> { 0.1 }); // the first row wins
    }

    void horizonSpecificRowsWin_data()
    {
        QTest::addColumn<bool>("specificFirst");
        QTest::newRow("specific row first") << true;
        QTest::newRow("specific row last") << false;
    }

    void horizonSpecificRowsWin()
    {
        QFETCH(bool, specificFirst);
        std::vector<ScoreRow> rows { row(0, "AAA", 0.1), row(0, "AAA", 0.6, 60) };
        if (specificFirst)
            std::swap(rows[0], rows[1]);
        rows.push_back(row(0, "BBB", 0.2, 20)); // serves another horizon: ignored

        const ScoreMatching matching = matchScoresToPanel(panel(), rows, 60);
        QCOMPARE(matching.duplicateRows, 0);
        QCOMPARE(matching.signal.size(), size_t(1));
        QCOMPARE(matching.signal[0].columns, std::vector<int> { 0 });
        QCOMPARE(matching.signal[0].scores, std::vector<double> { 0.6 });
    }

    void minimumDateSpacing_data()
    {
        QTest::addColumn<QList<int>>("days");
        QTest::addColumn<int>("spacing"); // -1: none
        QTest::newRow("no dates") << QList<int> {} << -1;
        QTest::newRow("a single date") << QList<int> { 2 } << -1;
        QTest::newRow("the closest pair counts") << QList<int> { 0, 3, 4 } << 1;
        QTest::newRow("even") << QList<int> { 0, 2, 4 } << 2;
    }

    void minimumDateSpacing()
    {
        QFETCH(QList<int>, days);
        QFETCH(int, spacing);
        std::vector<ScoreRow> rows;
        for (int day : days)
            rows.push_back(row(day, "AAA", 1.0));
        const std::optional<int> expected
            = spacing < 0 ? std::nullopt : std::optional<int>(spacing);
        QCOMPARE(Eval::minimumDateSpacing(matchScoresToPanel(panel(), rows, 20).signal), expected);
    }

    void scoredTickers_data()
    {
        QTest::addColumn<QStringList>("tickers"); // one row each, in this order
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("no rows") << QStringList {} << QStringList {};
        QTest::newRow("sorted, each once")
            << QStringList { "CCC", "AAA", "CCC", "ZZZ" } << QStringList { "AAA", "CCC", "ZZZ" };
    }

    void scoredTickers()
    {
        QFETCH(QStringList, tickers);
        QFETCH(QStringList, expected);
        std::vector<ScoreRow> rows;
        for (const QString &ticker : tickers)
            rows.push_back({ firstDate(), ticker, 1.0, std::nullopt });
        QCOMPARE(Eval::scoredTickers(rows), expected);
    }
};

QTEST_GUILESS_MAIN(TestSignalScores)
#include "test_signal_scores.moc"
