#include "eval/long_short_book.h"

#include <QtTest>
#include <cmath>

using namespace Eval;

namespace {

// Quintile means from -spread/2 (quintile 1) to +spread/2 (quintile 5), quintile 3 empty.
QuintileBookDate bookDate(int row, double spread, std::vector<int> top, std::vector<int> bottom)
{
    return { QDate(2020, 1, 1).addDays(row), row, spread, std::move(top), std::move(bottom),
        { -spread / 2, -spread / 4, std::nullopt, spread / 4, spread / 2 } };
}

bool near(const std::optional<double> &actual, double expected)
{
    return actual && std::abs(*actual - expected) <= 1e-14 * std::max(1.0, std::abs(expected));
}

} // namespace

// The costed long-short book: non-overlapping holding periods chosen greedily, turnover of both
// sides, net of costs, compounded, annualized, Sharpe and drawdown, on hand-made dates.
class TestLongShortBook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Rows 0, 2, 5, 9, 10 at h = 5: the book holds from rows 0, 5 and 10.
    void greedyPeriodsTurnoverAndCosts()
    {
        const std::vector<QuintileBookDate> dates {
            bookDate(0, 0.01, { 1, 2 }, { 7, 8 }), bookDate(2, 0.02, { 1, 2 }, { 7, 8 }),
            bookDate(5, -0.01, { 2, 3 }, { 7, 9 }), // half of each side new: traded 2
            bookDate(9, 0.03, { 2, 3 }, { 7, 9 }),
            bookDate(10, 0.04, { 2, 3 }, { 4, 9 }), // top kept, half the bottom new: traded 1
        };
        const LongShortBook book = longShortBook(dates, 5, 10.0);
        QCOMPARE(book.periods, 3);
        QCOMPARE(book.curve.size(), size_t(3));
        QCOMPARE(book.curve[1].date, dates[2].date);
        QCOMPARE(book.curve[0].traded, 2.0);
        QCOMPARE(book.curve[1].traded, 2.0);
        QCOMPARE(book.curve[2].traded, 1.0);
        const double net[] = { 0.01 - 0.002, -0.01 - 0.002, 0.04 - 0.001 };
        for (int k = 0; k < 3; ++k)
            QVERIFY(near(book.curve[size_t(k)].net, net[k]));
        QVERIFY(near(book.meanGross, 0.04 / 3));
        const double mean = (net[0] + net[1] + net[2]) / 3;
        QVERIFY(near(book.meanNet, mean));
        const double wealth = (1 + net[0]) * (1 + net[1]) * (1 + net[2]);
        QVERIFY(near(book.cumNet, wealth - 1));
        QVERIFY(near(book.curve[2].wealthNet, wealth));
        QVERIFY(near(book.curve[2].wealthGross, 1.01 * 0.99 * 1.04));
        QVERIFY(near(book.curve[2].quintileWealth[4], 1.005 * 0.995 * 1.02));
        QVERIFY(near(book.curve[2].quintileWealth[0], 0.995 * 1.005 * 0.98));
        QCOMPARE(book.curve[2].quintileWealth[2], 1.0); // never had names
        QVERIFY(near(book.annReturn, std::pow(wealth, 252.0 / (5 * 3)) - 1));
        double squares = 0;
        for (double value : net)
            squares += (value - mean) * (value - mean);
        QVERIFY(near(book.sharpe, mean / std::sqrt(squares / 2) * std::sqrt(252.0 / 5)));
        // From the peak after period 1 to the trough after period 2.
        QVERIFY(near(book.maxDrawdown, 1 - (1 + net[0]) * (1 + net[1]) / (1 + net[0])));
    }

    void drawdownCountsFromTheStartingWealth()
    {
        const LongShortBook book = longShortBook({ bookDate(0, -0.05, { 1 }, { 2 }) }, 20, 0.0);
        QCOMPARE(book.periods, 1);
        QVERIFY(near(book.maxDrawdown, 0.05));
        QVERIFY(near(book.cumNet, -0.05));
        QVERIFY(!book.sharpe); // one period: no standard deviation
    }

    void noDatesNoFigures()
    {
        const LongShortBook book = longShortBook({}, 20, 10.0);
        QCOMPARE(book.periods, 0);
        QCOMPARE(book.costBps, 10.0);
        QVERIFY(!book.meanGross && !book.meanNet && !book.cumNet && !book.annReturn && !book.sharpe
            && !book.maxDrawdown);
    }

    void equalNetReturnsHaveNoSharpe()
    {
        const LongShortBook book
            = longShortBook({ bookDate(0, 0.01, { 1 }, { 2 }), bookDate(5, 0.01, { 1 }, { 2 }),
                                bookDate(10, 0.01, { 1 }, { 2 }) },
                5, 0.0);
        QCOMPARE(book.periods, 3);
        QVERIFY(!book.sharpe);
        QCOMPARE(*book.maxDrawdown, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestLongShortBook)
#include "test_long_short_book.moc"
