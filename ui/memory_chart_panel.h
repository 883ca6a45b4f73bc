#pragma once

#include "ui/live_chart_panel.h"

#include <QList>
#include <QString>

class QCPGraph;
class QCPItemStraightLine;

// Memory over the time of a run: process memory, device allocated and device reserved (MB) as
// lines, the memory budget as a horizontal line, batch boundaries as grey vertical markers and
// out-of-memory backoffs as red ones whose message shows as a tooltip.
//
// Time is in seconds since the run started, memory arrives in bytes. GUI thread only.
class MemoryChartPanel : public LiveChartPanel
{
    Q_OBJECT

public:
    explicit MemoryChartPanel(BackgroundExecutor &executor, QWidget *parent = nullptr);

    int sampleCount() const;
    int boundaryCount() const { return m_boundaries.size(); }
    int backoffCount() const { return m_backoffs.size(); }
    // The backoff markers' tooltips, oldest first.
    QStringList backoffMessages() const;

public Q_SLOTS:
    // Forgets the previous run's data.
    void clear();
    void addSample(
        double seconds, qint64 processBytes, qint64 deviceAllocated, qint64 deviceReserved);
    // 0 hides the budget line.
    void setBudget(qint64 bytes);
    void addBatchBoundary(double seconds, int batchIndex);
    void addBackoff(double seconds, const QString &message);

protected:
    void followLatest() override;
    QString toolTipAt(const QPointF &position) const override;

private:
    struct Marker
    {
        double seconds;
        QString text;
        QCPItemStraightLine *line;
    };

    QCPItemStraightLine *addVerticalLine(double seconds, const QPen &pen);

    QCPGraph *m_process;
    QCPGraph *m_deviceAllocated;
    QCPGraph *m_deviceReserved;
    QCPItemStraightLine *m_budgetLine;
    qint64 m_budgetBytes = 0;
    double m_peakMb = 0;
    double m_lastSeconds = 0;
    QList<Marker> m_boundaries;
    QList<Marker> m_backoffs;
};
