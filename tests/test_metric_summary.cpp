#include "eval/metric_summary.h"
#include "eval_test_support.h"

#include <QtTest>

using namespace Eval;
using EvalTestSupport::kUndefined;

// mean, std (ddof 1), IR, t, hit rate and count over the dates where a metric is defined.
class TestMetricSummary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void summarizeMetric_data()
    {
        QTest::addColumn<QList<double>>("values"); // NaN: undefined that date
        QTest::addColumn<int>("count");
        QTest::addColumn<double>("mean");
        QTest::addColumn<double>("stdDev");
        QTest::addColumn<double>("ir");
        QTest::addColumn<double>("t");
        QTest::addColumn<double>("hitRate");
        QTest::newRow("no dates") << QList<double> {} << 0 << kUndefined << kUndefined << kUndefined
                                  << kUndefined << kUndefined;
        QTest::newRow("only undefined dates")
            << QList<double> { kUndefined } << 0 << kUndefined << kUndefined << kUndefined
            << kUndefined << kUndefined;
        QTest::newRow("a single date has no std")
            << QList<double> { 0.05 } << 1 << 0.05 << kUndefined << kUndefined << kUndefined << 1.0;
        QTest::newRow("zero std has no IR or t")
            << QList<double> { 0.02, 0.02 } << 2 << 0.02 << 0.0 << kUndefined << kUndefined << 1.0;
        // 0.1 + 0.1 + 0.1 = 0.30000000000000004: the computed mean misses the values by an ulp.
        QTest::newRow("equal values whose mean is off by an ulp") << QList<double> { 0.1, 0.1,
            0.1 } << 3 << 0.1 << 0.0 << kUndefined << kUndefined << 1.0;
        // Deviations (0, -0.2, 0.2): std = sqrt(0.08 / 2) = 0.2; t = 0.5 * sqrt(3).
        QTest::newRow("by hand") << QList<double> { 0.1, -0.1, 0.3 } << 3 << 0.1 << 0.2 << 0.5
                                 << 0.5 * std::sqrt(3.0) << 2.0 / 3.0;
        QTest::newRow("undefined dates left out")
            << QList<double> { 0.1, kUndefined, -0.1, kUndefined, 0.3 } << 3 << 0.1 << 0.2 << 0.5
            << 0.5 * std::sqrt(3.0) << 2.0 / 3.0;
        QTest::newRow("zero is not a hit")
            << QList<double> { 0.0, 0.2 } << 2 << 0.1 << std::sqrt(0.02) << 0.1 / std::sqrt(0.02)
            << 0.1 / std::sqrt(0.02) * std::sqrt(2.0) << 0.5;
    }

    void summarizeMetric()
    {
        QFETCH(QList<double>, values);
        QFETCH(int, count);
        QFETCH(double, mean);
        QFETCH(double, stdDev);
        QFETCH(double, ir);
        QFETCH(double, t);
        QFETCH(double, hitRate);
        std::vector<std::optional<double>> input;
        for (double value : values)
            input.push_back(EvalTestSupport::definedUnlessNaN(value));

        const MetricSummary summary = Eval::summarizeMetric(input);
        QCOMPARE(summary.count, count);
        KW_COMPARE_OPTIONAL(summary.mean, mean);
        KW_COMPARE_OPTIONAL(summary.stdDev, stdDev);
        KW_COMPARE_OPTIONAL(summary.ir, ir);
        KW_COMPARE_OPTIONAL(summary.t, t);
        KW_COMPARE_OPTIONAL(summary.hitRate, hitRate);
    }
};

QTEST_GUILESS_MAIN(TestMetricSummary)
#include "test_metric_summary.moc"
