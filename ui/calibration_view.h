#pragma once

#include "eval/evaluation.h"

#include <QWidget>

class BackgroundExecutor;
class ChartPanel;
class QLabel;
class QStandardItemModel;
class QTableView;

// The Calibration sub-tab: are the model's sampled bands honest? Per horizon the coverage of
// the 10–90% band and the CRPS beside the volatility baseline's (calibration.csv as a table), a
// chart of both coverages against the 80% an honest band reaches, and the PIT histogram of
// every horizon against the flat 10% per bin of a calibrated forecast. A run without samples
// (greedy decoding, a scores file without samples) shows why there is nothing to judge. GUI
// thread only.
class CalibrationView : public QWidget
{
    Q_OBJECT

public:
    explicit CalibrationView(BackgroundExecutor &executor, QWidget *parent = nullptr);

    void showReport(const Eval::EvaluationReport &report);
    QTableView *table() const { return m_view; }
    // Why calibration is n/a, or what the figures mean.
    QLabel *note() const { return m_note; }
    ChartPanel *pitChart() const { return m_pitChart; }
    ChartPanel *coverageChart() const { return m_coverageChart; }

private:
    void drawPit(const Eval::EvaluationReport &report);
    void drawCoverage(const Eval::EvaluationReport &report);

    QLabel *m_note;
    QStandardItemModel *m_rows;
    QTableView *m_view;
    ChartPanel *m_pitChart;
    ChartPanel *m_coverageChart;
};
