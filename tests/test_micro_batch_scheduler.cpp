// MicroBatchScheduler: fixed and automatic sizes, halving on out-of-memory down to one.

#include "inference/micro_batch_scheduler.h"

#include <QtTest>

using kronos::BatchMemoryModel;
using kronos::MicroBatchScheduler;

class TestMicroBatchScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nextSize_data()
    {
        QTest::addColumn<int>("fixedSize");
        QTest::addColumn<qint64>("budget");
        QTest::addColumn<int>("remaining");
        QTest::addColumn<int>("expected");
        QTest::newRow("fixed") << 12 << qint64(0) << 100 << 12;
        QTest::newRow("fixed, last batch") << 12 << qint64(0) << 5 << 5;
        QTest::newRow("fixed ignores the model") << 12 << qint64(1100) << 100 << 12;
        // Model 1000 + 100 b; 90% of 3000 = 2700 -> 17 series.
        QTest::newRow("automatic") << 0 << qint64(3000) << 100 << 17;
        QTest::newRow("automatic, few left") << 0 << qint64(3000) << 3 << 3;
        QTest::newRow("automatic, tiny budget") << 0 << qint64(500) << 100 << 1;
        QTest::newRow("automatic, limited") << 0 << qint64(1000000) << 100 << 64;
    }
    void nextSize()
    {
        QFETCH(int, fixedSize);
        QFETCH(qint64, budget);
        QFETCH(int, remaining);
        QFETCH(int, expected);
        const MicroBatchScheduler scheduler(fixedSize, budget, BatchMemoryModel(1000, 100));
        QCOMPARE(scheduler.nextSize(remaining), expected);
    }

    void backOffHalvesDownToOne()
    {
        MicroBatchScheduler scheduler(20, 0, BatchMemoryModel(0, 0));
        QList<int> sizes;
        int size = scheduler.nextSize(100);
        while (scheduler.backOff(size))
            sizes << (size = scheduler.nextSize(100));
        QCOMPARE(sizes, (QList<int> { 10, 5, 2, 1 }));
        QCOMPARE(scheduler.nextSize(100), 1);
    }

    void automaticSizeFollowsTheFit()
    {
        MicroBatchScheduler scheduler(0, 10000, BatchMemoryModel(1000, 100));
        QCOMPARE(scheduler.nextSize(1000), 64);
        // Observed: 2000 + 500 b, so 90% of 10000 fits 14.
        scheduler.recordFinished(4, 4000);
        scheduler.recordFinished(8, 6000);
        QCOMPARE(scheduler.memoryModel().perSeriesBytes, 500.0);
        QCOMPARE(scheduler.memoryModel().rSquared, 1.0);
        QCOMPARE(scheduler.nextSize(1000), 14);
    }
};

QTEST_GUILESS_MAIN(TestMicroBatchScheduler)
#include "test_micro_batch_scheduler.moc"
