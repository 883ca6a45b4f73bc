// RunTimeEstimator: a run's time from the working time of comparable earlier runs' batches, on a
// real migrated database.

#include "market_test_database.h"
#include "run/run_repository.h"
#include "run/run_time_estimate.h"

#include <QtTest>

namespace {

RunSpec spec()
{
    RunSpec s;
    s.universe = QStringLiteral("U");
    s.dates = DateSelection::single(QDate(2019, 6, 3));
    s.model.modelDir = QStringLiteral("/models/small");
    s.model.tokenizerDir = QStringLiteral("/models/tokenizer-base");
    s.lookback = 252;
    return s;
}

// A stored run of `spec` whose batches of `size` series took `seconds` each.
qint64 storeRun(RunRepository &runs, const RunSpec &spec, QList<std::pair<int, double>> batches)
{
    const qint64 id = runs.create(spec, 100, {});
    for (int index = 0; index < batches.size(); ++index)
        runs.commitBatch(id, { index, batches[index].first, batches[index].second, 1000 }, {}, {});
    return id;
}

} // namespace

class TestRunTimeEstimate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Issue 15.3: 500 bars ran 30 times slower than 252 with no hint before Start.
    void theTimeComesFromComparableRunsWorkingTime()
    {
        MarketTestDatabase market;
        QVERIFY(market.isOpen());
        RunRepository runs(market.database());
        // 30 series in 10 s of batches, however long the run was paused in between.
        QVERIFY(storeRun(runs, spec(), { { 12, 4.0 }, { 12, 4.0 }, { 6, 2.0 } }));
        RunSpec longer = spec();
        longer.lookback = 500;
        QVERIFY(storeRun(runs, longer, { { 12, 120.0 } }));

        const RunTimeEstimate estimate = RunTimeEstimator::estimate(runs, spec(), 900);
        QVERIFY(estimate.isKnown());
        QCOMPARE(estimate.pastRuns, 1);
        QCOMPARE(estimate.seriesPerSecond, 3.0);
        QCOMPARE(estimate.seconds(), 300.0);
        QVERIFY2(estimate.text().startsWith(QStringLiteral("About 5 min 0 s: 900 series at 3.00 "
                                                           "series/s")),
            qPrintable(estimate.text()));

        const RunTimeEstimate slow = RunTimeEstimator::estimate(runs, longer, 900);
        QCOMPARE(slow.seriesPerSecond, 0.1);
        QCOMPARE(durationText(slow.seconds()), QStringLiteral("2 h 30 min"));
    }

    void otherWeightsDevicesOrHorizonsGiveNoEstimate()
    {
        MarketTestDatabase market;
        QVERIFY(market.isOpen());
        RunRepository runs(market.database());
        QVERIFY(storeRun(runs, spec(), { { 12, 4.0 } }));
        QVERIFY(RunTimeEstimator::estimate(runs, spec(), 10).isKnown());

        RunSpec other = spec();
        other.model.modelDir = QStringLiteral("/models/base");
        QVERIFY(!RunTimeEstimator::estimate(runs, other, 10).isKnown());
        other = spec();
        other.device = QStringLiteral("cuda");
        QVERIFY(!RunTimeEstimator::estimate(runs, other, 10).isKnown());
        other = spec();
        other.horizons = { 5 };
        QVERIFY(!RunTimeEstimator::estimate(runs, other, 10).isKnown());
        other = spec();
        other.model = { {}, {}, QStringLiteral("mini"), 1, {} };
        const RunTimeEstimate none = RunTimeEstimator::estimate(runs, other, 10);
        QVERIFY(!none.isKnown());
        QVERIFY(none.text().startsWith(QStringLiteral("No estimate")));
        // A different batch size is still the same work per series.
        other = spec();
        other.batchSize = 40;
        QVERIFY(RunTimeEstimator::estimate(runs, other, 10).isKnown());
    }

    void onlyTheNewestRunsCount()
    {
        MarketTestDatabase market;
        QVERIFY(market.isOpen());
        RunRepository runs(market.database());
        // An old slow machine, then MaxRuns runs at 2 series/s.
        QVERIFY(storeRun(runs, spec(), { { 10, 100.0 } }));
        for (int k = 0; k < RunTimeEstimator::MaxRuns; ++k)
            QVERIFY(storeRun(runs, spec(), { { 10, 5.0 } }));
        const RunTimeEstimate estimate = RunTimeEstimator::estimate(runs, spec(), 10);
        QCOMPARE(estimate.pastRuns, RunTimeEstimator::MaxRuns);
        QCOMPARE(estimate.seriesPerSecond, 2.0);
    }
};

QTEST_GUILESS_MAIN(TestRunTimeEstimate)
#include "test_run_time_estimate.moc"
