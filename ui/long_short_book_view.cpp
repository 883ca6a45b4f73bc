#include "ui/long_short_book_view.h"

#include "ui/chart_panel.h"
#include "ui/chart_style.h"
#include "ui/result_table.h"
#include "ui/workbench_settings.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <qcustomplot.h>

using namespace ResultTable;

namespace {

constexpr double kMaximumCostBps = 1000.0; // 10% per unit traded: far beyond any real cost

double dateKey(const QDate &date)
{
    return QCPAxisTickerDateTime::dateTimeToKey(date.startOfDay(Qt::UTC));
}

QString whyUndefined(const Eval::LongShortBook &book)
{
    if (book.periods == 0)
        return LongShortBookView::tr("n/a: no date where the Q5 − Q1 spread is defined");
    QStringList reasons;
    if (!book.sharpe)
        reasons << LongShortBookView::tr("Sharpe n/a: needs 2 periods with net returns that vary");
    if (!book.annReturn)
        reasons << LongShortBookView::tr("annualized n/a: the book lost everything");
    return reasons.join(QStringLiteral("; "));
}

} // namespace

LongShortBookView::LongShortBookView(BackgroundExecutor &executor, QWidget *parent)
    : QWidget(parent)
    , m_cost(new QDoubleSpinBox(this))
    , m_rows(new QStandardItemModel(this))
    , m_view(tableView(m_rows, QStringLiteral("bookTable"), this))
    , m_chart(new ChartPanel(
          tr("Wealth of the long-short book"), QStringLiteral("book.png"), executor, this))
{
    setObjectName(QStringLiteral("bookView"));
    m_cost->setObjectName(QStringLiteral("costBpsSpin"));
    m_cost->setRange(0.0, kMaximumCostBps);
    m_cost->setDecimals(1);
    m_cost->setSuffix(tr(" bps"));
    m_cost->setToolTip(tr("Cost per unit traded, in basis points: a date where both sides are "
                          "replaced trades 2 units"));
    m_cost->setValue(
        WorkbenchSettings().value(WorkbenchSettings::Key::EvaluationCostBps).toDouble());
    m_chart->setObjectName(QStringLiteral("bookChart"));

    auto *costLabel = new QLabel(tr("Cos&t:"), this);
    costLabel->setBuddy(m_cost);
    auto *explain = new QLabel(tr("Long Q5, short Q1, held for the horizon: dates at least h "
                                  "rows apart, so holding periods never overlap. Net = gross − "
                                  "cost × units traded."),
        this);
    explain->setWordWrap(true);
    auto *controls = new QHBoxLayout;
    controls->addWidget(costLabel);
    controls->addWidget(m_cost);
    controls->addWidget(explain, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(m_chart);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(split, 1);

    connect(m_cost, &QDoubleSpinBox::valueChanged, this, [this](double cost) {
        WorkbenchSettings().setValue(WorkbenchSettings::Key::EvaluationCostBps, cost);
        Q_EMIT costChanged(cost);
    });
}

double LongShortBookView::costBps() const
{
    return m_cost->value();
}

void LongShortBookView::showReport(const Eval::EvaluationReport &report, int horizon)
{
    m_rows->clear();
    setHeader(m_rows,
        { { tr("Signal"), tr("The model or a baseline") }, { tr("Horizon"), tr("Trading days") },
            { tr("Cost"), tr("Basis points per unit traded") },
            { tr("Periods"), tr("Non-overlapping holding periods") },
            { tr("Mean gross"), tr("Mean Q5 − Q1 return per period") },
            { tr("Mean net"), tr("Mean return per period after costs") },
            { tr("Cumulative net"), tr("Π(1 + net) − 1") },
            { tr("Annualized"), tr("(1 + cumulative)^(252 / (h · periods)) − 1") },
            { tr("Sharpe"), tr("Mean net / std net · √(252 / h)") },
            { tr("Max drawdown"), tr("Largest fall of the net wealth from its peak") },
            { tr("Note"), tr("Why a figure is n/a") } });
    for (Eval::SignalKind kind : Eval::kSignalKinds) {
        for (const Eval::HorizonEvaluation &evaluation : report.horizons) {
            const Eval::LongShortBook &book = evaluation.signal(kind).book;
            const QString why = whyUndefined(book);
            QList<QStandardItem *> row { textItem(Eval::signalName(kind)),
                textItem(QString::number(evaluation.horizon)),
                textItem(QString::number(book.costBps)), textItem(QString::number(book.periods)),
                percentItem(book.meanGross, 3), percentItem(book.meanNet, 3),
                percentItem(book.cumNet), percentItem(book.annReturn), valueItem(book.sharpe, 2),
                percentItem(book.maxDrawdown), textItem(why) };
            explainUndefined(row, why);
            m_rows->appendRow(row);
        }
    }
    m_chart->plot()->clearPlottables();
    for (const Eval::HorizonEvaluation &evaluation : report.horizons) {
        if (evaluation.horizon == horizon)
            drawCurves(evaluation);
    }
    m_chart->scheduleReplot();
}

void LongShortBookView::drawCurves(const Eval::HorizonEvaluation &horizon)
{
    QCustomPlot *plot = m_chart->plot();
    m_chart->setTitle(tr("Wealth of the long-short book, %1 days, %2 bps")
                          .arg(horizon.horizon)
                          .arg(horizon.model.book.costBps));
    const auto addCurve
        = [plot](const Eval::LongShortBook &book, const QString &name, const QPen &pen, bool net) {
              QCPGraph *graph = plot->addGraph();
              graph->setName(name);
              graph->setPen(pen);
              for (const Eval::BookPeriod &period : book.curve)
                  graph->addData(dateKey(period.date), net ? period.wealthNet : period.wealthGross);
          };
    addCurve(horizon.model.book, tr("model gross"), QPen(ChartStyle::positive(), 1, Qt::DashLine),
        false);
    addCurve(horizon.model.book, tr("model net"), QPen(ChartStyle::positive(), 2), true);
    addCurve(horizon.momentum.book, tr("momentum net"), QPen(ChartStyle::accent(), 1), true);
    addCurve(horizon.reversal.book, tr("reversal net"), QPen(ChartStyle::muted(), 1), true);
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeFormat(QStringLiteral("yyyy-MM"));
    ticker->setDateTimeSpec(Qt::UTC);
    plot->xAxis->setTicker(ticker);
    plot->yAxis->setLabel(tr("Wealth (start = 1)"));
    plot->legend->setVisible(true);
    plot->rescaleAxes();
    ChartStyle::zoomAlong(plot->xAxis);
}
