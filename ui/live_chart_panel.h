#pragma once

#include <QWidget>

class BackgroundExecutor;
class ChartPanel;
class QCustomPlot;
class QToolButton;

// What the live charts add to a ChartPanel (palette colours, zoom and pan, coalesced redraws,
// hover tooltips, PNG export): a "Follow" toggle that keeps the newest data in view, on by
// default; dragging or zooming by hand turns it off.
//
// GUI thread only. Subclasses add data through their own typed slots and call scheduleReplot().
class LiveChartPanel : public QWidget
{
    Q_OBJECT

public:
    // `exportName` is the file name the PNG export suggests; `executor` writes it.
    LiveChartPanel(const QString &title, const QString &exportName, BackgroundExecutor &executor,
        QWidget *parent = nullptr);

    ChartPanel *chart() const { return m_chart; }
    QCustomPlot *plot() const;
    bool isFollowing() const;
    void setFollowing(bool follow);
    // Coalesced redraws so far (tests check that a burst of data costs few frames).
    int replotCount() const;

protected:
    // Fits the view to the newest data when following; the redraw comes within 50 ms.
    void scheduleReplot();
    // Fit the axes to the newest data (only setRange: cheap enough for every sample).
    virtual void followLatest() = 0;
    // The tooltip for a point of the plot area in widget pixels, or empty for none.
    virtual QString toolTipAt(const QPointF &position) const = 0;

private:
    ChartPanel *m_chart;
    QToolButton *m_followButton;
};
