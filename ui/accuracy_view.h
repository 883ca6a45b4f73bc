#pragma once

#include "eval/evaluation.h"

#include <QWidget>

class QStandardItemModel;
class QTableView;

// The Accuracy sub-tab: per horizon the model's score read as a predicted return against
// persistence (predicting no change) — MAE, RMSE, both for persistence, the MAE skill, the hit
// rate, and the Diebold-Mariano test of the squared errors (accuracy.csv as a table). Every n/a
// says why in its tooltip and in the Note column. GUI thread only.
class AccuracyView : public QWidget
{
    Q_OBJECT

public:
    explicit AccuracyView(QWidget *parent = nullptr);

    void showReport(const Eval::EvaluationReport &report);
    QTableView *table() const { return m_view; }

private:
    QStandardItemModel *m_rows;
    QTableView *m_view;
};
