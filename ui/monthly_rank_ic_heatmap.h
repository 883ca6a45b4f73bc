#pragma once

#include "eval/evaluation.h"

#include <QWidget>

class QLabel;
class QStandardItemModel;
class QTableView;

// The Monthly heatmap sub-tab: the model's mean RankIC per calendar month at the shown horizon
// (monthly_rank_ic.csv), one row per year, one column per month, each cell coloured by its sign
// and size; its tooltip gives the dates behind it. A month without a RankIC stays empty and
// says why. GUI thread only.
class MonthlyRankIcHeatmap : public QWidget
{
    Q_OBJECT

public:
    explicit MonthlyRankIcHeatmap(QWidget *parent = nullptr);

    void showReport(const Eval::EvaluationReport &report, int horizon);
    QTableView *table() const { return m_view; }

private:
    QLabel *m_title;
    QStandardItemModel *m_cells;
    QTableView *m_view;
};
