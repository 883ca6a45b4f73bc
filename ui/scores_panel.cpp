#include "ui/scores_panel.h"

#include "run/score_csv_export.h"
#include "ui/chart_panel.h"
#include "ui/chart_style.h"
#include "ui/replot_coalescer.h"
#include "ui/run_identity_label.h"
#include "ui/score_filter_proxy_model.h"
#include "ui/task_error_report.h"
#include "workbench/background_executor.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

ScoresPanel::ScoresPanel(const RunResults &results, BackgroundExecutor &executor, QWidget *parent)
    : QWidget(parent)
    , m_executor(executor)
    , m_model(new ScoreTableModel(results, this))
    , m_proxy(new ScoreFilterProxyModel(this))
    , m_tickerFilter(new QLineEdit(this))
    , m_dateFilter(new QComboBox(this))
    , m_horizonFilter(new QComboBox(this))
    , m_view(new QTableView(this))
    , m_rowCount(new QLabel(this))
    , m_exportStatus(new QLabel(this))
    , m_exportShown(new QPushButton(tr("Export &shown…"), this))
    , m_exportAll(new QPushButton(tr("Export &all…"), this))
    , m_chart(new ChartPanel(tr("Scores"), QStringLiteral("scores.png"), executor, this))
    , m_runLabel(new RunIdentityLabel(this))
{
    setObjectName(QStringLiteral("scoresPanel"));
    m_tickerFilter->setObjectName(QStringLiteral("tickerFilter"));
    m_dateFilter->setObjectName(QStringLiteral("dateFilter"));
    m_horizonFilter->setObjectName(QStringLiteral("horizonFilter"));
    m_view->setObjectName(QStringLiteral("scoresTable"));
    m_exportShown->setObjectName(QStringLiteral("exportShownButton"));
    m_exportAll->setObjectName(QStringLiteral("exportAllButton"));
    m_chart->setObjectName(QStringLiteral("scoresChart"));
    m_runLabel->setObjectName(QStringLiteral("scoresRunLabel"));

    m_proxy->setSourceModel(m_model);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ScoreTableModel::ScoreColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->setToolTip(tr("Enter or double-click a row to open the ticker's forecast"));

    m_tickerFilter->setPlaceholderText(tr("Ticker"));
    m_tickerFilter->setClearButtonEnabled(true);
    m_tickerFilter->setToolTip(tr("Show the tickers that contain this text"));
    m_dateFilter->setToolTip(tr("Show one evaluation date (the chart follows it)"));
    m_horizonFilter->setToolTip(tr("Show one horizon (the chart follows it)"));
    m_exportShown->setToolTip(tr("Write the rows shown, filtered and sorted, to a CSV file"));
    m_exportAll->setToolTip(tr("Write every row of the run to a CSV file"));
    m_rowCount->setObjectName(QStringLiteral("rowCountLabel"));
    m_exportStatus->setObjectName(QStringLiteral("exportStatus"));
    m_exportStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_exportStatus->setVisible(false);

    auto *filterLabel = new QLabel(tr("&Filter:"), this);
    filterLabel->setBuddy(m_tickerFilter);
    auto *filters = new QHBoxLayout;
    filters->addWidget(filterLabel);
    filters->addWidget(m_tickerFilter, 1);
    filters->addWidget(m_dateFilter);
    filters->addWidget(m_horizonFilter);
    filters->addWidget(m_rowCount);
    filters->addWidget(m_exportShown);
    filters->addWidget(m_exportAll);

    auto *table = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(table);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addLayout(filters);
    tableLayout->addWidget(m_exportStatus);
    tableLayout->addWidget(m_view, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(table);
    splitter->addWidget(m_chart);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_runLabel);
    layout->addWidget(splitter);
    setTabOrder(m_tickerFilter, m_dateFilter);
    setTabOrder(m_dateFilter, m_horizonFilter);
    setTabOrder(m_horizonFilter, m_exportShown);
    setTabOrder(m_exportShown, m_exportAll);
    setTabOrder(m_exportAll, m_view);

    // One row per ticker, the highest score on top: with a hundred tickers every name stays
    // readable, and the chart scrolls.
    QCustomPlot *plot = m_chart->plot();
    plot->xAxis->setLabel(tr("Score (%)"));
    plot->yAxis->setRangeReversed(true);
    // The score scale above the rows as well as under them: the bottom may be scrolled away.
    plot->axisRect()->setupFullAxesBox(true);
    plot->xAxis2->setTickLabels(true);
    ChartStyle::zoomAlong(plot->xAxis);
    plot->setToolTip(tr("Hover a bar for its score, click it for the ticker's forecast; drag to "
                        "pan, wheel to scroll"));
    m_chart->setToolTipProvider([this](const QPointF &position) -> QString {
        const int key = int(std::lround(m_chart->plot()->yAxis->pixelToCoord(position.y())));
        if (key < 1 || key > m_chartTickers.size())
            return {};
        const double percent = m_chartScores[key - 1] * 100.0;
        return tr("%1: %2%3 % (%4-day horizon, %5) — click for its forecast")
            .arg(m_chartTickers[key - 1], percent >= 0 ? QStringLiteral("+") : QString())
            .arg(percent, 0, 'f', 2)
            .arg(m_chartHorizon)
            .arg(m_chartDate.toString(Qt::ISODate));
    });
    // A click anywhere on a ticker's row opens its forecast (a score near zero leaves no bar to
    // hit); a drag pans instead.
    connect(plot, &QCustomPlot::mousePress, this,
        [this](QMouseEvent *event) { m_chartPressedAt = event->position(); });
    connect(plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent *event) {
        if (event->button() != Qt::LeftButton
            || (event->position() - m_chartPressedAt).manhattanLength() > 4
            || !m_chart->plot()->axisRect()->rect().contains(event->position().toPoint()))
            return;
        const int key
            = int(std::lround(m_chart->plot()->yAxis->pixelToCoord(event->position().y())));
        if (key >= 1 && key <= m_chartTickers.size())
            Q_EMIT forecastRequested(forecastRequest(m_chartTickers[key - 1], m_chartDate));
    });

    m_chartRefresh.setSingleShot(true);
    m_chartRefresh.setInterval(ReplotCoalescer::IntervalMs);
    connect(&m_chartRefresh, &QTimer::timeout, this, &ScoresPanel::refreshChart);
    connect(m_model, &ScoreTableModel::keysChanged, this, &ScoresPanel::refreshFilterChoices);
    // Started only when idle: restarting would let a steady stream of rows postpone the chart.
    const auto scheduleChartRefresh = [this] {
        if (!m_chartRefresh.isActive())
            m_chartRefresh.start();
    };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, scheduleChartRefresh);
    connect(m_model, &QAbstractItemModel::modelReset, this, scheduleChartRefresh);
    const auto showCount = [this] {
        m_rowCount->setText(tr("%1 of %2 rows").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
    };
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, showCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, showCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, showCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, showCount);

    connect(
        m_tickerFilter, &QLineEdit::textChanged, m_proxy, &ScoreFilterProxyModel::setTickerFilter);
    connect(m_dateFilter, &QComboBox::currentIndexChanged, this, [this, scheduleChartRefresh] {
        m_proxy->setDateFilter(m_dateFilter->currentData().toDate());
        scheduleChartRefresh();
    });
    connect(m_horizonFilter, &QComboBox::currentIndexChanged, this, [this, scheduleChartRefresh] {
        m_proxy->setHorizonFilter(m_horizonFilter->currentData().toInt());
        scheduleChartRefresh();
    });
    connect(m_view, &QTableView::activated, this, &ScoresPanel::requestForecastAt);
    connect(m_exportShown, &QPushButton::clicked, this,
        [this] { exportWithDialog(ExportScope::Shown); });
    connect(
        m_exportAll, &QPushButton::clicked, this, [this] { exportWithDialog(ExportScope::All); });

    refreshFilterChoices();
    showCount();
}

void ScoresPanel::setRun(const RunIdentity &run)
{
    m_runLabel->setRun(run);
    m_chart->setRun(run);
}

const RunIdentity &ScoresPanel::run() const
{
    return m_runLabel->run();
}

QString ScoresPanel::suggestedFileName() const
{
    const QString stem = run().fileStem();
    return stem.isEmpty() ? QStringLiteral("scores.csv") : stem + QStringLiteral(" scores.csv");
}

QList<ScoreRow> ScoresPanel::exportRows(ExportScope scope) const
{
    QList<ScoreRow> rows;
    if (scope == ExportScope::All) {
        for (int row = 0; row < m_model->rowCount(); ++row)
            rows.append(m_model->row(row));
        return rows;
    }
    rows.reserve(m_proxy->rowCount());
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        rows.append(m_model->row(m_proxy->mapToSource(m_proxy->index(row, 0)).row()));
    return rows;
}

QFuture<QString> ScoresPanel::exportCsv(const QString &path, ExportScope scope)
{
    QList<ScoreRow> rows = exportRows(scope);
    const qsizetype count = rows.size();
    QFuture<QString> written = m_executor.run([path, run = run(), rows = std::move(rows)] {
        return failureMessageOf([&] { ScoreCsvExport::write(path, run, rows); });
    });
    reportErrorWhenDone(written, this, tr("Export scores"), [this, path, count] {
        m_exportStatus->setText(count == 1 ? tr("Wrote 1 row to %1.").arg(path)
                                           : tr("Wrote %1 rows to %2.").arg(count).arg(path));
        m_exportStatus->setVisible(true);
    });
    return written;
}

QString ScoresPanel::exportStatus() const
{
    return m_exportStatus->isHidden() ? QString() : m_exportStatus->text();
}

ForecastRequest ScoresPanel::forecastRequest(const QString &ticker, const QDate &date) const
{
    ForecastRequest request;
    request.ticker = ticker;
    request.date = date;
    for (const ScoreRow &row : m_model->rowsOf(ticker, date)) {
        request.lastClose = row.lastClose;
        request.points.append({ row.horizon, row.predictedClose, row.p10, row.p90 });
    }
    return request;
}

void ScoresPanel::refreshFilterChoices()
{
    // Rebuilt in place, keeping the user's choice: new dates arrive during a run.
    const QDate date = m_dateFilter->currentData().toDate();
    const int horizon = m_horizonFilter->currentData().toInt();
    {
        const QSignalBlocker blockDates(m_dateFilter);
        const QSignalBlocker blockHorizons(m_horizonFilter);
        m_dateFilter->clear();
        m_dateFilter->addItem(tr("All dates"), QDate());
        const QList<QDate> dates = m_model->dates();
        for (auto it = dates.crbegin(); it != dates.crend(); ++it)
            m_dateFilter->addItem(it->toString(Qt::ISODate), *it);
        m_dateFilter->setCurrentIndex(std::max(0, m_dateFilter->findData(date)));
        m_horizonFilter->clear();
        m_horizonFilter->addItem(tr("All horizons"), 0);
        for (int value : m_model->horizons())
            m_horizonFilter->addItem(tr("%1 days").arg(value), value);
        m_horizonFilter->setCurrentIndex(std::max(0, m_horizonFilter->findData(horizon)));
    }
    m_proxy->setDateFilter(m_dateFilter->currentData().toDate());
    m_proxy->setHorizonFilter(m_horizonFilter->currentData().toInt());
    const bool percentiles = m_model->hasPercentiles();
    for (int column :
        { ScoreTableModel::P10Column, ScoreTableModel::P50Column, ScoreTableModel::P90Column })
        m_view->setColumnHidden(column, !percentiles);
}

QDate ScoresPanel::chartDate() const
{
    const QDate chosen = m_dateFilter->currentData().toDate();
    const QList<QDate> dates = m_model->dates();
    return chosen.isValid() || dates.isEmpty() ? chosen : dates.last();
}

int ScoresPanel::chartHorizon() const
{
    const int chosen = m_horizonFilter->currentData().toInt();
    const QList<int> horizons = m_model->horizons();
    return chosen != 0 || horizons.isEmpty() ? chosen : horizons.first();
}

void ScoresPanel::refreshChart()
{
    m_chartDate = chartDate();
    const int horizon = chartHorizon();
    QList<ScoreRow> rows = m_model->rowsAt(m_chartDate, horizon);
    std::sort(rows.begin(), rows.end(),
        [](const ScoreRow &a, const ScoreRow &b) { return a.score > b.score; });

    QCustomPlot *plot = m_chart->plot();
    plot->clearPlottables();
    m_chartTickers.clear();
    m_chartScores.clear();
    m_chartHorizon = horizon;
    auto *above = new QCPBars(plot->yAxis, plot->xAxis);
    auto *below = new QCPBars(plot->yAxis, plot->xAxis);
    above->setBrush(ChartStyle::positive());
    above->setPen(Qt::NoPen);
    below->setBrush(ChartStyle::negative());
    below->setPen(Qt::NoPen);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (const ScoreRow &row : rows) {
        m_chartTickers.append(row.ticker);
        m_chartScores.append(row.score);
        const double key = m_chartTickers.size();
        (row.score >= 0 ? above : below)->addData(key, row.score * 100.0);
        ticker->addTick(key, row.ticker);
    }
    plot->yAxis->setTicker(ticker);
    plot->yAxis->setRange(0.4, std::max<qsizetype>(1, m_chartTickers.size()) + 0.6);
    ChartStyle::fitValueAxis(plot->xAxis, 1.1);
    // A row a line of text high, and room for the score axis under them.
    const int rowPixels = QFontMetrics(plot->yAxis->tickLabelFont()).height() + 4;
    m_chart->setPlotHeight(int(m_chartTickers.size()) * rowPixels + 80);
    m_chart->setTitle(rows.isEmpty() ? tr("Scores")
                                     : tr("Scores on %1, %2-day horizon (%3 tickers)")
                                           .arg(m_chartDate.toString(Qt::ISODate))
                                           .arg(horizon)
                                           .arg(rows.size()));
    m_chart->scheduleReplot();
}

void ScoresPanel::requestForecastAt(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid())
        return;
    const ScoreRow &row = m_model->row(m_proxy->mapToSource(proxyIndex).row());
    Q_EMIT forecastRequested(forecastRequest(row.ticker, row.date.date()));
}

void ScoresPanel::exportWithDialog(ExportScope scope)
{
    if (exportRows(scope).isEmpty()
        && QMessageBox::question(this, tr("Export scores"),
               m_model->rowCount() == 0
                   ? tr("There are no scores to export. Write a file with the header only?")
                   : tr("The filter shows no rows. Write a file with the header only?"),
               QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
            != QMessageBox::Yes)
        return;
    const QString path = QFileDialog::getSaveFileName(this,
        scope == ExportScope::Shown ? tr("Export the rows shown") : tr("Export every row"),
        suggestedFileName(), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsv(path, scope);
}
