#pragma once

#include "eval/evaluation.h"

#include <QWidget>

class BackgroundExecutor;
class ChartPanel;
class QDoubleSpinBox;
class QStandardItemModel;
class QTableView;

// The Book sub-tab: what a trader would have earned long quintile 5 and short quintile 1, held
// for the horizon, after a cost per unit traded. The cost field (basis points, remembered in
// WorkbenchSettings) asks for a new evaluation when it changes; the table shows every signal's
// book at every horizon (portfolio.csv), the chart the wealth curves of the shown horizon:
// the model gross and net, the baselines net. GUI thread only.
class LongShortBookView : public QWidget
{
    Q_OBJECT

public:
    explicit LongShortBookView(BackgroundExecutor &executor, QWidget *parent = nullptr);

    // The cost the next evaluation should charge.
    double costBps() const;
    void showReport(const Eval::EvaluationReport &report, int horizon);
    QTableView *table() const { return m_view; }
    ChartPanel *chart() const { return m_chart; }

Q_SIGNALS:
    // The user changed the cost (already remembered).
    void costChanged(double costBps);

private:
    void drawCurves(const Eval::HorizonEvaluation &horizon);

    QDoubleSpinBox *m_cost;
    QStandardItemModel *m_rows;
    QTableView *m_view;
    ChartPanel *m_chart;
};
