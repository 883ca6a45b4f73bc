#include "ui/sector_rank_ic_view.h"

#include "ui/chart_panel.h"
#include "ui/chart_style.h"
#include "ui/result_table.h"

#include <QLabel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <array>
#include <map>
#include <qcustomplot.h>

using namespace ResultTable;

SectorRankIcView::SectorRankIcView(BackgroundExecutor &executor, QWidget *parent)
    : QWidget(parent)
    , m_note(new QLabel(this))
    , m_rows(new QStandardItemModel(this))
    , m_view(tableView(m_rows, QStringLiteral("sectorRankIcTable"), this))
    , m_chart(new ChartPanel(
          tr("The model's RankIC by sector"), QStringLiteral("sectors.png"), executor, this))
{
    setObjectName(QStringLiteral("sectorView"));
    m_note->setObjectName(QStringLiteral("sectorNote"));
    m_note->setWordWrap(true);
    m_chart->setObjectName(QStringLiteral("sectorChart"));
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_chart);
    split->addWidget(m_view);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(split, 1);
}

void SectorRankIcView::showReport(const Eval::EvaluationReport &report, int horizon)
{
    m_rows->clear();
    setHeader(m_rows,
        { { tr("Sector"), tr("GICS sector; names without one are Unknown") },
            { tr("Model RankIC"), tr("Mean Spearman correlation within the sector") },
            { tr("Dates"), tr("Dates where the sector had 5 names with varying figures") },
            { tr("Momentum RankIC"), tr("The momentum baseline's, within the sector") },
            { tr("Reversal RankIC"), tr("The reversal baseline's, within the sector") } });
    m_chart->plot()->clearPlottables();
    QString note = tr("Mean RankIC within each sector at %1 days, on dates where the sector has "
                      "at least 5 names.")
                       .arg(horizon);
    if (report.tickersWithoutSector > 0)
        note += QLatin1Char(' ')
            + tr("%n ticker(s) without a sector count as Unknown (import a ticker,sector file "
                 "to name them).",
                nullptr, report.tickersWithoutSector);
    for (const Eval::HorizonEvaluation &evaluation : report.horizons) {
        if (evaluation.horizon != horizon)
            continue;
        // sector -> mean per signal, in kSignalKinds order
        std::map<QString, std::array<const Eval::SectorRankIc *, 3>> bySector;
        for (int k = 0; k < 3; ++k) {
            for (const Eval::SectorRankIc &sector :
                evaluation.signal(Eval::kSignalKinds[k]).sectorRankIc)
                bySector[sector.sector][k] = &sector;
        }
        if (bySector.empty())
            note = tr("RankIC by sector n/a at %1 days: no sector had 5 names with a score and "
                      "a forward return on any date.")
                       .arg(horizon);
        const QString missing = tr("n/a: the sector never had 5 names for this signal");
        for (const auto &[sector, perSignal] : bySector) {
            QList<QStandardItem *> row { textItem(sector),
                valueItem(perSignal[0] ? std::optional(perSignal[0]->mean) : std::nullopt),
                textItem(perSignal[0] ? QString::number(perSignal[0]->dates) : QString()),
                valueItem(perSignal[1] ? std::optional(perSignal[1]->mean) : std::nullopt),
                valueItem(perSignal[2] ? std::optional(perSignal[2]->mean) : std::nullopt) };
            explainUndefined(row, missing);
            m_rows->appendRow(row);
        }
        drawBars(evaluation);
    }
    m_note->setText(note);
    m_chart->scheduleReplot();
}

void SectorRankIcView::drawBars(const Eval::HorizonEvaluation &horizon)
{
    QCustomPlot *plot = m_chart->plot();
    // Bars along the value axis, one row per sector, the first sector at the top.
    auto *bars = new QCPBars(plot->yAxis, plot->xAxis);
    bars->setName(tr("model"));
    bars->setPen(Qt::NoPen);
    bars->setBrush(ChartStyle::positive());
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const std::vector<Eval::SectorRankIc> &sectors = horizon.model.sectorRankIc;
    const int count = int(sectors.size());
    for (int k = 0; k < count; ++k) {
        const int key = count - 1 - k;
        ticker->addTick(key, sectors[size_t(k)].sector);
        bars->addData(key, sectors[size_t(k)].mean);
    }
    plot->yAxis->setTicker(ticker);
    plot->yAxis->setRange(-0.6, count - 0.4);
    plot->xAxis->setLabel(tr("Mean RankIC"));
    ChartStyle::fitValueAxis(plot->xAxis, 1.2);
}
