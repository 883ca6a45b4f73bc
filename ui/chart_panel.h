#pragma once

#include "run/run_identity.h"

#include <QFuture>
#include <QWidget>
#include <functional>

class BackgroundExecutor;
class QCustomPlot;
class QLabel;
class QPushButton;
class QScrollArea;
class ReplotCoalescer;

// A titled QCustomPlot for charts that show a finished result (scores, evaluation, forecasts,
// memory tuning): palette colors (readable in a dark theme), mouse zoom and pan, hover
// tooltips, an "Export PNG…" button (the picture carries the title and the run; the panel says
// where it went), and redraws coalesced to at most one per ReplotCoalescer::IntervalMs. Owners
// fill plot() and call scheduleReplot().
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
    // The run the chart shows: named in exported pictures and their suggested file names.
    void setRun(const RunIdentity &run);
    // "<run name> scores.png", or the export name alone without a run.
    QString suggestedFileName() const;
    // Writes the picture to `path` (ChartPngExport) and says in the header where it went.
    QFuture<QString> exportPng(const QString &path);
    // The last export's confirmation, empty before one.
    QString exportStatus() const;
    // Makes the plot `pixels` tall, in a vertical scroll area when the panel is shorter (the
    // mouse wheel then scrolls); 0 fits the plot to the panel again.
    void setPlotHeight(int pixels);
    // Returns the tooltip for a point of the plot area (widget pixels), or empty for none.
    void setToolTipProvider(std::function<QString(const QPointF &)> provider);
    // What hovering `position` (plot pixels) shows.
    QString toolTipAt(const QPointF &position) const;
    // Redraws within ReplotCoalescer::IntervalMs, once however often it is called meanwhile.
    void scheduleReplot();
    int replotCount() const;

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QCustomPlot *m_plot;
    QScrollArea *m_scroll;
    QLabel *m_title;
    QPushButton *m_exportButton;
    QLabel *m_exportStatus;
    ReplotCoalescer *m_coalescer;
    BackgroundExecutor &m_executor;
    QString m_exportName;
    RunIdentity m_run;
    std::function<QString(const QPointF &)> m_toolTipProvider;
};
