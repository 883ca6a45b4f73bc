#include "ui/calibration_view.h"

#include "ui/chart_panel.h"
#include "ui/chart_style.h"
#include "ui/result_table.h"

#include <QLabel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <qcustomplot.h>

using namespace ResultTable;

namespace {

constexpr double kHonestCoverage = 0.8; // of a 10-90% band
constexpr double kFlatPitShare = 1.0 / Eval::kPitBins;

bool judged(const Eval::HorizonEvaluation &horizon)
{
    return horizon.calibration && horizon.calibration->n > 0;
}

// A dashed horizontal line at `value` across [left, right], named for the legend.
void referenceLine(QCustomPlot *plot, double left, double right, double value, const QString &name)
{
    QCPGraph *line = plot->addGraph();
    line->setName(name);
    line->setPen(QPen(ChartStyle::reference(), 1.5, Qt::DashLine));
    line->setData({ left, right }, { value, value });
}

} // namespace

CalibrationView::CalibrationView(BackgroundExecutor &executor, QWidget *parent)
    : QWidget(parent)
    , m_note(new QLabel(this))
    , m_rows(new QStandardItemModel(this))
    , m_view(tableView(m_rows, QStringLiteral("calibrationTable"), this))
    , m_pitChart(new ChartPanel(tr("PIT histogram (flat at 10% when calibrated)"),
          QStringLiteral("pit.png"), executor, this))
    , m_coverageChart(new ChartPanel(tr("Coverage of the 10–90% band: model vs baseline"),
          QStringLiteral("coverage.png"), executor, this))
{
    setObjectName(QStringLiteral("calibrationView"));
    m_note->setObjectName(QStringLiteral("calibrationNote"));
    m_note->setWordWrap(true);
    m_pitChart->setObjectName(QStringLiteral("pitChart"));
    m_coverageChart->setObjectName(QStringLiteral("coverageChart"));
    auto *charts = new QSplitter(Qt::Horizontal, this);
    charts->addWidget(m_pitChart);
    charts->addWidget(m_coverageChart);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_view);
    layout->addWidget(charts, 1);
}

void CalibrationView::showReport(const Eval::EvaluationReport &report)
{
    m_rows->clear();
    setHeader(m_rows,
        { { tr("Horizon"), tr("Trading days") },
            { tr("Forecasts"),
                tr("Sampled forecasts with a forward return and 61 closes behind them") },
            { tr("Coverage 10–90%"), tr("Share of outcomes inside the band; 80% when honest") },
            { tr("Baseline coverage"),
                tr("The same for N(0, (σ√h)²), σ the name's 60-day volatility") },
            { tr("CRPS"),
                tr("Continuous ranked probability score in log returns; lower is better") },
            { tr("Baseline CRPS"), tr("CRPS of the volatility baseline") },
            { tr("Note"), tr("Why a figure is n/a") } });
    const bool sampled = report.sampledForecasts > 0;
    for (const Eval::HorizonEvaluation &horizon : report.horizons) {
        const Eval::ForecastCalibration c
            = horizon.calibration.value_or(Eval::ForecastCalibration {});
        const QString why = !sampled ? tr("n/a: no samples to judge")
            : c.n == 0 ? tr("n/a: no sampled forecast at this horizon has a forward return and "
                            "61 closes behind it (the baseline's 60-day volatility)")
                       : QString();
        QList<QStandardItem *> row { textItem(QString::number(horizon.horizon)),
            textItem(QString::number(c.n)), percentItem(c.coverage, 1),
            percentItem(c.coverageBaseline, 1), valueItem(c.crps, 5), valueItem(c.crpsBaseline, 5),
            textItem(why) };
        explainUndefined(row, why);
        m_rows->appendRow(row);
    }

    bool anyJudged = false;
    for (const Eval::HorizonEvaluation &horizon : report.horizons)
        anyJudged = anyJudged || judged(horizon);
    if (!sampled)
        m_note->setText(
            tr("Calibration n/a: this evaluation has no sampled forecasts, so there is no band "
               "to judge. A run scored with greedy decoding has one path per series: score with "
               "sampling (a sample count above 1), or give a scores file its samples, to see the "
               "PIT histogram and the coverage beside the baseline's."));
    else if (!anyJudged)
        m_note->setText(tr("Calibration n/a: %n sampled forecast(s), but none has a forward "
                           "return and 61 closes behind it (the baseline's 60-day volatility).",
            nullptr, report.sampledForecasts));
    else
        m_note->setText(
            tr("%n sampled forecast(s). An honest 10–90% band covers 80% of outcomes and its PIT "
               "histogram is flat at 10% per bin; a U shape means bands too narrow, a hump too "
               "wide. The baseline is N(0, (σ√h)²), σ the name's volatility over the last 60 "
               "days.",
                nullptr, report.sampledForecasts));
    // Empty charts keep their place (and their reference lines); their titles say why.
    const QString empty = anyJudged ? QString() : tr(" — n/a, see above");
    m_pitChart->setTitle(tr("PIT histogram (flat at 10% when calibrated)") + empty);
    m_coverageChart->setTitle(tr("Coverage of the 10–90% band: model vs baseline") + empty);
    drawPit(report);
    drawCoverage(report);
}

void CalibrationView::drawPit(const Eval::EvaluationReport &report)
{
    QCustomPlot *plot = m_pitChart->plot();
    plot->clearPlottables();
    auto *group = new QCPBarsGroup(plot);
    group->setSpacingType(QCPBarsGroup::stPlotCoords);
    group->setSpacing(0.0);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int bin = 0; bin < Eval::kPitBins; ++bin)
        ticker->addTick(bin, QString::number(bin / 10.0, 'f', 1));
    const auto judgedCount
        = std::count_if(report.horizons.cbegin(), report.horizons.cend(), judged);
    int index = 0;
    for (const Eval::HorizonEvaluation &horizon : report.horizons) {
        if (!judged(horizon))
            continue;
        auto *bars = new QCPBars(plot->xAxis, plot->yAxis);
        bars->setName(tr("%1 days").arg(horizon.horizon));
        bars->setBrush(ChartStyle::category(index++));
        bars->setPen(Qt::NoPen);
        // The horizons' bars side by side within their bin, however many horizons there are.
        bars->setWidth(0.8 / double(judgedCount));
        bars->setBarsGroup(group);
        for (int bin = 0; bin < Eval::kPitBins; ++bin)
            bars->addData(bin, horizon.calibration->pitShares[bin].value_or(0.0) * 100.0);
    }
    referenceLine(plot, -0.5, Eval::kPitBins - 0.5, kFlatPitShare * 100.0, tr("calibrated (10%)"));
    plot->xAxis->setTicker(ticker);
    plot->xAxis->setLabel(tr("PIT bin (lower edge)"));
    plot->yAxis->setLabel(tr("Share of forecasts (%)"));
    plot->xAxis->setRange(-0.6, Eval::kPitBins - 0.4);
    plot->legend->setVisible(true);
    ChartStyle::fitValueAxis(plot->yAxis, 1.15);
    m_pitChart->scheduleReplot();
}

void CalibrationView::drawCoverage(const Eval::EvaluationReport &report)
{
    QCustomPlot *plot = m_coverageChart->plot();
    plot->clearPlottables();
    auto *group = new QCPBarsGroup(plot);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    auto *model = new QCPBars(plot->xAxis, plot->yAxis);
    model->setName(tr("model band"));
    model->setBrush(ChartStyle::positive());
    auto *baseline = new QCPBars(plot->xAxis, plot->yAxis);
    baseline->setName(tr("volatility baseline"));
    baseline->setBrush(ChartStyle::muted());
    for (QCPBars *bars : { model, baseline }) {
        bars->setPen(Qt::NoPen);
        bars->setWidth(0.35);
        bars->setBarsGroup(group);
    }
    int key = 0;
    for (const Eval::HorizonEvaluation &horizon : report.horizons) {
        if (!judged(horizon))
            continue;
        ticker->addTick(key, tr("%1 days").arg(horizon.horizon));
        if (horizon.calibration->coverage)
            model->addData(key, *horizon.calibration->coverage * 100.0);
        if (horizon.calibration->coverageBaseline)
            baseline->addData(key, *horizon.calibration->coverageBaseline * 100.0);
        ++key;
    }
    referenceLine(plot, -0.6, key - 0.4, kHonestCoverage * 100.0, tr("honest (80%)"));
    plot->xAxis->setTicker(ticker);
    plot->xAxis->setRange(-0.6, key - 0.4);
    plot->yAxis->setLabel(tr("Outcomes inside the band (%)"));
    plot->yAxis->setRange(0, 100);
    plot->legend->setVisible(true);
    m_coverageChart->scheduleReplot();
}
