#include "eval/rank_correlation.h"
#include "eval_test_support.h"

#include <QtTest>

using namespace Eval;
using EvalTestSupport::kUndefined;

namespace {

std::vector<double> toVector(const QList<double> &values)
{
    return { values.begin(), values.end() };
}

} // namespace

// Average ranks, Pearson (IC) and Spearman (RankIC) of one cross-section.
class TestRankCorrelation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void averageRanksShareTiedPositions_data()
    {
        QTest::addColumn<QList<double>>("values");
        QTest::addColumn<QList<double>>("ranks");
        QTest::newRow("empty") << QList<double> {} << QList<double> {};
        QTest::newRow("distinct") << QList<double> { 3, 1, 2 } << QList<double> { 3, 1, 2 };
        QTest::newRow("a tied pair")
            << QList<double> { 1, 2, 2, 3 } << QList<double> { 1, 2.5, 2.5, 4 };
        QTest::newRow("all equal") << QList<double> { 5, 5, 5 } << QList<double> { 2, 2, 2 };
        QTest::newRow("tie at the bottom, unsorted")
            << QList<double> { -1, -1, 0, -1 } << QList<double> { 2, 2, 4, 2 };
    }

    void averageRanksShareTiedPositions()
    {
        QFETCH(QList<double>, values);
        QFETCH(QList<double>, ranks);
        QCOMPARE(averageRanks(toVector(values)), toVector(ranks));
    }

    void pearsonCorrelation_data()
    {
        QTest::addColumn<QList<double>>("x");
        QTest::addColumn<QList<double>>("y");
        QTest::addColumn<double>("expected");
        QTest::newRow("perfect") << QList<double> { 1, 2, 3 } << QList<double> { 2, 4, 6 } << 1.0;
        QTest::newRow("inverse") << QList<double> { 1, 2, 3 } << QList<double> { 3, 2, 1 } << -1.0;
        // Centred: dx = dy' = (-2,-1,0,1,2), dy = (-1,-2,1,0,2): 8 / sqrt(10 * 10).
        QTest::newRow("by hand") << QList<double> { 1, 2, 3, 4, 5 }
                                 << QList<double> { 2, 1, 4, 3, 5 } << 0.8;
        QTest::newRow("constant x")
            << QList<double> { 1, 1, 1 } << QList<double> { 1, 2, 3 } << kUndefined;
        QTest::newRow("constant y")
            << QList<double> { 1, 2, 3 } << QList<double> { 4, 4, 4 } << kUndefined;
        // 0.1 three times has a computed mean one ulp off 0.1: still zero variance.
        QTest::newRow("constant y with an inexact mean")
            << QList<double> { 1, 2, 3 } << QList<double> { 0.1, 0.1, 0.1 } << kUndefined;
        QTest::newRow("one pair") << QList<double> { 1 } << QList<double> { 2 } << kUndefined;
        QTest::newRow("sizes differ")
            << QList<double> { 1, 2, 3 } << QList<double> { 1, 2 } << kUndefined;
    }

    void pearsonCorrelation()
    {
        QFETCH(QList<double>, x);
        QFETCH(QList<double>, y);
        QFETCH(double, expected);
        KW_COMPARE_OPTIONAL(Eval::pearsonCorrelation(toVector(x), toVector(y)), expected);
    }

    void spearmanCorrelation_data()
    {
        QTest::addColumn<QList<double>>("x");
        QTest::addColumn<QList<double>>("y");
        QTest::addColumn<double>("expected");
        QTest::newRow("monotone, not linear")
            << QList<double> { 1, 2, 3, 4 } << QList<double> { 1, 8, 27, 64 } << 1.0;
        // Ranks (1, 2.5, 2.5, 4) and (1, 2, 3, 4): 4.5 / sqrt(4.5 * 5).
        QTest::newRow("ties averaged")
            << QList<double> { 1, 2, 2, 3 } << QList<double> { 1, 2, 3, 4 }
            << 4.5 / std::sqrt(4.5 * 5.0);
        QTest::newRow("all tied") << QList<double> { 2, 2, 2 } << QList<double> { 1, 2, 3 }
                                  << kUndefined;
    }

    void spearmanCorrelation()
    {
        QFETCH(QList<double>, x);
        QFETCH(QList<double>, y);
        QFETCH(double, expected);
        KW_COMPARE_OPTIONAL(Eval::spearmanCorrelation(toVector(x), toVector(y)), expected);
    }
};

QTEST_GUILESS_MAIN(TestRankCorrelation)
#include "test_rank_correlation.moc"
