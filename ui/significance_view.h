#pragma once

#include "eval/evaluation.h"

#include <QWidget>

class QStandardItemModel;
class QTableView;

// The Significance sub-tab: per signal, horizon and figure (IC, RankIC, Q5 − Q1 spread,
// sector-neutral RankIC) the mean of the per-date series, its Newey-West lag, t and two-sided
// p, and the dates behind it (significance.csv as a table). An undefined t says why. GUI thread
// only.
class SignificanceView : public QWidget
{
    Q_OBJECT

public:
    explicit SignificanceView(QWidget *parent = nullptr);

    void showReport(const Eval::EvaluationReport &report);
    QTableView *table() const { return m_view; }

    // Why `estimate`'s t is undefined ("no date with this figure", ...); empty when defined.
    static QString whyUndefined(const Eval::NeweyWestEstimate &estimate);

private:
    QStandardItemModel *m_rows;
    QTableView *m_view;
};
