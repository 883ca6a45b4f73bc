#include "run/run_evaluation_store.h"

#include "data/database_error.h"
#include "data/sql_values.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>
#include <utility>
#include <vector>

namespace {

using Column = std::pair<const char *, QVariant>;

QVariant modelOnly(bool isModel, const QVariant &value)
{
    return isModel ? value : QVariant(value.metaType());
}

QVariant number(const std::optional<double> &value)
{
    return SqlValues::optionalValue(value);
}

// 1 pass, 0 fail, NULL n/a.
QVariant gateValue(const Eval::GateResult &gate)
{
    if (gate.status == Eval::GateStatus::NotApplicable)
        return QVariant(QMetaType(QMetaType::Bool));
    return QVariant(gate.passed());
}

// The stored row of one signal at one horizon.
std::vector<Column> rowOf(qint64 runId, qint64 now, double costBps,
    const Eval::HorizonEvaluation &horizon, const Eval::HorizonGates &gates,
    const Eval::SignalEvaluation &signal)
{
    const Eval::SignalSummary &summary = signal.overall;
    const Eval::SignalSignificance &significance = signal.significance;
    const Eval::LongShortBook &book = signal.book;
    const bool isModel = signal.kind == Eval::SignalKind::Model;
    const Eval::ForecastCalibration calibration
        = horizon.calibration.value_or(Eval::ForecastCalibration {});
    return {
        { "run_id", runId },
        { "horizon", horizon.horizon },
        { "signal", Eval::signalName(signal.kind) },
        { "evaluated_at", now },
        { "dates", summary.dateCount },
        { "ic_mean", number(summary.ic.mean) },
        { "rank_ic_mean", number(summary.rankIc.mean) },
        { "rank_ic_ir", number(summary.rankIc.ir) },
        { "rank_ic_t", number(summary.rankIc.t) },
        { "rank_ic_hit_rate", number(summary.rankIc.hitRate) },
        { "spread_mean", number(summary.spreadMean) },
        { "top_turnover_mean", number(summary.topTurnoverMean) },
        { "momentum_corr_mean", modelOnly(isModel, number(horizon.momentumCorrelation.mean)) },
        { "overlapping", modelOnly(isModel, QVariant(horizon.overlapping)) },
        { "factor_gate", modelOnly(isModel, gateValue(gates.factor)) },
        { "ml_gate", modelOnly(isModel, gateValue(gates.ml)) },
        { "practical_gate", modelOnly(isModel, gateValue(gates.practical)) },
        { "cost_bps", costBps },
        { "rank_ic_nw_lag", significance.rankIc.lag },
        { "rank_ic_nw_t", number(significance.rankIc.t) },
        { "rank_ic_nw_p", number(significance.rankIc.p) },
        { "spread_nw_t", number(significance.spread.t) },
        { "sector_neutral_rank_ic_mean", number(significance.sectorNeutralRankIc.mean) },
        { "sector_neutral_rank_ic_nw_t", number(significance.sectorNeutralRankIc.t) },
        { "rank_autocorr_mean", number(signal.rankAutocorrelation.mean) },
        { "book_periods", book.periods },
        { "book_mean_net", number(book.meanNet) },
        { "book_cum_net", number(book.cumNet) },
        { "book_sharpe", number(book.sharpe) },
        { "book_max_drawdown", number(book.maxDrawdown) },
        { "skill_mae", modelOnly(isModel, number(horizon.accuracy.skillMae)) },
        { "dm_stat", modelOnly(isModel, number(horizon.accuracy.dieboldMariano.t)) },
        { "coverage_q10_q90", modelOnly(isModel, number(calibration.coverage)) },
        { "coverage_baseline", modelOnly(isModel, number(calibration.coverageBaseline)) },
        { "crps", modelOnly(isModel, number(calibration.crps)) },
        { "crps_baseline", modelOnly(isModel, number(calibration.crpsBaseline)) },
        { "factor_reason", modelOnly(isModel, gates.factor.reason) },
        { "ml_reason", modelOnly(isModel, gates.ml.reason) },
        { "practical_reason", modelOnly(isModel, gates.practical.reason) },
    };
}

QString insertStatement(const std::vector<Column> &row)
{
    QStringList names;
    QStringList placeholders;
    for (const Column &column : row) {
        names << QLatin1String(column.first);
        placeholders << QStringLiteral("?");
    }
    return QStringLiteral("INSERT INTO run_evaluations (%1) VALUES (%2)")
        .arg(names.join(QStringLiteral(", ")), placeholders.join(QStringLiteral(", ")));
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
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    for (size_t i = 0; i < report.horizons.size(); ++i) {
        const Eval::HorizonEvaluation &horizon = report.horizons[i];
        for (Eval::SignalKind kind : Eval::kSignalKinds) {
            const std::vector<Column> row = rowOf(runId, now, report.costBps, horizon,
                report.gates.perHorizon[i], horizon.signal(kind));
            insert.prepare(insertStatement(row));
            for (const Column &column : row)
                insert.addBindValue(column.second);
            if (!insert.exec())
                fail(insert.lastError().text());
        }
    }
    if (!m_database.commit())
        fail(m_database.lastError().text());
}
