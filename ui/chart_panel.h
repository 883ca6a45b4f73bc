#pragma once

#include <QWidget>
#include <functional>

class BackgroundExecutor;
class QCustomPlot;
class QLabel;
class QPushButton;
class ReplotCoalescer;

// A titled QCustomPlot for charts that show a finished result (scores, evaluation, forecasts,
// memory tuning): palette colors (readable in a dark theme), mouse zoom and pan, hover
// tooltips, an "Export PNG…" button, and redraws coalesced to at most one per
// ReplotCoalescer::IntervalMs. Owners fill plot() and call scheduleReplot().
//
// GUI thread only.
class ChartPanel : public QWidget
{
    Q_OBJECT

public:
    // `exportName` is the file name the PNG export suggests ("rank_ic.png"); the file is written
    // on `executor`, which must outlive the panel.
    ChartPanel(const QString &title, const QString &exportName, BackgroundExecutor &executor,
        QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    void setTitle(const QString &title);
    QString title() const;
    // Returns the tooltip for a point of the plot area (widget pixels), or empty for none.
    void setToolTipProvider(std::function<QString(const QPointF &)> provider);
    // Redraws within ReplotCoalescer::IntervalMs, once however often it is called meanwhile.
    void scheduleReplot();
    int replotCount() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    QCustomPlot *m_plot;
    QLabel *m_title;
    QPushButton *m_exportButton;
    ReplotCoalescer *m_coalescer;
    QString m_exportName;
    std::function<QString(const QPointF &)> m_toolTipProvider;
};
