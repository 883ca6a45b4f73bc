#pragma once

#include "eval/evaluation.h"

#include <QWidget>

class BackgroundExecutor;
class ChartPanel;
class QLabel;
class QStandardItemModel;
class QTableView;

// The IC decay sub-tab: how the mean RankIC of each signal changes with the horizon — over
// every horizon up to a run's longest predicted path, or over the evaluated horizons of a
// scores file (ic_decay.csv as a chart and a table). GUI thread only.
class IcDecayView : public QWidget
{
    Q_OBJECT

public:
    explicit IcDecayView(BackgroundExecutor &executor, QWidget *parent = nullptr);

    void showReport(const Eval::EvaluationReport &report);
    QTableView *table() const { return m_view; }
    ChartPanel *chart() const { return m_chart; }

private:
    QLabel *m_note;
    QStandardItemModel *m_rows;
    QTableView *m_view;
    ChartPanel *m_chart;
};
