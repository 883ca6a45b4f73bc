#include "ui/judgement_tabs.h"

#include "ui/accuracy_view.h"
#include "ui/calibration_view.h"
#include "ui/ic_decay_view.h"
#include "ui/long_short_book_view.h"
#include "ui/monthly_rank_ic_heatmap.h"
#include "ui/sector_rank_ic_view.h"
#include "ui/significance_view.h"

#include <QTabWidget>

JudgementTabs::JudgementTabs(BackgroundExecutor &executor, QTabWidget *tabs)
    : QObject(tabs)
    , m_significance(new SignificanceView(tabs))
    , m_accuracy(new AccuracyView(tabs))
    , m_calibration(new CalibrationView(executor, tabs))
    , m_book(new LongShortBookView(executor, tabs))
    , m_icDecay(new IcDecayView(executor, tabs))
    , m_monthly(new MonthlyRankIcHeatmap(tabs))
    , m_sectors(new SectorRankIcView(executor, tabs))
{
    tabs->addTab(m_significance, tr("Si&gnificance"));
    tabs->addTab(m_accuracy, tr("&Accuracy"));
    tabs->addTab(m_calibration, tr("Ca&libration"));
    tabs->addTab(m_book, tr("&Book"));
    tabs->addTab(m_icDecay, tr("&IC decay"));
    tabs->addTab(m_monthly, tr("Mo&nthly heatmap"));
    tabs->addTab(m_sectors, tr("Secto&rs"));
    connect(m_book, &LongShortBookView::costChanged, this, &JudgementTabs::costChanged);
}

void JudgementTabs::showReport(const Eval::EvaluationReport &report, int horizon)
{
    m_significance->showReport(report);
    m_accuracy->showReport(report);
    m_calibration->showReport(report);
    m_book->showReport(report, horizon);
    m_icDecay->showReport(report);
    m_monthly->showReport(report, horizon);
    m_sectors->showReport(report, horizon);
}

double JudgementTabs::costBps() const
{
    return m_book->costBps();
}
