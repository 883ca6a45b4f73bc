// What a batch-size probe tries (sizes, the date) and how it extrapolates a short trial's time
// to the run's horizon.

#include "run/batch_size_probe.h"

#include <QtTest>

namespace {

PlannedSeries series(const QDate &date, const QString &ticker)
{
    return { QDateTime(date, QTime(0, 0), Qt::UTC), ticker, 100.0 };
}

} // namespace

class TestBatchSizeProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aTrialDecodesTheRunsFinalWindow()
    {
        QCOMPARE(BatchSizeProbe::trialSteps(90), 8);
        QCOMPARE(BatchSizeProbe::trialContextLength(252, 90), 252 + 82);
        QCOMPARE(BatchSizeProbe::trialSteps(5), 5);
        QCOMPARE(BatchSizeProbe::trialContextLength(64, 5), 64);
    }

    void encodingAndPrefillScaleToTheRunsContext()
    {
        // The trial's context of 334 bars is 82 longer than the run's 252.
        const kronos::StageTimings trial { 0.1, 0.5, 1.0, 4.0, 0.3 };
        QCOMPARE(BatchSizeProbe::estimatedSeconds(trial, 8, 334, 90, 252, 512),
            0.1 + (0.5 + 1.0) * 252 / 334 + 0.3 + 4.0 / 7 * 89);
    }

    void theFastestTrialWithinTheBudgetsShareIsOffered()
    {
        const auto trial = [](int size, double seconds, qint64 peakMb, const char *failure = "") {
            ProbeTrial t;
            t.size = size;
            t.estimatedSeconds = seconds;
            t.peakBytes = peakMb * 1048576;
            t.failure = QString::fromLatin1(failure);
            return t;
        };
        constexpr qint64 budget = 1000 * 1048576; // 900 MB usable
        const auto fastestSize = [](const QList<ProbeTrial> &trials) {
            const std::optional<ProbeTrial> fastest = BatchSizeProbe::fastestWithin(trials, budget);
            return fastest ? fastest->size : 0;
        };
        QCOMPARE(fastestSize({}), 0);
        QCOMPARE(fastestSize({ trial(1, 1.0, 300), trial(2, 1.0, 400), trial(4, 1.6, 600) }),
            4); // 2.5 series/s
        // 950 MB is within the budget but not within its 90%; a failed trial never counts.
        QCOMPARE(
            fastestSize({ trial(1, 1.0, 300), trial(2, 0.5, 950), trial(4, 0.1, 500, "oom") }), 1);
    }

    void sizesAreSortedCappedAtTheSeriesAndUnique()
    {
        QCOMPARE(BatchSizeProbe::trialSizes({ 1, 2, 4, 8, 16, 22 }, 20),
            (QList<int> { 1, 2, 4, 8, 16, 20 }));
        QCOMPARE(BatchSizeProbe::trialSizes({ 8, 1, 4, 2 }, 100), (QList<int> { 1, 2, 4, 8 }));
        QCOMPARE(BatchSizeProbe::trialSizes({ 1, 2, 4, 8 }, 3), (QList<int> { 1, 2, 3 }));
        QCOMPARE(BatchSizeProbe::trialSizes({ 0, -3, 2 }, 5), (QList<int> { 2 }));
        QVERIFY(BatchSizeProbe::trialSizes({ 1, 2 }, 0).isEmpty());
        // Nothing requested: the default doubling.
        QCOMPARE(BatchSizeProbe::trialSizes({}, 20), (QList<int> { 1, 2, 4, 8, 16, 20 }));
    }

    void theDateWithTheMostUsableSeriesIsTried()
    {
        const QDate first(2019, 12, 30);
        const QDate second(2019, 12, 31);
        const auto all = [](const PlannedSeries &) { return true; };
        RunPlan plan;
        plan.series = { series(first, "A"), series(first, "B"), series(first, "C"),
            series(second, "A"), series(second, "B") };
        QList<PlannedSeries> chosen = BatchSizeProbe::trialSeries(plan, all);
        QCOMPARE(chosen.size(), 3);
        for (const PlannedSeries &one : chosen)
            QCOMPARE(one.date.date(), first);

        // Equal counts: the latest date.
        plan.series.append(series(second, "C"));
        chosen = BatchSizeProbe::trialSeries(plan, all);
        QCOMPARE(chosen.size(), 3);
        QCOMPARE(chosen.first().date.date(), second);

        // Only usable series count (e.g. those with the trial's longer context).
        chosen = BatchSizeProbe::trialSeries(plan, [&](const PlannedSeries &one) {
            return !(one.date.date() == second && one.ticker == QLatin1String("C"))
                && one.ticker != QLatin1String("B");
        });
        QCOMPARE(chosen.size(), 2);
        QCOMPARE(chosen.first().date.date(), first);
        QVERIFY(BatchSizeProbe::trialSeries(RunPlan {}, all).isEmpty());
    }

    void aTrialOfTheWholeHorizonIsItsOwnEstimate()
    {
        const kronos::StageTimings trial { 0.1, 0.5, 1.0, 4.0, 0.3 };
        QCOMPARE(BatchSizeProbe::estimatedSeconds(trial, 20, 252, 20, 252, 512), trial.total());
        // Context 500 of 512: from step 13 on every step recomputes the window (7 of them).
        const kronos::StageTimings recomputing { 0.1, 0.5, 1.0, 10.0, 0.3 };
        QCOMPARE(BatchSizeProbe::estimatedSeconds(recomputing, 20, 500, 20, 500, 512),
            recomputing.total());
    }

    void cachedStepsScaleWithTheHorizon()
    {
        // 8 steps: the first samples from the prefill, 7 run the predictor at 4/7 s each; the
        // 89 predictor steps of a 90-step run on a context of 252 all fit in 512 tokens.
        const kronos::StageTimings trial { 0.1, 0.5, 1.0, 4.0, 0.3 };
        QCOMPARE(BatchSizeProbe::estimatedSeconds(trial, 8, 252, 90, 252, 512),
            0.1 + 0.5 + 1.0 + 0.3 + 4.0 / 7 * 89);
    }

    void stepsBeyondTheContextCostAPrefillEach()
    {
        // Context 500, max context 512: steps 1..12 use the cache, steps 13..89 (77 of them)
        // recompute the window; the trial's 7 predictor steps were all cached.
        const kronos::StageTimings trial { 0.1, 0.5, 1.0, 4.0, 0.3 };
        // A recomputed window is 512 tokens, the prefill's was 500.
        QCOMPARE(BatchSizeProbe::estimatedSeconds(trial, 8, 500, 90, 500, 512),
            0.1 + 0.5 + 1.0 + 0.3 + 4.0 / 7 * 12 + 1.0 * 512 / 500 * 77);
        // A context longer than max context: every step after the first recomputes the window
        // (the trial's 7 took 7 s, a prefill's time each).
        const kronos::StageTimings longTrial { 0.1, 0.5, 1.0, 7.0, 0.3 };
        QCOMPARE(BatchSizeProbe::estimatedSeconds(longTrial, 8, 600, 90, 600, 512),
            0.1 + 0.5 + 1.0 + 0.3 + 1.0 * 89);
    }
};

QTEST_GUILESS_MAIN(TestBatchSizeProbe)
#include "test_batch_size_probe.moc"
