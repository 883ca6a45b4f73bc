#include "ui/replot_coalescer.h"

#include <qcustomplot.h>

ReplotCoalescer::ReplotCoalescer(QCustomPlot *plot)
    : QObject(plot)
    , m_plot(plot)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(IntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ReplotCoalescer::replot);
}

void ReplotCoalescer::request()
{
    if (!m_timer.isActive())
        m_timer.start();
}

void ReplotCoalescer::replot()
{
    // Queued: the widget paints in its next paint event instead of synchronously here, so a burst
    // of requests from several charts costs one frame each.
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    ++m_replots;
}
