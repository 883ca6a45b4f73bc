#include "eval/baseline_signals.h"
#include "eval_test_support.h"

#include <QtTest>

using namespace Eval;
using EvalTestSupport::firstDate;
using EvalTestSupport::kUndefined;

// Momentum and reversal scored on the model's own dates and names.
class TestBaselineSignals : public QObject
{
    Q_OBJECT

private:
    // AAA rises 10% a day, BBB is flat, CCC lacks its first close; DDD is never scored.
    static PricePanel panel()
    {
        return EvalTestSupport::makePanel({ QStringLiteral("AAA"), QStringLiteral("BBB"),
                                              QStringLiteral("CCC"), QStringLiteral("DDD") },
            { { 100.0, 50.0, kUndefined, 1.0 }, { 110.0, 50.0, 20.0, 1.0 },
                { 121.0, 50.0, 22.0, 1.0 } });
    }

    // The model scores AAA, BBB and CCC on day 2, and AAA on day 0.
    static SignalScores model()
    {
        return { DatedScores { firstDate(), 0, { 0 }, { 0.5 } },
            DatedScores { firstDate().addDays(2), 2, { 0, 1, 2 }, { 0.1, 0.2, 0.3 } } };
    }

private Q_SLOTS:
    void momentumIsThePastReturnOverTheLookback()
    {
        const SignalScores momentum = momentumSignal(panel(), model(), 2);
        QCOMPARE(momentum.size(), size_t(2));
        QVERIFY(momentum[0].columns.empty()); // no close two rows before day 0: kept, empty
        QCOMPARE(momentum[1].date, firstDate().addDays(2));
        QCOMPARE(momentum[1].columns, (std::vector<int> { 0, 1 })); // CCC has no close on day 0
        QCOMPARE(momentum[1].scores[0], 0.21);
        QCOMPARE(momentum[1].scores[1], 0.0);
    }

    void reversalIsMinusThePastReturn()
    {
        const SignalScores reversal = reversalSignal(panel(), model(), 1);
        QCOMPARE(reversal[1].columns, (std::vector<int> { 0, 1, 2 }));
        QCOMPARE(reversal[1].scores[0], -0.1);
        QCOMPARE(reversal[1].scores[1], 0.0);
        QCOMPARE(reversal[1].scores[2], -0.1);
    }

    void reversalLooksBackOneMonthByDefault()
    {
        QCOMPARE(kReversalLookback, 21);
        QVERIFY(reversalSignal(panel(), model())[1].columns.empty());
    }
};

QTEST_GUILESS_MAIN(TestBaselineSignals)
#include "test_baseline_signals.moc"
