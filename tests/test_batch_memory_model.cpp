// BatchMemoryModel: the shape-based estimate, the least-squares fit, the largest batch that fits.

#include "inference/batch_memory_model.h"
#include "inference/kronos_engine.h"

#include <QtTest>

using kronos::BatchMemoryModel;

using Observations = QList<QPair<int, qint64>>;

namespace {

// The estimate for Kronos-small, 90 steps, max_context 512, 500 bytes already in use.
kronos::MemoryModelFit smallFit(int context, int samples)
{
    const kronos::PublishedShape small = kronos::publishedShape(QStringLiteral("small"));
    return BatchMemoryModel::estimate(
        small.predictor, small.tokenizer, { context, 90, samples, 512 }, 500)
        .fit();
}

} // namespace

class TestBatchMemoryModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fit_data()
    {
        QTest::addColumn<Observations>("observations");
        QTest::addColumn<double>("base");
        QTest::addColumn<double>("perSeries");
        QTest::addColumn<double>("rSquared");
        QTest::addColumn<bool>("fitted");
        QTest::newRow("no observation keeps the estimate")
            << Observations {} << 1000.0 << 10.0 << 0.0 << false;
        QTest::newRow("an exact line") << Observations { { 1, 1100 }, { 4, 1400 }, { 8, 1800 } }
                                       << 1000.0 << 100.0 << 1.0 << true;
        // One batch size cannot separate base from slope: the estimate's slope stays.
        QTest::newRow("one batch size")
            << Observations { { 12, 2000 }, { 12, 2020 } } << 1890.0 << 10.0 << 0.0 << true;
        // Memory that does not fall with smaller batches is the allocator's cache, not a
        // negative cost per series.
        QTest::newRow("falling peaks")
            << Observations { { 20, 3000 }, { 10, 3100 } } << 2900.0 << 10.0 << 0.0 << true;
        QTest::newRow("noisy line")
            << Observations { { 1, 1000 }, { 2, 1300 }, { 3, 1200 }, { 4, 1500 } } << 900.0 << 140.0
            << 0.7538461538461538 << true;
    }
    void fit()
    {
        QFETCH(Observations, observations);
        QFETCH(double, base);
        QFETCH(double, perSeries);
        QFETCH(double, rSquared);
        QFETCH(bool, fitted);
        BatchMemoryModel model(1000, 10);
        for (const auto &[size, peak] : observations)
            model.addObservation(size, peak);
        const kronos::MemoryModelFit fit = model.fit();
        QCOMPARE(fit.baseBytes, base);
        QCOMPARE(fit.perSeriesBytes, perSeries);
        QVERIFY(qAbs(fit.rSquared - rSquared) < 1e-12);
        QCOMPARE(fit.fitted, fitted);
        QCOMPARE(fit.observations, int(observations.size()));
    }

    void largestBatchWithin_data()
    {
        QTest::addColumn<double>("bytes");
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("expected");
        QTest::newRow("room for 5") << 1050.0 << 64 << 5;
        QTest::newRow("exactly 5") << 1050.0 + 1e-9 << 64 << 5;
        QTest::newRow("limited") << 5000.0 << 64 << 64;
        QTest::newRow("never below one") << 900.0 << 64 << 1;
    }
    void largestBatchWithin()
    {
        QFETCH(double, bytes);
        QFETCH(int, limit);
        QFETCH(int, expected);
        QCOMPARE(BatchMemoryModel(1000, 10).largestBatchWithin(bytes, limit), expected);
    }

    void estimateGrowsWithContextAndSamples()
    {
        const auto perSeries
            = [](int context, int samples) { return smallFit(context, samples).perSeriesBytes; };
        // The KV caches alone: 8 layers and the dependency layer, room for 252 + 89 positions.
        QCOMPARE(perSeries(252, 1), 9.0 * 2 * 341 * 512 * 4);
        QVERIFY(perSeries(400, 1) > perSeries(252, 1));
        QCOMPARE(perSeries(252, 4), 4 * perSeries(252, 1));
    }

    // The passes over whole windows run chunk by chunk (window_chunks.h): their activations are
    // one chunk's, in the base, whatever the batch and the samples.
    void estimateCountsOneChunksActivationsInTheBase()
    {
        // 9 series of 341 positions (the longest window a pass runs, 252 + 89): the predictor's
        // scores (8 heads) and hidden rows.
        const double predictorChunk = 9.0 * (8.0 * 341 * 341 + 341.0 * (2 * 1024 + 4 * 512)) * 4;
        QVERIFY(smallFit(252, 1).baseBytes >= 500 + predictorChunk);
        QCOMPARE(smallFit(252, 4).baseBytes, smallFit(252, 1).baseBytes);
    }
};

QTEST_GUILESS_MAIN(TestBatchMemoryModel)
#include "test_batch_memory_model.moc"
