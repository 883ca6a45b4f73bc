#pragma once

#include <QObject>
#include <QTimer>

class QCustomPlot;

// Turns any number of "the data changed" requests into at most one replot per interval: a
// request only arms a single-shot timer (it never re-arms a running one, so a steady stream of
// samples cannot postpone the redraw forever). The frame rate never follows the data rate.
//
// Lives on the GUI thread, owned by (a child of) the plot it redraws.
class ReplotCoalescer : public QObject
{
    Q_OBJECT

public:
    // 50 ms: at most 20 redraws per second, whatever the sample rate.
    static constexpr int IntervalMs = 50;

    explicit ReplotCoalescer(QCustomPlot *plot);

    // Schedules a replot within IntervalMs; a no-op while one is already scheduled.
    void request();
    // Redraws that actually happened, for tests and diagnostics.
    int replotCount() const { return m_replots; }

private:
    void replot();

    QCustomPlot *m_plot;
    QTimer m_timer;
    int m_replots = 0;
};
