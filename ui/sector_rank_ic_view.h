#pragma once

#include "eval/evaluation.h"

#include <QWidget>

class BackgroundExecutor;
class ChartPanel;
class QLabel;
class QStandardItemModel;
class QTableView;

// The Sectors sub-tab: the mean RankIC within each sector at the shown horizon, the model's as
// a bar chart, every signal's in a table (sector_rank_ic.csv), and how many names had no sector
// (they count as "Unknown"). GUI thread only.
class SectorRankIcView : public QWidget
{
    Q_OBJECT

public:
    explicit SectorRankIcView(BackgroundExecutor &executor, QWidget *parent = nullptr);

    void showReport(const Eval::EvaluationReport &report, int horizon);
    QTableView *table() const { return m_view; }
    ChartPanel *chart() const { return m_chart; }
    QLabel *note() const { return m_note; }

private:
    void drawBars(const Eval::HorizonEvaluation &horizon);

    QLabel *m_note;
    QStandardItemModel *m_rows;
    QTableView *m_view;
    ChartPanel *m_chart;
};
