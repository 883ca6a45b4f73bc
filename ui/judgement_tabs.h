#pragma once

#include "eval/evaluation.h"

#include <QObject>

class BackgroundExecutor;
class AccuracyView;
class CalibrationView;
class IcDecayView;
class LongShortBookView;
class MonthlyRankIcHeatmap;
class QTabWidget;
class SectorRankIcView;
class SignificanceView;

// The sub-tabs of the Evaluation tab that judge the forecasts: Significance, Accuracy,
// Calibration, Book (with its cost field), IC decay, Monthly heatmap and Sectors, added to
// `tabs` (which owns them) in that order. One call shows a report in all of them. GUI thread
// only.
class JudgementTabs : public QObject
{
    Q_OBJECT

public:
    JudgementTabs(BackgroundExecutor &executor, QTabWidget *tabs);

    // Shows `report`; the book's curves, the heatmap and the sectors at `horizon`.
    void showReport(const Eval::EvaluationReport &report, int horizon);
    // The cost of the book the next evaluation should charge, basis points.
    double costBps() const;

    SignificanceView *significance() const { return m_significance; }
    AccuracyView *accuracy() const { return m_accuracy; }
    CalibrationView *calibration() const { return m_calibration; }
    LongShortBookView *book() const { return m_book; }
    IcDecayView *icDecay() const { return m_icDecay; }
    MonthlyRankIcHeatmap *monthly() const { return m_monthly; }
    SectorRankIcView *sectors() const { return m_sectors; }

Q_SIGNALS:
    // The user changed the book's cost: the report should be evaluated again.
    void costChanged(double costBps);

private:
    SignificanceView *m_significance;
    AccuracyView *m_accuracy;
    CalibrationView *m_calibration;
    LongShortBookView *m_book;
    IcDecayView *m_icDecay;
    MonthlyRankIcHeatmap *m_monthly;
    SectorRankIcView *m_sectors;
};
