#pragma once

#include "clock.h"
#include "evaluation.h"

#include <QSqlDatabase>
#include <QString>

// Stores a run's evaluation summary with the run (table run_evaluations, schema version 3): per
// horizon and signal the IC and RankIC figures, spread, turnover, and for the model its
// momentum correlation, overlap flag and gates. Evaluations are cheap, so each save replaces
// the run's previous one instead of keeping a history.
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
