#include "ui/accuracy_view.h"

#include "ui/result_table.h"
#include "ui/significance_view.h"

#include <QLabel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace ResultTable;

namespace {

// Why some of the horizon's figures are n/a; empty when all are defined.
QString whyUndefined(const Eval::ForecastAccuracy &accuracy)
{
    if (accuracy.n == 0)
        return AccuracyView::tr("n/a: no (score, forward return) pair at this horizon");
    QStringList reasons;
    if (!accuracy.skillMae)
        reasons << AccuracyView::tr("skill n/a: every forward return is 0");
    if (!accuracy.hitRate)
        reasons << AccuracyView::tr("hit rate n/a: no pair with both signs non-zero");
    if (!accuracy.dieboldMariano.t)
        reasons << AccuracyView::tr("Diebold-Mariano %1")
                       .arg(SignificanceView::whyUndefined(accuracy.dieboldMariano));
    return reasons.join(QStringLiteral("; "));
}

} // namespace

AccuracyView::AccuracyView(QWidget *parent)
    : QWidget(parent)
    , m_rows(new QStandardItemModel(this))
    , m_view(tableView(m_rows, QStringLiteral("accuracyTable"), this))
{
    setObjectName(QStringLiteral("accuracyView"));
    auto *explain = new QLabel(
        tr("The model's score read as a predicted return, against persistence (predicting no "
           "change). Skill = 1 − MAE / MAE of persistence (above 0: better). Diebold-Mariano = "
           "Newey-West t of the per-date mean of e² − r² (below 0: the model's errors are "
           "smaller). Hit rate over pairs where both signs are non-zero."),
        this);
    explain->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explain);
    layout->addWidget(m_view, 1);
}

void AccuracyView::showReport(const Eval::EvaluationReport &report)
{
    m_rows->clear();
    setHeader(m_rows,
        { { tr("Horizon"), tr("Trading days") },
            { tr("Pairs"), tr("(date, ticker) pairs with a score and a forward return") },
            { tr("MAE"), tr("Mean |score − r|") }, { tr("RMSE"), tr("√mean (score − r)²") },
            { tr("MAE persistence"), tr("Mean |r|: the error of predicting no change") },
            { tr("RMSE persistence"), tr("√mean r²") },
            { tr("Skill (MAE)"), tr("1 − MAE / MAE of persistence; above 0 beats persistence") },
            { tr("Hit rate"), tr("Share of pairs where sign(score) = sign(r)") },
            { tr("DM stat"), tr("Diebold-Mariano t; negative: the model's errors are smaller") },
            { tr("DM p"), tr("Two-sided p-value of the Diebold-Mariano t") },
            { tr("Note"), tr("Why a figure is n/a") } });
    for (const Eval::HorizonEvaluation &horizon : report.horizons) {
        const Eval::ForecastAccuracy &accuracy = horizon.accuracy;
        const QString why = whyUndefined(accuracy);
        QList<QStandardItem *> row { textItem(QString::number(horizon.horizon)),
            textItem(QString::number(accuracy.n)), valueItem(accuracy.mae, 5),
            valueItem(accuracy.rmse, 5), valueItem(accuracy.maePersistence, 5),
            valueItem(accuracy.rmsePersistence, 5), percentItem(accuracy.skillMae),
            percentItem(accuracy.hitRate), valueItem(accuracy.dieboldMariano.t, 2),
            valueItem(accuracy.dieboldMariano.p, 4), textItem(why) };
        explainUndefined(row, why);
        m_rows->appendRow(row);
    }
}
