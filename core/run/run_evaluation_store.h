#pragma once

#include "eval/evaluation.h"
#include "run/clock.h"

#include <QSqlDatabase>
#include <QString>

// Stores a run's evaluation summary with the run (table run_evaluations, schema versions 3 and
// 4): per horizon and signal the IC and RankIC figures, the RankIC's Newey-West lag, t and p,
// the spread's Newey-West t, the sector-neutral RankIC, the rank autocorrelation, spread,
// turnover, the costed book (periods, mean net, cumulative net, Sharpe, max drawdown, cost),
// and for the model its momentum correlation, overlap flag, accuracy (MAE skill, Diebold-
// Mariano), calibration (coverage and CRPS against the baseline) and gates (1 pass, 0 fail,
// NULL n/a) with their reasons. Evaluations are cheap, so each save replaces the run's
// previous one instead of keeping a history.
//
// Evaluations are timestamped by `clock`, which must outlive the store. Works on the connection's
// thread only; must be destroyed before its MarketDatabase.
class RunEvaluationStore
{
public:
    explicit RunEvaluationStore(QSqlDatabase database, const Clock &clock = Clock::system());

    // Replaces the run's stored evaluation by `report`, in one transaction. Throws DatabaseError
    // on failure (the previous evaluation is then kept).
    void save(qint64 runId, const Eval::EvaluationReport &report);

private:
    QSqlDatabase m_database;
    const Clock &m_clock;
};
