#include "chart_panel.h"
#include "custom_plot.h"
#include "evaluation_view.h"
#include "forecast_view.h"
#include "main_window_driver.h"

#include <QTabWidget>
#include <QtTest>

using namespace MainWindowDriver;

// Every chart of the main window after a finished run on the fixture checkpoint (a small
// universe, several dates, batches of 2), with the forecast and evaluation shown: what the
// charts claim to show must be readable.
class TestCharts : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_folder;
    std::unique_ptr<MainWindow> m_window;

    // Shows every tab once so each chart is laid out at its real size, then redraws them all.
    void layOutEveryChart()
    {
        auto *tabs = child<QTabWidget>(*m_window, "viewTabs");
        for (int tab = 0; tab < tabs->count(); ++tab) {
            tabs->setCurrentIndex(tab);
            QCoreApplication::processEvents();
            for (QCustomPlot *plot : tabs->currentWidget()->findChildren<QCustomPlot *>())
                plot->replot();
        }
    }

    QList<ChartPanel *> charts() const { return m_window->findChildren<ChartPanel *>(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_folder.isValid());
        useTemporaryEnvironment(m_folder, "test_charts");
        m_window = std::make_unique<MainWindow>();
        MainWindow &window = *m_window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(catalogLoaded(window), CatalogTimeoutMs);
        chooseFixtureCheckpoint(window);
        chooseBatchSize(window, 2);
        chooseSmallUniverse(window);
        chooseDates(window, 6);
        QTRY_VERIFY(child<QPushButton>(window, "startButton")->isEnabled());
        QSignalSpy evaluated(
            child<EvaluationView>(window, "evaluationView"), &EvaluationView::evaluated);
        QTest::mouseClick(child<QPushButton>(window, "startButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            progressText(window).startsWith(QStringLiteral("Finished")), RunTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(evaluated.count() >= 1, RunTimeoutMs);
        auto *scores = child<ScoresPanel>(window, "scoresPanel");
        QTRY_VERIFY(!scores->chartTickers().isEmpty());
        const ScoreTableRow &row = scores->model()->row(0);
        child<ForecastView>(window, "forecastView")
            ->showForecast(scores->forecastRequest(row.ticker, row.date));
        QTRY_VERIFY(child<ForecastView>(window, "forecastView")->chart()->plot()->plottableCount()
            > 0);
        layOutEveryChart();
    }

    void cleanupTestCase() { m_window.reset(); }

    // Issue 15.16: legends hid the newest RankIC bar, series/s points, a quintile bar and
    // realised candles.
    void legendsNeverCoverData()
    {
        int legends = 0;
        for (ChartPanel *chart : charts()) {
            QCustomPlot *plot = chart->plot();
            if (!plot->legend->visible())
                continue;
            ++legends;
            QVERIFY2(!plot->axisRect()->rect().intersects(plot->legend->outerRect()),
                qPrintable(chart->title()));
            QVERIFY2(plot->legend->outerRect().bottom() <= plot->height(),
                qPrintable(chart->title()));
        }
        QVERIFY(legends >= 7); // memory, batches, forecast, three evaluation, two tuning charts
    }
};

QTEST_MAIN(TestCharts)
#include "test_charts.moc"
