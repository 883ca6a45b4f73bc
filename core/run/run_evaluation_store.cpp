#include "run_evaluation_store.h"

#include "database_error.h"
#include "sql_values.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace {

QVariant modelOnly(bool isModel, const QVariant &value)
{
    return isModel ? value : QVariant(value.metaType());
}

} // namespace

RunEvaluationStore::RunEvaluationStore(QSqlDatabase database, const Clock &clock)
    : m_database(database)
    , m_clock(clock)
{
}

void RunEvaluationStore::save(qint64 runId, const Eval::EvaluationReport &report)
{
    const auto fail = [this, runId](const QString &why) {
        m_database.rollback();
        throw DatabaseError(
            QStringLiteral("the evaluation was not stored with run %1: %2").arg(runId).arg(why));
    };
    if (!m_database.transaction())
        fail(m_database.lastError().text());
    QSqlQuery remove(m_database);
    remove.prepare(QStringLiteral("DELETE FROM run_evaluations WHERE run_id = ?"));
    remove.addBindValue(runId);
    if (!remove.exec())
        fail(remove.lastError().text());

    QSqlQuery insert(m_database);
    insert.prepare(QStringLiteral(
        "INSERT INTO run_evaluations (run_id, horizon, signal, evaluated_at, dates, ic_mean,"
        " rank_ic_mean, rank_ic_ir, rank_ic_t, rank_ic_hit_rate, spread_mean, top_turnover_mean,"
        " momentum_corr_mean, overlapping, factor_gate, ml_gate, practical_gate)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    for (size_t i = 0; i < report.horizons.size(); ++i) {
        const Eval::HorizonEvaluation &horizon = report.horizons[i];
        const Eval::HorizonGates &gates = report.gates.perHorizon[i];
        for (const Eval::SignalEvaluation *signal :
            { &horizon.model, &horizon.momentum, &horizon.reversal }) {
            const Eval::SignalSummary &summary = signal->overall;
            const bool isModel = signal->kind == Eval::SignalKind::Model;
            for (const QVariant &value : { QVariant(runId), QVariant(horizon.horizon),
                     QVariant(Eval::signalName(signal->kind)), QVariant(now),
                     QVariant(summary.dateCount), SqlValues::optionalValue(summary.ic.mean),
                     SqlValues::optionalValue(summary.rankIc.mean),
                     SqlValues::optionalValue(summary.rankIc.ir),
                     SqlValues::optionalValue(summary.rankIc.t),
                     SqlValues::optionalValue(summary.rankIc.hitRate),
                     SqlValues::optionalValue(summary.spreadMean),
                     SqlValues::optionalValue(summary.topTurnoverMean),
                     modelOnly(isModel, SqlValues::optionalValue(horizon.momentumCorrelation.mean)),
                     modelOnly(isModel, QVariant(horizon.overlapping)),
                     modelOnly(isModel, QVariant(gates.factor)),
                     modelOnly(isModel, QVariant(gates.ml)),
                     modelOnly(isModel, QVariant(gates.practical)) })
                insert.addBindValue(value);
            if (!insert.exec())
                fail(insert.lastError().text());
        }
    }
    if (!m_database.commit())
        fail(m_database.lastError().text());
}
