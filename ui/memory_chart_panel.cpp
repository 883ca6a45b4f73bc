#include "ui/memory_chart_panel.h"

#include "data/byte_size.h"
#include "ui/chart_panel.h"
#include "ui/chart_style.h"

#include <algorithm>
#include <qcustomplot.h>

namespace {

// While following, the newest this many seconds are shown; a short run is shown whole.
constexpr double FollowWindowSeconds = 120.0;
// How close (pixels) the mouse must be to a marker for its tooltip.
constexpr double MarkerHitPixels = 4.0;
// While following, the budget line is kept in view when it is at most this many times the peak.
constexpr double BudgetInViewFactor = 2.0;

} // namespace

MemoryChartPanel::MemoryChartPanel(BackgroundExecutor &executor, QWidget *parent)
    : LiveChartPanel(tr("Memory"), QStringLiteral("memory.png"), executor, parent)
    , m_process(plot()->addGraph())
    , m_deviceAllocated(plot()->addGraph())
    , m_deviceReserved(plot()->addGraph())
    , m_budgetLine(new QCPItemStraightLine(plot()))
{
    setObjectName(QStringLiteral("memoryChart"));
    m_process->setName(tr("Process"));
    m_process->setPen(QPen(ChartStyle::positive(), 2));
    m_deviceAllocated->setName(tr("Device allocated"));
    m_deviceAllocated->setPen(QPen(QColor(0x2e, 0xb8, 0x72), 2));
    m_deviceReserved->setName(tr("Device reserved"));
    m_deviceReserved->setPen(QPen(ChartStyle::accent(), 2, Qt::DashLine));
    // Purple: apart from the data lines and from the red of the out-of-memory markers.
    m_budgetLine->setPen(QPen(QColor(0xb0, 0x6a, 0xd8), 2, Qt::DashDotLine));
    m_budgetLine->setVisible(false);
    plot()->xAxis->setLabel(tr("Seconds since start"));
    // Wheel and drag move along time only; the memory axis keeps its scale.
    ChartStyle::zoomAlong(plot()->xAxis);
    plot()->yAxis->setLabel(tr("MiB"));
    plot()->legend->setVisible(true);
    plot()->xAxis->setRange(0, 10);
    plot()->yAxis->setRange(0, 100);
}

int MemoryChartPanel::sampleCount() const
{
    return m_process->dataCount();
}

void MemoryChartPanel::clear()
{
    for (QCPGraph *graph : { m_process, m_deviceAllocated, m_deviceReserved })
        graph->data()->clear();
    for (const QList<Marker> *markers : { &m_boundaries, &m_backoffs })
        for (const Marker &marker : *markers)
            plot()->removeItem(marker.line);
    m_boundaries.clear();
    m_backoffs.clear();
    m_peakMb = 0;
    m_lastSeconds = 0;
    scheduleReplot();
}

void MemoryChartPanel::addSample(
    double seconds, qint64 processBytes, qint64 deviceAllocated, qint64 deviceReserved)
{
    const double process = ByteSize::toMiB(processBytes);
    const double allocated = ByteSize::toMiB(deviceAllocated);
    const double reserved = ByteSize::toMiB(deviceReserved);
    m_process->addData(seconds, process);
    m_deviceAllocated->addData(seconds, allocated);
    m_deviceReserved->addData(seconds, reserved);
    m_peakMb = std::max({ m_peakMb, process, allocated, reserved });
    m_lastSeconds = std::max(m_lastSeconds, seconds);
    scheduleReplot();
}

void MemoryChartPanel::setBudget(qint64 bytes)
{
    m_budgetBytes = bytes;
    const double mb = ByteSize::toMiB(bytes);
    m_budgetLine->point1->setCoords(0, mb);
    m_budgetLine->point2->setCoords(1, mb);
    m_budgetLine->setVisible(bytes > 0);
    // Named in the title, so it stays readable when it is far above the data, and covers none.
    chart()->setTitle(
        bytes > 0 ? tr("Memory (budget %1)").arg(ByteSize::format(bytes)) : tr("Memory"));
    scheduleReplot();
}

void MemoryChartPanel::addBatchBoundary(double seconds, int batchIndex)
{
    m_boundaries.append({ seconds, tr("Batch %1 starts").arg(batchIndex + 1),
        addVerticalLine(seconds, QPen(ChartStyle::muted(), 1, Qt::DashLine)) });
    scheduleReplot();
}

void MemoryChartPanel::addBackoff(double seconds, const QString &message)
{
    m_backoffs.append(
        { seconds, message, addVerticalLine(seconds, QPen(ChartStyle::reference(), 2)) });
    scheduleReplot();
}

QStringList MemoryChartPanel::backoffMessages() const
{
    QStringList messages;
    for (const Marker &marker : m_backoffs)
        messages << marker.text;
    return messages;
}

QCPItemStraightLine *MemoryChartPanel::addVerticalLine(double seconds, const QPen &pen)
{
    auto *line = new QCPItemStraightLine(plot());
    line->point1->setCoords(seconds, 0);
    line->point2->setCoords(seconds, 1);
    line->setPen(pen);
    line->setSelectable(false);
    return line;
}

void MemoryChartPanel::followLatest()
{
    const double from = std::max(0.0, m_lastSeconds - FollowWindowSeconds);
    plot()->xAxis->setRange(from, std::max(from + 10.0, m_lastSeconds * 1.02));
    // The budget line is drawn only when it is near the data: a budget of 16 GB would otherwise
    // flatten a run of 300 MiB into the axis.
    const double budgetMb = ByteSize::toMiB(m_budgetBytes);
    const double top
        = budgetMb <= m_peakMb * BudgetInViewFactor ? std::max(m_peakMb, budgetMb) : m_peakMb;
    plot()->yAxis->setRange(0, std::max(1.0, top * 1.1));
}

QString MemoryChartPanel::toolTipAt(const QPointF &position) const
{
    // Backoffs first: they are what a user hovers the red markers for.
    for (const QList<Marker> *markers : { &m_backoffs, &m_boundaries }) {
        for (const Marker &marker : *markers) {
            if (std::abs(plot()->xAxis->coordToPixel(marker.seconds) - position.x())
                <= MarkerHitPixels)
                return marker.text;
        }
    }
    if (m_budgetBytes > 0
        && std::abs(plot()->yAxis->coordToPixel(ByteSize::toMiB(m_budgetBytes)) - position.y())
            <= MarkerHitPixels)
        return tr("Memory budget: %1").arg(ByteSize::format(m_budgetBytes));
    return {};
}
