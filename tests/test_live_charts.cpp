#include "ui/batch_chart_panel.h"
#include "ui/chart_panel.h"
#include "ui/memory_chart_panel.h"
#include "ui/replot_coalescer.h"
#include "workbench/background_executor.h"

#include <QtTest>
#include <qcustomplot.h>

// The live charts fed through their slots, as the run worker's signals will feed them.
class TestLiveCharts : public QObject
{
    Q_OBJECT

private:
    BackgroundExecutor m_executor; // for the PNG export, which these tests do not use

private Q_SLOTS:
    void memoryChartKeepsEverySample()
    {
        MemoryChartPanel chart(m_executor);
        chart.show();
        for (int i = 0; i < 500; ++i)
            chart.addSample(i * 0.1, qint64(100 + i) << 20, qint64(i) << 20, qint64(2 * i) << 20);
        QCOMPARE(chart.sampleCount(), 500);
    }

    void aBurstOfSamplesCostsOneRedraw()
    {
        MemoryChartPanel chart(m_executor);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const int before = chart.replotCount();
        for (int i = 0; i < 2000; ++i)
            chart.addSample(i * 0.01, qint64(100) << 20, 0, 0);
        QTRY_COMPARE(chart.replotCount(), before + 1);
        QTest::qWait(3 * ReplotCoalescer::IntervalMs);
        QCOMPARE(chart.replotCount(), before + 1);
    }

    void redrawsStayUnderTwentyPerSecond()
    {
        MemoryChartPanel chart(m_executor);
        chart.show();
        QElapsedTimer clock;
        clock.start();
        const int before = chart.replotCount();
        double t = 0;
        while (clock.elapsed() < 500) {
            chart.addSample(t += 0.001, qint64(100) << 20, 0, 0); // ~1000 samples per second
            QTest::qWait(1);
        }
        const int redraws = chart.replotCount() - before;
        QVERIFY2(redraws <= 11, qPrintable(QStringLiteral("%1 redraws in 0.5 s").arg(redraws)));
        QVERIFY(redraws >= 1);
    }

    void followModeShowsTheNewestSamples()
    {
        MemoryChartPanel chart(m_executor);
        chart.show();
        QVERIFY(chart.isFollowing());
        for (int i = 0; i <= 300; ++i)
            chart.addSample(i, qint64(500) << 20, 0, 0);
        QTRY_VERIFY(chart.plot()->xAxis->range().contains(300));
        QVERIFY(!chart.plot()->xAxis->range().contains(100));
        QVERIFY(chart.plot()->yAxis->range().contains(500));
    }

    void budgetNearTheDataIsInView()
    {
        MemoryChartPanel chart(m_executor);
        chart.show();
        chart.addSample(1, qint64(1000) << 20, 0, 0);
        chart.setBudget(qint64(1500) << 20);
        QTRY_VERIFY(chart.plot()->yAxis->range().contains(1500));
    }

    void aFarBudgetDoesNotFlattenTheData()
    {
        MemoryChartPanel chart(m_executor);
        chart.show();
        chart.addSample(1, qint64(300) << 20, 0, 0);
        chart.setBudget(qint64(16000) << 20);
        QTRY_VERIFY(chart.plot()->yAxis->range().contains(300));
        QVERIFY(chart.plot()->yAxis->range().upper < 1000);
        // Issue 15.16: the budget, named in the plot's corner, covered the memory line there.
        QCOMPARE(chart.chart()->title(), QStringLiteral("Memory (budget 16000 MiB)"));
        for (int item = 0; item < chart.plot()->itemCount(); ++item)
            QVERIFY(!qobject_cast<QCPItemText *>(chart.plot()->item(item)));
    }

    void backoffMarkersCarryTheirMessage()
    {
        MemoryChartPanel chart(m_executor);
        chart.resize(800, 400);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.setFollowing(false);
        chart.plot()->xAxis->setRange(0, 10);
        chart.addSample(1, qint64(100) << 20, 0, 0);
        chart.addBatchBoundary(2, 0);
        chart.addBackoff(5, QStringLiteral("out of memory at batch size 8; retrying with 4"));
        QCOMPARE(chart.boundaryCount(), 1);
        QCOMPARE(chart.backoffCount(), 1);
        chart.plot()->replot();

        // The tooltip is looked up at the marker's pixel column.
        const int x = int(chart.plot()->xAxis->coordToPixel(5));
        const int y = int(chart.plot()->yAxis->coordToPixel(50));
        QMouseEvent move(QEvent::MouseMove, QPointF(x, y), chart.plot()->mapToGlobal(QPointF(x, y)),
            Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(chart.plot(), &move);
        QTRY_COMPARE(
            QToolTip::text(), QStringLiteral("out of memory at batch size 8; retrying with 4"));

        chart.clear();
        QCOMPARE(chart.sampleCount(), 0);
        QCOMPARE(chart.boundaryCount(), 0);
        QCOMPARE(chart.backoffCount(), 0);
    }

    void handZoomStopsFollowing()
    {
        MemoryChartPanel chart(m_executor);
        chart.resize(600, 300);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QTest::mousePress(chart.plot(), Qt::LeftButton, Qt::NoModifier, QPoint(300, 150));
        QTest::mouseRelease(chart.plot(), Qt::LeftButton, Qt::NoModifier, QPoint(300, 150));
        QVERIFY(!chart.isFollowing());
    }

    void batchChartHasABarPerBatchAndThroughputOnTheSecondAxis()
    {
        BatchChartPanel chart(m_executor);
        chart.show();
        chart.addBatch(0, 4, 2.0);
        chart.addBatch(1, 4, 1.0);
        chart.addBatch(2, 2, 0.5);
        QCOMPARE(chart.barCount(), 3);
        QTRY_VERIFY(chart.plot()->yAxis2->range().contains(4.0)); // 4 series in 1 s
        QVERIFY(chart.plot()->yAxis->range().contains(2.0));
        QCOMPARE(chart.plot()->graph(0)->valueAxis(), chart.plot()->yAxis2);
        chart.clear();
        QCOMPARE(chart.barCount(), 0);
    }
};

QTEST_MAIN(TestLiveCharts)
#include "test_live_charts.moc"
