#include "data/csv_importer.h"
#include "file_size_limit.h"
#include "market_test_database.h"
#include "test_paths.h"
#include "ui/chart_panel.h"
#include "ui/chart_png_export.h"
#include "ui/forecast_view.h"
#include "ui/score_filter_proxy_model.h"
#include "ui/score_table_model.h"
#include "ui/scores_panel.h"
#include "workbench/run_results.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFontMetrics>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <cmath>
#include <qcustomplot.h>

namespace {

ScoreRow scoreRow(const QDate &date, const QString &ticker, int horizon, double score,
    std::optional<double> p10 = std::nullopt)
{
    ScoreRow row;
    row.date = QDateTime(date, QTime(0, 0), Qt::UTC);
    row.ticker = ticker;
    row.horizon = horizon;
    row.lastClose = 100.0;
    row.predictedClose = 100.0 * (1.0 + score);
    row.score = score;
    row.p10 = p10;
    if (p10) {
        row.p50 = row.predictedClose;
        row.p90 = row.predictedClose + (row.predictedClose - *p10);
    }
    return row;
}

const QDate kFirst(2019, 1, 2);
const QDate kSecond(2019, 2, 1);

QList<ScoreRow> sampleRows()
{
    return {
        scoreRow(kFirst, QStringLiteral("AAPL"), 20, 0.02),
        scoreRow(kFirst, QStringLiteral("MSFT"), 20, -0.01),
        scoreRow(kFirst, QStringLiteral("AMZN"), 20, 0.05),
        scoreRow(kFirst, QStringLiteral("AAPL"), 60, 0.04),
        scoreRow(kSecond, QStringLiteral("AAPL"), 20, -0.03),
        scoreRow(kSecond, QStringLiteral("MSFT"), 20, 0.01),
    };
}

// The tickers of a view's model from top to bottom.
QStringList tickersShown(const QAbstractItemModel &model)
{
    QStringList tickers;
    for (int row = 0; row < model.rowCount(); ++row)
        tickers.append(model.index(row, ScoreTableModel::TickerColumn).data().toString());
    return tickers;
}

// The results of run 1, shown as the session reports them: started, then `rows` committed.
class ShownRun
{
public:
    explicit ShownRun(const QList<ScoreRow> &rows = {})
        : m_workspace(QStringLiteral("unused.sqlite"))
        , m_results(m_workspace)
    {
        RunPlanSummary started;
        started.runId = RunId;
        m_results.followSession(started);
        add(rows);
    }

    RunResults &results() { return m_results; }
    void add(const QList<ScoreRow> &rows) { m_results.addScores(RunId, rows); }

private:
    static constexpr qint64 RunId = 1;
    Workspace m_workspace; // never read: the run started with nothing stored
    RunResults m_results;
};

const QHash<QString, QString> kSectors { { QStringLiteral("AAPL"),
                                             QStringLiteral("Information Technology") },
    { QStringLiteral("MSFT"), QStringLiteral("Information Technology") },
    { QStringLiteral("AMZN"), QStringLiteral("Consumer Discretionary") } };

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

// The scores table (model, filters, sorting, rows appended during a run), its CSV export and
// bar chart, and the forecast view it opens.
class TestScoresPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void sortsByRawValues()
    {
        ShownRun run(sampleRows());
        ScoreTableModel model(run.results());
        ScoreFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setDateFilter(kFirst);
        proxy.setHorizonFilter(20);
        proxy.sort(ScoreTableModel::ScoreColumn, Qt::DescendingOrder);
        QCOMPARE(tickersShown(proxy), (QStringList { "AMZN", "AAPL", "MSFT" }));
        proxy.sort(ScoreTableModel::ScoreColumn, Qt::AscendingOrder);
        QCOMPARE(tickersShown(proxy), (QStringList { "MSFT", "AAPL", "AMZN" }));
        // Dates sort as dates, horizons as numbers.
        proxy.setDateFilter({});
        proxy.setHorizonFilter(0);
        proxy.sort(ScoreTableModel::DateColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, ScoreTableModel::DateColumn).data().toString(),
            QStringLiteral("2019-02-01"));
    }

    void filtersByTickerDateAndHorizon()
    {
        ShownRun run(sampleRows());
        ScoreTableModel model(run.results());
        ScoreFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        QCOMPARE(proxy.rowCount(), 6);
        proxy.setTickerFilter(QStringLiteral("aa"));
        QCOMPARE(proxy.rowCount(), 3);
        proxy.setHorizonFilter(20);
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setDateFilter(kSecond);
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, ScoreTableModel::ScoreColumn).data().toString(),
            QStringLiteral("-3.00 %"));
        proxy.setTickerFilter({});
        QCOMPARE(proxy.rowCount(), 2);
    }

    void appendedRowsTakeTheirSortedPlace()
    {
        ShownRun run;
        ScoreTableModel model(run.results());
        ScoreFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.sort(ScoreTableModel::ScoreColumn, Qt::DescendingOrder);
        QSignalSpy keys(&model, &ScoreTableModel::keysChanged);
        run.add(sampleRows().mid(0, 2));
        QCOMPARE(keys.count(), 1);
        run.add({ scoreRow(kFirst, QStringLiteral("AMZN"), 20, 0.05) });
        QCOMPARE(keys.count(), 1); // no new date or horizon
        QCOMPARE(tickersShown(proxy), (QStringList { "AMZN", "AAPL", "MSFT" }));
        // A row shown already (a batch also read back from the store) is not shown twice.
        run.add({ scoreRow(kFirst, QStringLiteral("AMZN"), 20, 0.05) });
        QCOMPARE(model.rowCount(), 3);
        run.add({ scoreRow(kSecond, QStringLiteral("IBM"), 90, 0.0, 95.0) });
        QCOMPARE(keys.count(), 2);
        QCOMPARE(model.dates(), (QList<QDate> { kFirst, kSecond }));
        QCOMPARE(model.horizons(), (QList<int> { 20, 90 }));
        QVERIFY(model.hasPercentiles());
        QCOMPARE(model.rowCount(), 4);
    }

    // Issue 15.15: the GUI wrote other columns than `kronos-cli runs export`, 17-digit noise
    // (74.269999999999996), and nothing about the run.
    void exportWritesWhatTheCliWritesWithTheRun()
    {
        QList<ScoreRow> rows = sampleRows();
        rows[1].lastClose = 74.27;
        ShownRun run(rows);
        BackgroundExecutor executor;
        ScoresPanel panel(run.results(), executor);
        panel.setRun({ 12, QStringLiteral("Tech: 2019/Q1"),
            { QStringLiteral("/models/Kronos-small"), QStringLiteral("/models/tokenizer"), {}, 1,
                {} } });
        QCOMPARE(panel.suggestedFileName(), QStringLiteral("Tech- 2019-Q1 scores.csv"));
        QTest::keyClicks(
            panel.findChild<QLineEdit *>(QStringLiteral("tickerFilter")), QStringLiteral("MS"));
        panel.proxy()->setDateFilter(kFirst);
        panel.view()->sortByColumn(ScoreTableModel::ScoreColumn, Qt::DescendingOrder);
        QCOMPARE(panel.proxy()->rowCount(), 1);

        QTemporaryDir folder;
        const QString shown = folder.filePath(QStringLiteral("shown.csv"));
        const QString all = folder.filePath(QStringLiteral("all.csv"));
        QCOMPARE(panel.exportCsv(shown, ScoresPanel::ExportScope::Shown).result(), QString());
        QTRY_COMPARE(panel.exportStatus(), QStringLiteral("Wrote 1 row to %1.").arg(shown));
        QCOMPARE(panel.exportCsv(all, ScoresPanel::ExportScope::All).result(), QString());
        QTRY_COMPARE(panel.exportStatus(), QStringLiteral("Wrote 6 rows to %1.").arg(all));

        // The CLI's columns and numbers (10 significant digits), and the run on every row.
        QCOMPARE(readAll(shown),
            QByteArray("run,date,ticker,horizon,last_close,pred_close,score,run_name,checkpoint,"
                       "random_weights\r\n"
                       "12,2019-01-02,MSFT,20,74.27,99,-0.01,Tech: 2019/Q1,/models/Kronos-small,"
                       "false\r\n"));
        const QList<QByteArray> allLines = readAll(all).split('\n');
        QCOMPARE(allLines.size(), 1 + 6 + 1);
        QVERIFY(allLines[1].startsWith("12,2019-01-02,AAPL,20,100,102"));

        // Random weights say so on every row.
        panel.setRun({ 13, QStringLiteral("Noise"), { {}, {}, QStringLiteral("mini"), 7, {} } });
        QCOMPARE(panel.exportCsv(all, ScoresPanel::ExportScope::All).result(), QString());
        QVERIFY(readAll(all).split('\n')[1].endsWith(
            "Noise,random Kronos-mini weights (seed 7),true\r"));
    }

    // Issue 15.15: exporting 0 rows wrote a header-only file without a word.
    void exportingNoRowsAsksFirst()
    {
        ShownRun run(sampleRows());
        BackgroundExecutor executor;
        ScoresPanel panel(run.results(), executor);
        panel.proxy()->setTickerFilter(QStringLiteral("NOPE"));
        QCOMPARE(panel.proxy()->rowCount(), 0);
        QString question;
        QTimer::singleShot(0, this, [&question] {
            QWidget *modal = QApplication::activeModalWidget();
            if (auto *box = qobject_cast<QMessageBox *>(modal)) {
                question = box->text();
                box->button(QMessageBox::No)->click();
            } else if (modal) {
                modal->close(); // a file dialog: the question was skipped
            }
        });
        QTest::mouseClick(
            panel.findChild<QPushButton *>(QStringLiteral("exportShownButton")), Qt::LeftButton);
        QCOMPARE(question,
            QStringLiteral("The filter shows no rows. Write a file with the header only?"));
        QCOMPARE(panel.exportStatus(), QString());
    }

    // Issue 15.15: an exported chart carries its title and the run it shows.
    void anExportedChartCarriesItsTitleAndRun()
    {
        ShownRun run;
        BackgroundExecutor executor;
        ScoresPanel panel(run.results(), executor);
        panel.resize(900, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        run.add(sampleRows());
        panel.setRun(
            { 12, QStringLiteral("June"), { QStringLiteral("/models/small"), {}, {}, 1, {} } });
        ChartPanel *chart = panel.chart();
        QTRY_VERIFY(chart->title().startsWith(QStringLiteral("Scores on")));
        QCOMPARE(chart->suggestedFileName(), QStringLiteral("June scores.png"));
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("chart.png"));
        QCOMPARE(chart->exportPng(path).result(), QString());
        QTRY_COMPARE(chart->exportStatus(), QStringLiteral("Saved %1").arg(path));
        const QImage image(path);
        const QImage plotOnly = chart->plot()->toPixmap().toImage();
        QCOMPARE(image.width(), plotOnly.width());
        QVERIFY(image.height() > plotOnly.height());
        // The header band above the plot holds text: pixels of another colour than its ground.
        const int band = image.height() - plotOnly.height();
        const QRgb ground = image.pixel(0, 0);
        int inked = 0;
        for (int y = 0; y < band; ++y)
            for (int x = 0; x < image.width(); ++x)
                inked += image.pixel(x, y) != ground;
        QVERIFY2(inked > 200, qPrintable(QString::number(inked)));
    }

    // A chart exported over an earlier picture on a full disk leaves that picture as it was (it
    // was truncated), and says why.
    void aFailedChartExportKeepsThePreviousPicture()
    {
        BackgroundExecutor executor;
        QCustomPlot plot;
        plot.resize(400, 300);
        QCPGraph *graph = plot.addGraph();
        for (int k = 0; k < 50; ++k)
            graph->addData(k, std::sin(k / 5.0));
        plot.rescaleAxes();
        QTemporaryDir folder;
        const QString path = folder.filePath(QStringLiteral("chart.png"));
        QCOMPARE(ChartPngExport::save(executor, &plot, QStringLiteral("First"), {}, path).result(),
            QString());
        const QByteArray first = readAll(path);
        QVERIFY(first.size() > 2048);
        QString failure;
        {
            const FileSizeLimit limit(1024);
            QVERIFY(limit.applied());
            failure = ChartPngExport::save(executor, &plot, QStringLiteral("Second"), {}, path)
                          .result();
        }
        QVERIFY2(
            failure.startsWith(QStringLiteral("Cannot write %1: ").arg(path)), qPrintable(failure));
        QCOMPARE(readAll(path), first);
        QCOMPARE(QDir(folder.path()).entryList(QDir::Files), QStringList { "chart.png" });
    }

    void chartShowsOneDateAndHorizonSorted()
    {
        ShownRun run;
        BackgroundExecutor executor;
        ScoresPanel panel(run.results(), executor);
        run.add(sampleRows());
        // Without a filter: the latest date and the shortest horizon.
        QTRY_COMPARE(panel.chartTickers(), (QStringList { "MSFT", "AAPL" }));
        panel.proxy()->setDateFilter(kFirst);
        auto *dates = panel.findChild<QComboBox *>(QStringLiteral("dateFilter"));
        dates->setCurrentIndex(dates->findData(kFirst));
        QTRY_COMPARE(panel.chartTickers(), (QStringList { "AMZN", "AAPL", "MSFT" }));
        QVERIFY(panel.chart()->title().contains(QStringLiteral("2019-01-02")));
    }

    // Issue 15.17: a hundred tickers under one bar chart were unreadable.
    void aHundredTickersEachGetAReadableRow()
    {
        ShownRun run;
        BackgroundExecutor executor;
        ScoresPanel panel(run.results(), executor);
        panel.resize(900, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QList<ScoreRow> rows;
        for (int k = 0; k < 100; ++k)
            rows.append(scoreRow(kFirst, QStringLiteral("T%1").arg(k, 3, 10, QLatin1Char('0')), 20,
                (k - 50) / 1000.0));
        run.add(rows);
        QTRY_COMPARE(panel.chartTickers().size(), 100);
        QCustomPlot *plot = panel.chart()->plot();
        plot->replot();
        // Every ticker named on its own row, a line of text apart, highest score on top.
        QCOMPARE(plot->yAxis->tickVectorLabels().size(), 100);
        QCOMPARE(plot->yAxis->tickVectorLabels().first(), QStringLiteral("T099"));
        const double rowPixels
            = std::abs(plot->yAxis->coordToPixel(2) - plot->yAxis->coordToPixel(1));
        QVERIFY2(rowPixels >= QFontMetrics(plot->yAxis->tickLabelFont()).height(),
            qPrintable(QString::number(rowPixels)));
        // The chart is taller than its panel and scrolls.
        QVERIFY(plot->height() > panel.chart()->height());
    }

    // Issue 15.18: a bar showed only its ticker on hover; a click opens the forecast.
    void barsShowTheirValueOnHoverAndOpenTheForecastOnClick()
    {
        ShownRun run;
        BackgroundExecutor executor;
        ScoresPanel panel(run.results(), executor);
        panel.resize(900, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        run.add(sampleRows());
        auto *dates = panel.findChild<QComboBox *>(QStringLiteral("dateFilter"));
        dates->setCurrentIndex(dates->findData(kFirst));
        QTRY_COMPARE(panel.chartTickers(), (QStringList { "AMZN", "AAPL", "MSFT" }));
        QCustomPlot *plot = panel.chart()->plot();
        plot->replot();
        // The middle of the top bar (AMZN, +5 %).
        const QPoint amzn(int(plot->xAxis->coordToPixel(2.5)), int(plot->yAxis->coordToPixel(1)));
        QCOMPARE(panel.chart()->toolTipAt(amzn),
            QStringLiteral("AMZN: +5.00 % (20-day horizon, 2019-01-02) — click for its forecast"));
        const QPoint msft(int(plot->xAxis->coordToPixel(-0.5)), int(plot->yAxis->coordToPixel(3)));
        QVERIFY(panel.chart()->toolTipAt(msft).startsWith(QStringLiteral("MSFT: -1.00 %")));

        QSignalSpy requests(&panel, &ScoresPanel::forecastRequested);
        QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, amzn);
        QCOMPARE(requests.count(), 1);
        const auto request = requests.first().first().value<ForecastRequest>();
        QCOMPARE(request.ticker, QStringLiteral("AMZN"));
        QCOMPARE(request.date, kFirst);
        // Beside a short bar, on its row, as well.
        const QPoint besideMsft(
            int(plot->xAxis->coordToPixel(3.0)), int(plot->yAxis->coordToPixel(3)));
        QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, besideMsft);
        QCOMPARE(requests.count(), 2);
        QCOMPARE(requests.last().first().value<ForecastRequest>().ticker, QStringLiteral("MSFT"));
    }

    // Issue 15.17: a chart left without data widened its axis at every redraw (to 2·10^19).
    void anEmptyChartKeepsASaneAxis()
    {
        ShownRun run;
        BackgroundExecutor executor;
        ScoresPanel panel(run.results(), executor);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCustomPlot *plot = panel.chart()->plot();
        for (int k = 0; k < 30; ++k) {
            const int before = panel.chart()->replotCount();
            run.results().clear();
            QTRY_VERIFY(panel.chart()->replotCount() > before);
        }
        QCOMPARE(plot->xAxis->range(), QCPRange(0, 1));
    }

    void activatingARowRequestsItsForecast()
    {
        ShownRun run(sampleRows());
        BackgroundExecutor executor;
        ScoresPanel panel(run.results(), executor);
        QSignalSpy requests(&panel, &ScoresPanel::forecastRequested);
        panel.proxy()->setTickerFilter(QStringLiteral("AAPL"));
        panel.proxy()->setDateFilter(kFirst);
        panel.proxy()->setHorizonFilter(20);
        Q_EMIT panel.view()->activated(panel.proxy()->index(0, 0));
        QCOMPARE(requests.count(), 1);
        const auto request = requests.first().first().value<ForecastRequest>();
        QCOMPARE(request.ticker, QStringLiteral("AAPL"));
        QCOMPARE(request.date, kFirst);
        QCOMPARE(request.points.size(), 2); // every horizon of that ticker and date
        QCOMPARE(request.points[1].horizon, 60);
        QCOMPARE(request.points[1].predictedClose, 104.0);
    }

    // The forecast view's hint says what opens a forecast: a double-click on a row does, a
    // single click only selects it.
    void aDoubleClickedRowRequestsItsForecastAndTheHintSaysSo()
    {
        ShownRun run(sampleRows());
        BackgroundExecutor executor;
        ScoresPanel panel(run.results(), executor);
        panel.resize(900, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy requests(&panel, &ScoresPanel::forecastRequested);
        QWidget *rows = panel.view()->viewport();
        const QPoint row = panel.view()->visualRect(panel.proxy()->index(0, 0)).center();
        QTest::mouseClick(rows, Qt::LeftButton, {}, row);
        QCOMPARE(requests.count(), 0);
        QTest::mouseDClick(rows, Qt::LeftButton, {}, row);
        QCOMPARE(requests.count(), 1);

        MarketTestDatabase market;
        Workspace workspace(market.path());
        ForecastView view(workspace);
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("forecastStatus"))
                    ->text()
                    .startsWith(QStringLiteral("Double-click a row of the scores table")));
    }

    void forecastViewDrawsContextPathAndRealizedBars()
    {
        MarketTestDatabase market;
        QVERIFY(market.isOpen());
        CsvImporter importer(market.database());
        QCOMPARE(importer.importFile(testDataPath("AAPL_data.csv")).imported, 1259LL);

        Workspace workspace(market.path());
        ForecastView view(workspace);
        QSignalSpy shown(&view, &ForecastView::forecastShown);
        ForecastRequest request;
        request.ticker = QStringLiteral("AAPL");
        request.date = QDate(2019, 6, 3);
        request.lastClose = 170.0;
        request.points = { { 20, 175.0, 160.0, 190.0 }, { 60, 180.0, 150.0, 210.0 } };
        view.showForecast(request);
        QVERIFY(shown.wait());
        QCOMPARE(view.bars().error, QString());
        QCOMPARE(view.bars().context.size(), 120);
        QCOMPARE(view.bars().context.last().timestamp.date(), request.date);
        QCOMPARE(view.bars().realized.size(), 60);
        // Context and realized candles, the p10-p90 band (two graphs), the predicted path.
        QCOMPARE(view.chart()->plot()->plottableCount(), 2 + 3);

        request.ticker = QStringLiteral("NONE");
        view.showForecast(request);
        QVERIFY(shown.wait());
        QVERIFY(view.bars().error.contains(QStringLiteral("no bars")));
    }
};

QTEST_MAIN(TestScoresPanel)
#include "test_scores_panel.moc"
