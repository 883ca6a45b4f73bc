#include "ui/significance_view.h"

#include "ui/result_table.h"

#include <QLabel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace ResultTable;

SignificanceView::SignificanceView(QWidget *parent)
    : QWidget(parent)
    , m_rows(new QStandardItemModel(this))
    , m_view(tableView(m_rows, QStringLiteral("significanceTable"), this))
{
    setObjectName(QStringLiteral("significanceView"));
    auto *explain = new QLabel(
        tr("Means of the per-date figures with their Newey-West t: windows of h days measured "
           "every few days overlap, so the t allows for autocorrelation up to a lag L = "
           "⌈h / median spacing⌉ − 1. p is two-sided."),
        this);
    explain->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explain);
    layout->addWidget(m_view, 1);
}

QString SignificanceView::whyUndefined(const Eval::NeweyWestEstimate &estimate)
{
    switch (estimate.status) {
    case Eval::NeweyWestStatus::Defined:
        return {};
    case Eval::NeweyWestStatus::NoDates:
        return tr("n/a: no date where this figure is defined");
    case Eval::NeweyWestStatus::ZeroVariance:
        return tr("n/a: the per-date values do not vary (%n date(s)), so t is undefined", nullptr,
            estimate.dates);
    }
    return {};
}

void SignificanceView::showReport(const Eval::EvaluationReport &report)
{
    m_rows->clear();
    setHeader(m_rows,
        { { tr("Signal"), tr("The model or a baseline") }, { tr("Horizon"), tr("Trading days") },
            { tr("Metric"), tr("The per-date figure tested") },
            { tr("Mean"), tr("Mean of the per-date figure") },
            { tr("NW lag"), tr("Newey-West lag L") },
            { tr("NW t"), tr("Newey-West t-statistic of the mean") },
            { tr("p"), tr("Two-sided p-value of the Newey-West t") },
            { tr("Dates"), tr("Dates where the figure is defined") },
            { tr("Note"), tr("Why a figure is n/a") } });
    for (Eval::SignalKind kind : Eval::kSignalKinds) {
        for (const Eval::HorizonEvaluation &horizon : report.horizons) {
            const Eval::SignalSignificance &significance = horizon.signal(kind).significance;
            const QList<QPair<QString, const Eval::NeweyWestEstimate *>> metrics {
                { tr("IC"), &significance.ic },
                { tr("RankIC"), &significance.rankIc },
                { tr("Q5 − Q1 spread"), &significance.spread },
                { tr("Sector-neutral RankIC"), &significance.sectorNeutralRankIc },
            };
            for (const auto &[metric, estimate] : metrics) {
                const QString why = whyUndefined(*estimate);
                QList<QStandardItem *> row { textItem(Eval::signalName(kind)),
                    textItem(QString::number(horizon.horizon)), textItem(metric),
                    valueItem(estimate->mean), textItem(QString::number(estimate->lag)),
                    valueItem(estimate->t, 2), valueItem(estimate->p, 4),
                    textItem(QString::number(estimate->dates)), textItem(why) };
                explainUndefined(row, why);
                m_rows->appendRow(row);
            }
        }
    }
}
