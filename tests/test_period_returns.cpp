#include "eval/period_returns.h"
#include "eval_test_support.h"

#include <QtTest>

using namespace Eval;
using EvalTestSupport::kUndefined;

// Forward and past returns counted in rows of the global calendar.
class TestPeriodReturns : public QObject
{
    Q_OBJECT

private:
    // One ticker: 100, 110, (missing), 121, 0.
    static PricePanel panel()
    {
        return EvalTestSupport::makePanel({ QStringLiteral("AAA") },
            { { 100.0 }, { 110.0 }, { kUndefined }, { 121.0 }, { 0.0 } });
    }

private Q_SLOTS:
    void forwardReturn_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("horizon");
        QTest::addColumn<double>("expected");
        QTest::newRow("one row") << 0 << 1 << 0.1;
        QTest::newRow("skips over a missing bar") << 0 << 3 << 0.21;
        QTest::newRow("ends on a missing bar") << 0 << 2 << kUndefined;
        QTest::newRow("starts on a missing bar") << 2 << 1 << kUndefined;
        QTest::newRow("ends on a zero close") << 3 << 1 << kUndefined;
        QTest::newRow("runs past the data") << 3 << 2 << kUndefined;
    }

    void forwardReturn()
    {
        QFETCH(int, row);
        QFETCH(int, horizon);
        QFETCH(double, expected);
        KW_COMPARE_OPTIONAL(Eval::forwardReturn(panel(), row, 0, horizon), expected);
    }

    void pastReturn_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("lookback");
        QTest::addColumn<double>("expected");
        QTest::newRow("three rows back") << 3 << 3 << 0.21;
        QTest::newRow("one row back") << 1 << 1 << 0.1;
        QTest::newRow("starts on a missing bar") << 3 << 1 << kUndefined;
        QTest::newRow("before the first row") << 1 << 2 << kUndefined;
        QTest::newRow("ends on a zero close") << 4 << 1 << kUndefined;
    }

    void pastReturn()
    {
        QFETCH(int, row);
        QFETCH(int, lookback);
        QFETCH(double, expected);
        KW_COMPARE_OPTIONAL(Eval::pastReturn(panel(), row, 0, lookback), expected);
    }
};

QTEST_GUILESS_MAIN(TestPeriodReturns)
#include "test_period_returns.moc"
