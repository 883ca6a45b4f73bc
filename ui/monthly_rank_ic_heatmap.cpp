#include "ui/monthly_rank_ic_heatmap.h"

#include "ui/chart_style.h"
#include "ui/result_table.h"

#include <QLabel>
#include <QLocale>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <map>

using namespace ResultTable;

namespace {

constexpr int kMonths = 12;
constexpr double kStrongestAlpha = 0.85; // the largest |RankIC| of the table

} // namespace

MonthlyRankIcHeatmap::MonthlyRankIcHeatmap(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_cells(new QStandardItemModel(this))
    , m_view(tableView(m_cells, QStringLiteral("monthlyRankIcTable"), this))
{
    setObjectName(QStringLiteral("monthlyHeatmapView"));
    m_title->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_view, 1);
}

void MonthlyRankIcHeatmap::showReport(const Eval::EvaluationReport &report, int horizon)
{
    m_cells->clear();
    QList<QPair<QString, QString>> columns { { tr("Year"), tr("Calendar year") } };
    for (int month = 1; month <= kMonths; ++month)
        columns.append({ QLocale::c().monthName(month, QLocale::ShortFormat),
            tr("Mean RankIC of the month's evaluation dates") });
    setHeader(m_cells, columns);
    m_title->setText(tr("The model's mean RankIC per month at %1 days: green above 0, red "
                        "below, stronger for larger values.")
                         .arg(horizon));

    const Eval::HorizonEvaluation *shown = nullptr;
    for (const Eval::HorizonEvaluation &evaluation : report.horizons) {
        if (evaluation.horizon == horizon)
            shown = &evaluation;
    }
    if (!shown)
        return;
    const std::vector<Eval::MonthlyRankIc> &months = shown->model.monthlyRankIc;
    if (months.empty()) {
        m_title->setText(tr("Monthly RankIC n/a at %1 days: no evaluation date has a RankIC (it "
                            "needs 5 names with a score and a forward return).")
                             .arg(horizon));
        return;
    }
    double strongest = 0.0;
    std::map<int, std::map<int, const Eval::MonthlyRankIc *>> byYear;
    for (const Eval::MonthlyRankIc &month : months) {
        byYear[month.year][month.month] = &month;
        strongest = std::max(strongest, std::abs(month.mean));
    }
    for (const auto &[year, inYear] : byYear) {
        QList<QStandardItem *> row { textItem(QString::number(year)) };
        for (int month = 1; month <= kMonths; ++month) {
            const auto found = inYear.find(month);
            if (found == inYear.end()) {
                QStandardItem *empty = textItem(QString());
                empty->setToolTip(tr("No evaluation date with a RankIC in this month"));
                row.append(empty);
                continue;
            }
            const Eval::MonthlyRankIc &cell = *found->second;
            QStandardItem *item = valueItem(cell.mean, 3);
            item->setToolTip(tr("%1-%2: mean RankIC %3 over %n date(s)", nullptr, cell.dates)
                                 .arg(year)
                                 .arg(month, 2, 10, QLatin1Char('0'))
                                 .arg(formatValue(cell.mean)));
            QColor color = cell.mean >= 0 ? ChartStyle::positive() : ChartStyle::negative();
            color.setAlphaF(
                float(strongest > 0 ? kStrongestAlpha * std::abs(cell.mean) / strongest : 0.0));
            item->setBackground(color);
            row.append(item);
        }
        m_cells->appendRow(row);
    }
}
