#include "eval/signal_correlation.h"
#include "eval_test_support.h"

#include <QtTest>
#include <stdexcept>

using namespace Eval;
using EvalTestSupport::firstDate;
using EvalTestSupport::kUndefined;

namespace {

// One date scoring columns 0..scores.size()-1, minus those whose score is NaN.
DatedScores dated(const QList<double> &scores)
{
    DatedScores result { firstDate(), 0, {}, {} };
    for (int column = 0; column < scores.size(); ++column) {
        if (!std::isnan(scores[column])) {
            result.columns.push_back(column);
            result.scores.push_back(scores[column]);
        }
    }
    return result;
}

} // namespace

// Per-date Spearman between two signals over the names both score (model vs momentum), and of a
// signal with itself one date earlier (rank autocorrelation).
class TestSignalCorrelation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void perDateSpearman_data()
    {
        QTest::addColumn<QList<double>>("a"); // NaN: not scored
        QTest::addColumn<QList<double>>("b");
        QTest::addColumn<double>("correlation");
        QTest::newRow("same order")
            << QList<double> { 1, 2, 3, 4, 5 } << QList<double> { 10, 20, 30, 40, 500 } << 1.0;
        QTest::newRow("reversed") << QList<double> { 1, 2, 3, 4, 5 }
                                  << QList<double> { 5, 4, 3, 2, 1 } << -1.0;
        // Only columns 0, 2, 3, 4, 5 are common; there they agree perfectly.
        QTest::newRow("common names only") << QList<double> { 1, 9, 2, 3, 4, 5 }
                                           << QList<double> { 1, kUndefined, 2, 3, 4, 5 } << 1.0;
        QTest::newRow("fewer than five common names")
            << QList<double> { 1, 2, 3, 4, 5 } << QList<double> { 1, 2, kUndefined, 4, 5 }
            << kUndefined;
        QTest::newRow("one side constant")
            << QList<double> { 1, 2, 3, 4, 5 } << QList<double> { 7, 7, 7, 7, 7 } << kUndefined;
    }

    void perDateSpearman()
    {
        QFETCH(QList<double>, a);
        QFETCH(QList<double>, b);
        QFETCH(double, correlation);
        const std::vector<std::optional<double>> correlations
            = Eval::perDateSpearman({ dated(a) }, { dated(b) });
        QCOMPARE(correlations.size(), size_t(1));
        KW_COMPARE_OPTIONAL(correlations[0], correlation);
    }

    // Dates 1 and 2 share five names ranked the same way; dates 2 and 3 share only four.
    void rankAutocorrelationComparesConsecutiveDates()
    {
        const SignalScores signal { dated({ 1, 2, 3, 4, 5, 6 }),
            dated({ 9, 10, 11, 12, 13, kUndefined }), dated({ kUndefined, 5, 1, 2, 8, 3 }) };
        const std::vector<std::optional<double>> autocorrelation = rankAutocorrelation(signal);
        QCOMPARE(autocorrelation.size(), size_t(3));
        QVERIFY(!autocorrelation[0]);
        QCOMPARE(*autocorrelation[1], 1.0);
        QVERIFY(!autocorrelation[2]); // columns 1..4 only
        QVERIFY(rankAutocorrelation({}).empty());
    }

    void signalsWithDifferentDatesAreRejected()
    {
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument, Eval::perDateSpearman({ dated({ 1, 2 }) }, {}));
    }
};

QTEST_GUILESS_MAIN(TestSignalCorrelation)
#include "test_signal_correlation.moc"
