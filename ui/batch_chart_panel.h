#pragma once

#include "ui/live_chart_panel.h"

#include <QList>

class QCPBars;
class QCPGraph;

// One bar per finished micro-batch (its duration in seconds, left axis) and the throughput in
// series per second as a line on the right axis. Hovering a bar shows its size. GUI thread only.
class BatchChartPanel : public LiveChartPanel
{
    Q_OBJECT

public:
    explicit BatchChartPanel(BackgroundExecutor &executor, QWidget *parent = nullptr);

    int barCount() const;

public Q_SLOTS:
    void clear();
    // `index` counts from 0 over the whole run; `size` is the batch's number of series.
    void addBatch(int index, int size, double seconds);

protected:
    void followLatest() override;
    QString toolTipAt(const QPointF &position) const override;

private:
    struct Batch
    {
        int index;
        int size;
        double seconds;
    };

    QCPBars *m_durations;
    QCPGraph *m_throughput;
    QList<Batch> m_batches;
    double m_longestSeconds = 0;
    double m_fastestRate = 0;
};
