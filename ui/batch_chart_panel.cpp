#include "ui/batch_chart_panel.h"

#include "ui/chart_style.h"

#include <algorithm>
#include <qcustomplot.h>

namespace {

// While following, the newest this many batches are shown.
constexpr int FollowWindowBatches = 60;

} // namespace

BatchChartPanel::BatchChartPanel(BackgroundExecutor &executor, QWidget *parent)
    : LiveChartPanel(tr("Batches"), QStringLiteral("batches.png"), executor, parent)
    , m_durations(new QCPBars(plot()->xAxis, plot()->yAxis))
    , m_throughput(plot()->addGraph(plot()->xAxis, plot()->yAxis2))
{
    setObjectName(QStringLiteral("batchChart"));
    m_durations->setName(tr("Duration (s)"));
    m_durations->setWidth(0.7);
    QColor fill = ChartStyle::positive();
    m_durations->setPen(QPen(fill));
    fill.setAlpha(150);
    m_durations->setBrush(fill);
    m_throughput->setName(tr("Series/s"));
    m_throughput->setPen(QPen(ChartStyle::accent(), 2));
    m_throughput->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    plot()->xAxis->setLabel(tr("Batch"));
    plot()->xAxis->setTicker(ChartStyle::wholeNumberTicker());
    plot()->yAxis->setLabel(tr("Seconds"));
    plot()->yAxis2->setLabel(tr("Series/s"));
    plot()->yAxis2->setVisible(true);
    plot()->legend->setVisible(true);
    // Wheel and drag move the batch axis only; the value axes follow the data.
    ChartStyle::zoomAlong(plot()->xAxis);
    plot()->xAxis->setRange(0, 10);
    plot()->yAxis->setRange(0, 1);
    plot()->yAxis2->setRange(0, 1);
}

int BatchChartPanel::barCount() const
{
    return m_durations->dataCount();
}

void BatchChartPanel::clear()
{
    m_durations->data()->clear();
    m_throughput->data()->clear();
    m_batches.clear();
    m_longestSeconds = 0;
    m_fastestRate = 0;
    scheduleReplot();
}

void BatchChartPanel::addBatch(int index, int size, double seconds)
{
    // Batches are numbered from 1 on the axis, as in the progress text.
    const double x = index + 1;
    const double rate = seconds > 0 ? size / seconds : 0.0;
    m_durations->addData(x, seconds);
    m_throughput->addData(x, rate);
    m_batches.append({ index, size, seconds });
    m_longestSeconds = std::max(m_longestSeconds, seconds);
    m_fastestRate = std::max(m_fastestRate, rate);
    scheduleReplot();
}

void BatchChartPanel::followLatest()
{
    const double last = m_batches.isEmpty() ? 0 : m_batches.last().index + 1;
    const double from = std::max(0.0, last - FollowWindowBatches);
    plot()->xAxis->setRange(from + 0.4, std::max(from + 10.0, last) + 0.6);
    plot()->yAxis->setRange(0, std::max(0.001, m_longestSeconds * 1.15));
    plot()->yAxis2->setRange(0, std::max(0.001, m_fastestRate * 1.15));
}

QString BatchChartPanel::toolTipAt(const QPointF &position) const
{
    const double x = plot()->xAxis->pixelToCoord(position.x());
    for (const Batch &batch : m_batches) {
        if (std::abs(batch.index + 1 - x) <= 0.35) {
            return tr("Batch %1: %2 series in %3 s (%4 series/s)")
                .arg(batch.index + 1)
                .arg(batch.size)
                .arg(batch.seconds, 0, 'f', 2)
                .arg(batch.seconds > 0 ? batch.size / batch.seconds : 0.0, 0, 'f', 1);
        }
    }
    return {};
}
