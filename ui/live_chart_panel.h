#pragma once

#include <QWidget>

class QCustomPlot;
class QToolButton;
class ReplotCoalescer;

// What the live charts share: a QCustomPlot with mouse zoom and pan, a "Follow" toggle that keeps
// the newest data in view (on by default; dragging or zooming by hand turns it off), redraws
// coalesced to at most 20 per second, hover tooltips, and colours taken from the palette so the
// charts stay readable in a dark theme.
//
// GUI thread only. Subclasses add data through their own typed slots and call scheduleReplot().
class LiveChartPanel : public QWidget
{
    Q_OBJECT

public:
    explicit LiveChartPanel(const QString &title, QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    bool isFollowing() const;
    void setFollowing(bool follow);
    // Coalesced redraws so far (tests check that a burst of data costs few frames).
    int replotCount() const;

protected:
    // Arms the coalescing timer; the subclass's data is drawn within 50 ms.
    void scheduleReplot();
    // Called once per frame while following: fit the axes to the newest data.
    virtual void followLatest() = 0;
    // The tooltip for a point of the plot area in widget pixels, or empty for none.
    virtual QString toolTipAt(const QPointF &position) const = 0;

    void changeEvent(QEvent *event) override;

private:
    void applyPalette();
    void showToolTip(QMouseEvent *event);

    QCustomPlot *m_plot;
    QToolButton *m_followButton;
    ReplotCoalescer *m_coalescer;
};
