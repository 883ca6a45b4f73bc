#include "ui/ic_decay_view.h"

#include "ui/chart_panel.h"
#include "ui/chart_style.h"
#include "ui/result_table.h"

#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <qcustomplot.h>

using namespace ResultTable;

namespace {

QColor signalColor(Eval::SignalKind kind)
{
    switch (kind) {
    case Eval::SignalKind::Model:
        return ChartStyle::positive();
    case Eval::SignalKind::Momentum:
        return ChartStyle::accent();
    case Eval::SignalKind::Reversal:
        break;
    }
    return ChartStyle::muted();
}

} // namespace

IcDecayView::IcDecayView(BackgroundExecutor &executor, QWidget *parent)
    : QWidget(parent)
    , m_note(new QLabel(this))
    , m_rows(new QStandardItemModel(this))
    , m_view(tableView(m_rows, QStringLiteral("icDecayTable"), this))
    , m_chart(
          new ChartPanel(tr("RankIC by horizon"), QStringLiteral("ic_decay.png"), executor, this))
{
    setObjectName(QStringLiteral("icDecayView"));
    m_note->setObjectName(QStringLiteral("icDecayNote"));
    m_note->setWordWrap(true);
    m_chart->setObjectName(QStringLiteral("icDecayChart"));
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_chart);
    split->addWidget(m_view);
    split->setStretchFactor(0, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(split, 1);
}

void IcDecayView::showReport(const Eval::EvaluationReport &report)
{
    bool beyondEvaluated = false;
    for (const Eval::IcDecayPoint &point : report.icDecay) {
        bool evaluated = false;
        for (const Eval::HorizonEvaluation &horizon : report.horizons)
            evaluated = evaluated || horizon.horizon == point.horizon;
        beyondEvaluated = beyondEvaluated || !evaluated;
    }
    m_note->setText(beyondEvaluated
            ? tr("Every horizon up to the run's longest predicted path, scored from the stored "
                 "paths: where the model's edge fades.")
            : tr("The evaluated horizons only: these scores have no predicted paths (a scores "
                 "file, or a run stored before paths were kept), so the horizons between cannot "
                 "be scored."));

    m_rows->clear();
    setHeader(m_rows,
        { { tr("Signal"), tr("The model or a baseline") }, { tr("Horizon"), tr("Trading days") },
            { tr("IC"), tr("Mean Pearson correlation of score and forward return") },
            { tr("RankIC"), tr("Mean Spearman correlation of score and forward return") },
            { tr("RankIC NW t"), tr("Newey-West t of the RankIC") } });
    QCustomPlot *plot = m_chart->plot();
    plot->clearPlottables();
    for (Eval::SignalKind kind : Eval::kSignalKinds) {
        QCPGraph *graph = plot->addGraph();
        graph->setName(Eval::signalName(kind));
        graph->setPen(QPen(signalColor(kind), kind == Eval::SignalKind::Model ? 2 : 1));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
        for (const Eval::IcDecayPoint &point : report.icDecay) {
            if (point.signal != kind)
                continue;
            const QString why
                = point.rankIcMean ? QString() : tr("n/a: no date with a RankIC at this horizon");
            QList<QStandardItem *> row { textItem(Eval::signalName(kind)),
                textItem(QString::number(point.horizon)), valueItem(point.icMean),
                valueItem(point.rankIcMean), valueItem(point.rankIcNeweyWestT, 2) };
            explainUndefined(row, why);
            m_rows->appendRow(row);
            if (point.rankIcMean)
                graph->addData(point.horizon, *point.rankIcMean);
        }
    }
    plot->xAxis->setTicker(ChartStyle::wholeNumberTicker());
    plot->xAxis->setLabel(tr("Horizon (trading days)"));
    plot->yAxis->setLabel(tr("Mean RankIC"));
    plot->legend->setVisible(true);
    plot->rescaleAxes();
    const QCPRange keys = plot->xAxis->range();
    plot->xAxis->setRange(keys.lower - 1, keys.upper + 1);
    ChartStyle::fitValueAxis(plot->yAxis, 1.2);
    m_chart->scheduleReplot();
    // The table keeps every column in view; the chart takes the rest.
    m_view->setMinimumWidth(m_view->horizontalHeader()->length() + 2 * m_view->frameWidth()
        + m_view->verticalScrollBar()->sizeHint().width());
}
