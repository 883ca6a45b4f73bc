#include "ui/forecast_view.h"

#include "ui/chart_panel.h"
#include "ui/chart_style.h"
#include "ui/date_axis.h"
#include "ui/run_identity_label.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace {

constexpr int kDefaultContextBars = 120;

// How a forecast is chosen: the scores table opens one on activation (a double-click, or Enter),
// its chart on a click anywhere in a ticker's row (a score near zero leaves no bar to hit); a
// single click in the table only selects the row.
QString howToChoose()
{
    return ForecastView::tr("Double-click a row of the scores table (or press Enter on it), or "
                            "click a ticker in its chart, to see that forecast.");
}

void addCandles(QCustomPlot *plot, const QList<Bar> &bars, int firstKey, const QString &name,
    const QColor &up, const QColor &down)
{
    auto *candles = new QCPFinancial(plot->xAxis, plot->yAxis);
    candles->setName(name);
    candles->setChartStyle(QCPFinancial::csCandlestick);
    candles->setWidth(0.7);
    candles->setTwoColored(true);
    candles->setBrushPositive(up);
    candles->setBrushNegative(down);
    candles->setPenPositive(QPen(up.darker(130)));
    candles->setPenNegative(QPen(down.darker(130)));
    for (qsizetype k = 0; k < bars.size(); ++k) {
        const Bar &bar = bars[k];
        candles->addData(firstKey + double(k), bar.open, bar.high, bar.low, bar.close);
    }
}

} // namespace

ForecastView::ForecastView(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_chart(new ChartPanel(
          tr("Forecast"), QStringLiteral("forecast.png"), workspace.executor(), this))
    , m_runLabel(new RunIdentityLabel(this))
    , m_status(new QLabel(howToChoose(), this))
    , m_contextBars(new QSpinBox(this))
{
    setObjectName(QStringLiteral("forecastView"));
    m_runLabel->setObjectName(QStringLiteral("forecastRunLabel"));
    m_status->setObjectName(QStringLiteral("forecastStatus"));
    m_status->setWordWrap(true);
    m_contextBars->setObjectName(QStringLiteral("contextBarsSpin"));
    m_contextBars->setRange(10, 2000);
    m_contextBars->setValue(kDefaultContextBars);
    m_contextBars->setToolTip(tr("How many bars of history to show before the date"));
    auto *contextLabel = new QLabel(tr("&Context bars:"), this);
    contextLabel->setBuddy(m_contextBars);

    auto *header = new QHBoxLayout;
    header->addWidget(m_status, 1);
    header->addWidget(contextLabel);
    header->addWidget(m_contextBars);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_runLabel);
    layout->addLayout(header);
    layout->addWidget(m_chart, 1);

    m_chart->setToolTipProvider([this](const QPointF &position) { return toolTipAt(position); });
    connect(m_contextBars, &QSpinBox::editingFinished, this, [this] {
        if (!m_request.ticker.isEmpty())
            load();
    });
    connect(&m_loader, &QFutureWatcher<ForecastBars>::finished, this, [this] {
        if (m_request.ticker.isEmpty())
            return;
        m_bars = m_loader.result();
        draw();
        Q_EMIT forecastShown();
    });
}

void ForecastView::showForecast(const ForecastRequest &request)
{
    m_request = request;
    load();
}

const RunIdentity &ForecastView::run() const
{
    return m_runLabel->run();
}

void ForecastView::setRun(const RunIdentity &run)
{
    const bool sameRun = run.id == m_runLabel->run().id;
    m_runLabel->setRun(run);
    if (sameRun)
        return;
    // A forecast of another run must not stay under this run's name (nor arrive later: the
    // loader's result is dropped without a request).
    m_request = ForecastRequest();
    m_bars = ForecastBars();
    m_chart->plot()->clearPlottables();
    m_chart->setTitle(tr("Forecast"));
    m_chart->scheduleReplot();
    m_status->setText(howToChoose());
}

void ForecastView::load()
{
    m_status->setText(tr("Loading %1…").arg(m_request.ticker));
    int longestHorizon = 0;
    for (const ForecastPoint &point : m_request.points)
        longestHorizon = std::max(longestHorizon, point.horizon);
    // A newer request replaces the watched future; the older result is then never drawn.
    m_loader.setFuture(m_workspace.forecastBars(
        m_request.ticker, m_request.date, m_contextBars->value(), longestHorizon));
}

void ForecastView::draw()
{
    QCustomPlot *plot = m_chart->plot();
    plot->clearPlottables();
    m_chart->setTitle(tr("%1 on %2").arg(m_request.ticker, m_request.date.toString(Qt::ISODate)));
    if (!m_bars.error.isEmpty()) {
        m_status->setText(m_bars.error);
        m_chart->scheduleReplot();
        return;
    }

    const int firstKey = 1 - int(m_bars.context.size());
    addCandles(plot, m_bars.context, firstKey, tr("Context"), ChartStyle::positive(),
        ChartStyle::negative());
    if (!m_bars.realized.isEmpty())
        addCandles(plot, m_bars.realized, 1, tr("Realized"), ChartStyle::muted().lighter(130),
            ChartStyle::muted().darker(130));

    QVector<double> keys { 0.0 };
    QVector<double> closes { m_request.lastClose };
    QVector<double> lows { m_request.lastClose };
    QVector<double> highs { m_request.lastClose };
    bool sampled = !m_request.points.isEmpty();
    for (const ForecastPoint &point : m_request.points) {
        keys.append(point.horizon);
        closes.append(point.predictedClose);
        sampled = sampled && point.p10 && point.p90;
        lows.append(point.p10.value_or(point.predictedClose));
        highs.append(point.p90.value_or(point.predictedClose));
    }
    if (sampled) {
        QCPGraph *low = plot->addGraph();
        low->setName(tr("p10"));
        QCPGraph *high = plot->addGraph();
        high->setName(tr("p10–p90"));
        QColor band = ChartStyle::accent();
        band.setAlpha(60);
        low->setPen(QPen(band));
        high->setPen(QPen(band));
        high->setBrush(band);
        high->setChannelFillGraph(low);
        low->setData(keys, lows, true);
        high->setData(keys, highs, true);
        low->removeFromLegend();
    }
    QCPGraph *path = plot->addGraph();
    path->setName(tr("Predicted"));
    path->setPen(QPen(ChartStyle::accent(), 2));
    path->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    path->setData(keys, closes, true);

    // Dates under the bars the data has (key 0 is the evaluation date); "+h" trading days after
    // it beyond them.
    QList<QDate> days;
    for (const QList<Bar> *bars : { &m_bars.context, &m_bars.realized })
        for (const Bar &bar : *bars)
            days.append(bar.timestamp.date());
    DateAxis::install(plot->xAxis, [days, firstKey](int key) {
        const int index = key - firstKey;
        if (index >= 0 && index < days.size())
            return days[index].toString(Qt::ISODate);
        return key > 0 ? QStringLiteral("+%1").arg(key) : QString();
    });
    plot->yAxis->setLabel(tr("Adjusted close"));
    plot->legend->setVisible(true);
    plot->rescaleAxes();
    plot->xAxis->scaleRange(1.05, plot->xAxis->range().center());
    plot->yAxis->scaleRange(1.1, plot->yAxis->range().center());

    m_status->setText(tr("%1: %2 context bars, %3 realized after %4%5")
                          .arg(m_request.ticker)
                          .arg(m_bars.context.size())
                          .arg(m_bars.realized.size())
                          .arg(m_request.date.toString(Qt::ISODate))
                          .arg(sampled ? tr("; band: sampled p10–p90") : QString()));
    m_chart->scheduleReplot();
}

QString ForecastView::toolTipAt(const QPointF &position) const
{
    const int key = int(std::lround(m_chart->plot()->xAxis->pixelToCoord(position.x())));
    for (const ForecastPoint &point : m_request.points) {
        if (point.horizon == key) {
            QString text = tr("+%1 trading days: predicted %2")
                               .arg(key)
                               .arg(point.predictedClose, 0, 'f', 2);
            if (point.p10 && point.p90)
                text += tr(" (p10 %1, p90 %2)")
                            .arg(*point.p10, 0, 'f', 2)
                            .arg(*point.p90, 0, 'f', 2);
            return text;
        }
    }
    const qsizetype contextIndex = key - 1 + m_bars.context.size();
    const Bar *bar = nullptr;
    if (key <= 0 && contextIndex >= 0)
        bar = &m_bars.context[contextIndex];
    else if (key >= 1 && key <= m_bars.realized.size())
        bar = &m_bars.realized[key - 1];
    if (!bar)
        return {};
    return tr("%1  O %2  H %3  L %4  C %5")
        .arg(bar->timestamp.date().toString(Qt::ISODate))
        .arg(bar->open, 0, 'f', 2)
        .arg(bar->high, 0, 'f', 2)
        .arg(bar->low, 0, 'f', 2)
        .arg(bar->close, 0, 'f', 2);
}
