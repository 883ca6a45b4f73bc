#include "data/schema_migrator.h"

#include "data/database_error.h"
#include "data/sql_statement.h"

#include <QSqlError>
#include <QSqlQuery>
#include <optional>

SchemaMigrator::SchemaMigrator(QList<SchemaMigration> migrations)
    : m_migrations(std::move(migrations))
{
}

QList<SchemaMigration> SchemaMigrator::marketDataMigrations()
{
    return {
        { 1,
            {
                // Timestamps are seconds since 1970-01-01 00:00 of the exchange's local time
                // (stored as if UTC, never converted): daily bars sit at midnight.
                QStringLiteral("CREATE TABLE instruments ("
                               " ticker TEXT PRIMARY KEY NOT NULL,"
                               " name TEXT NOT NULL DEFAULT '',"
                               " sector TEXT NOT NULL DEFAULT '')"),
                QStringLiteral("CREATE TABLE bars ("
                               " ticker TEXT NOT NULL REFERENCES instruments(ticker)"
                               "  ON DELETE CASCADE ON UPDATE CASCADE,"
                               " timestamp INTEGER NOT NULL,"
                               " open REAL NOT NULL, high REAL NOT NULL,"
                               " low REAL NOT NULL, close REAL NOT NULL,"
                               " volume REAL, amount REAL, adjusted_close REAL,"
                               " PRIMARY KEY (ticker, timestamp)) WITHOUT ROWID"),
                QStringLiteral("CREATE TABLE universes ("
                               " id INTEGER PRIMARY KEY,"
                               " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                               " description TEXT NOT NULL DEFAULT '',"
                               " built_in INTEGER NOT NULL DEFAULT 0)"),
                QStringLiteral("CREATE TABLE universe_members ("
                               " universe_id INTEGER NOT NULL REFERENCES universes(id)"
                               "  ON DELETE CASCADE,"
                               " ticker TEXT NOT NULL REFERENCES instruments(ticker)"
                               "  ON DELETE CASCADE ON UPDATE CASCADE,"
                               " PRIMARY KEY (universe_id, ticker)) WITHOUT ROWID"),
                QStringLiteral("CREATE INDEX universe_members_by_ticker"
                               " ON universe_members(ticker)"),
            } },
        { 2,
            {
                // Scoring runs (core/run). Dates are bar timestamps (seconds, as in bars); `spec`
                // is the RunSpec as JSON; times are UTC seconds since 1970.
                QStringLiteral("CREATE TABLE runs ("
                               " id INTEGER PRIMARY KEY,"
                               " name TEXT NOT NULL,"
                               " universe TEXT NOT NULL,"
                               " spec TEXT NOT NULL,"
                               " status TEXT NOT NULL,"
                               " error TEXT NOT NULL DEFAULT '',"
                               " planned INTEGER NOT NULL DEFAULT 0,"
                               " created_at INTEGER NOT NULL,"
                               " updated_at INTEGER NOT NULL)"),
                QStringLiteral("CREATE TABLE run_scores ("
                               " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                               " date INTEGER NOT NULL,"
                               " ticker TEXT NOT NULL,"
                               " horizon INTEGER NOT NULL,"
                               " last_close REAL NOT NULL,"
                               " pred_close REAL NOT NULL,"
                               " score REAL NOT NULL,"
                               " p10 REAL, p50 REAL, p90 REAL,"
                               " PRIMARY KEY (run_id, date, ticker, horizon)) WITHOUT ROWID"),
                QStringLiteral("CREATE TABLE run_skipped ("
                               " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                               " date INTEGER NOT NULL,"
                               " ticker TEXT NOT NULL,"
                               " reason TEXT NOT NULL,"
                               " PRIMARY KEY (run_id, date, ticker)) WITHOUT ROWID"),
                QStringLiteral("CREATE TABLE run_warnings ("
                               " id INTEGER PRIMARY KEY,"
                               " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                               " time INTEGER NOT NULL,"
                               " text TEXT NOT NULL)"),
                QStringLiteral("CREATE INDEX run_warnings_by_run ON run_warnings(run_id)"),
                QStringLiteral("CREATE TABLE run_batches ("
                               " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                               " batch_index INTEGER NOT NULL,"
                               " size INTEGER NOT NULL,"
                               " seconds REAL NOT NULL,"
                               " peak_bytes INTEGER NOT NULL,"
                               " PRIMARY KEY (run_id, batch_index)) WITHOUT ROWID"),
                QStringLiteral("CREATE TABLE run_memory_samples ("
                               " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                               " time_ms INTEGER NOT NULL,"
                               " process_bytes INTEGER NOT NULL,"
                               " device_allocated INTEGER NOT NULL,"
                               " device_reserved INTEGER NOT NULL,"
                               " PRIMARY KEY (run_id, time_ms)) WITHOUT ROWID"),
            } },
        { 3,
            {
                // A run's evaluation summary (core/eval), one row per horizon and signal (model,
                // momentum, reversal), replaced by each new evaluation; NULL where undefined.
                // Gates (0/1) and the momentum correlation are the model's only.
                QStringLiteral("CREATE TABLE run_evaluations ("
                               " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                               " horizon INTEGER NOT NULL,"
                               " signal TEXT NOT NULL,"
                               " evaluated_at INTEGER NOT NULL,"
                               " dates INTEGER NOT NULL,"
                               " ic_mean REAL, rank_ic_mean REAL, rank_ic_ir REAL, rank_ic_t REAL,"
                               " rank_ic_hit_rate REAL, spread_mean REAL, top_turnover_mean REAL,"
                               " momentum_corr_mean REAL, overlapping INTEGER,"
                               " factor_gate INTEGER, ml_gate INTEGER, practical_gate INTEGER,"
                               " PRIMARY KEY (run_id, horizon, signal)) WITHOUT ROWID"),
            } },
        { 4,
            {
                // Judging the forecasts (issue 14). A run's predicted close path per (date,
                // ticker), so any horizon up to the longest can be evaluated without the model:
                // `closes` holds `steps` little-endian float32, the close predicted 1..steps rows
                // after `date` (the mean path, upstream's output).
                QStringLiteral("CREATE TABLE run_forecast_paths ("
                               " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                               " date INTEGER NOT NULL,"
                               " ticker TEXT NOT NULL,"
                               " last_close REAL NOT NULL,"
                               " steps INTEGER NOT NULL,"
                               " closes BLOB NOT NULL,"
                               " PRIMARY KEY (run_id, date, ticker))"),
                // A sampled run's sample paths per (date, ticker): `closes` holds
                // sample_count * steps little-endian float32, sample-major (sample s, step k at
                // s * steps + k - 1). Rows of kilobytes: a rowid table, not WITHOUT ROWID.
                QStringLiteral("CREATE TABLE run_sample_paths ("
                               " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                               " date INTEGER NOT NULL,"
                               " ticker TEXT NOT NULL,"
                               " last_close REAL NOT NULL,"
                               " sample_count INTEGER NOT NULL,"
                               " steps INTEGER NOT NULL,"
                               " closes BLOB NOT NULL,"
                               " PRIMARY KEY (run_id, date, ticker))"),
                // The new figures of a run's evaluation summary; NULL where undefined (and for
                // the rows of evaluations stored before version 4). A gate that is n/a is NULL
                // with its reason set; skill, Diebold-Mariano and calibration are the model's.
                QStringLiteral("ALTER TABLE run_evaluations ADD COLUMN cost_bps REAL"),
                QStringLiteral("ALTER TABLE run_evaluations ADD COLUMN rank_ic_nw_lag INTEGER"),
                QStringLiteral("ALTER TABLE run_evaluations ADD COLUMN rank_ic_nw_t REAL"),
                QStringLiteral("ALTER TABLE run_evaluations ADD COLUMN rank_ic_nw_p REAL"),
                QStringLiteral("ALTER TABLE run_evaluations ADD COLUMN spread_nw_t REAL"),
                QStringLiteral(
                    "ALTER TABLE run_evaluations ADD COLUMN sector_neutral_rank_ic_mean REAL"),
                QStringLiteral(
                    "ALTER TABLE run_evaluations ADD COLUMN sector_neutral_rank_ic_nw_t REAL"),
                QStringLiteral("ALTER TABLE run_evaluations ADD COLUMN rank_autocorr_mean REAL"),
                QStringLiteral("ALTER TABLE run_evaluations ADD COLUMN book_periods INTEGER"),
                QStringLiteral("ALTER TABLE run_evaluations ADD COLUMN book_mean_net REAL"),
                QStringLiteral("ALTER TABLE run_evaluations ADD COLUMN book_cum_net REAL"),
                QStringLiteral("ALTER TABLE run_evaluations ADD COLUMN book_sharpe REAL"),
                QStringLiteral("ALTER TABLE run_evaluations ADD COLUMN book_max_drawdown REAL"),
                QStringLiteral("ALTER TABLE run_evaluations ADD COLUMN skill_mae REAL"),
                QStringLiteral("ALTER TABLE run_evaluations ADD COLUMN dm_stat REAL"),
                QStringLiteral("ALTER TABLE run_evaluations ADD COLUMN coverage_q10_q90 REAL"),
                QStringLiteral("ALTER TABLE run_evaluations ADD COLUMN coverage_baseline REAL"),
                QStringLiteral("ALTER TABLE run_evaluations ADD COLUMN crps REAL"),
                QStringLiteral("ALTER TABLE run_evaluations ADD COLUMN crps_baseline REAL"),
                QStringLiteral("ALTER TABLE run_evaluations ADD COLUMN factor_reason TEXT"),
                QStringLiteral("ALTER TABLE run_evaluations ADD COLUMN ml_reason TEXT"),
                QStringLiteral("ALTER TABLE run_evaluations ADD COLUMN practical_reason TEXT"),
            } },
        { 5,
            {
                // Runs scored in shards (kronos-cli score --shard I/N) and merged into one
                // (kronos-cli runs merge): each batch and memory sample keeps the shard it came
                // from (0 for a run scored in one piece), and a merged run lists its shards.
                // Memory samples of shards on different machines may share a millisecond, so
                // the shard joins their key: the table is rebuilt, as SQLite cannot alter a key.
                QStringLiteral(
                    "ALTER TABLE run_batches ADD COLUMN shard INTEGER NOT NULL DEFAULT 0"),
                QStringLiteral("CREATE TABLE run_memory_samples_by_shard ("
                               " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                               " shard INTEGER NOT NULL DEFAULT 0,"
                               " time_ms INTEGER NOT NULL,"
                               " process_bytes INTEGER NOT NULL,"
                               " device_allocated INTEGER NOT NULL,"
                               " device_reserved INTEGER NOT NULL,"
                               " PRIMARY KEY (run_id, shard, time_ms)) WITHOUT ROWID"),
                QStringLiteral("INSERT INTO run_memory_samples_by_shard (run_id, time_ms,"
                               " process_bytes, device_allocated, device_reserved)"
                               " SELECT run_id, time_ms, process_bytes, device_allocated,"
                               " device_reserved FROM run_memory_samples"),
                QStringLiteral("DROP TABLE run_memory_samples"),
                QStringLiteral("ALTER TABLE run_memory_samples_by_shard"
                               " RENAME TO run_memory_samples"),
                // One row per shard of a merged run: where it came from and what it held when
                // merged (merging the same shards again changes nothing).
                QStringLiteral("CREATE TABLE run_shards ("
                               " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                               " shard INTEGER NOT NULL,"
                               " shard_count INTEGER NOT NULL,"
                               " source_path TEXT NOT NULL,"
                               " source_run_id INTEGER NOT NULL,"
                               " source_status TEXT NOT NULL,"
                               " planned INTEGER NOT NULL,"
                               " scored INTEGER NOT NULL,"
                               " skipped INTEGER NOT NULL,"
                               " merged_at INTEGER NOT NULL,"
                               " PRIMARY KEY (run_id, shard)) WITHOUT ROWID"),
            } },
        { 6,
            {
                // A run's id is never given to another run. SQLite gives a new row the largest
                // id + 1, so deleting the newest run handed its id to the next one, and exports,
                // notes and scripts naming it then named another run. run_ids holds the largest
                // id ever given (here: the largest stored); new runs take the next (NextRunIdSql).
                QStringLiteral("CREATE TABLE run_ids (last INTEGER NOT NULL)"),
                QStringLiteral("INSERT INTO run_ids (last) SELECT COALESCE(MAX(id), 0) FROM runs"),
                QStringLiteral("CREATE TRIGGER run_ids_follow AFTER INSERT ON runs BEGIN"
                               " UPDATE run_ids SET last = MAX(last, NEW.id); END"),
            } },
    };
}

int SchemaMigrator::latestVersion() const
{
    return m_migrations.isEmpty() ? 0 : m_migrations.last().version;
}

int SchemaMigrator::currentVersion(const QSqlDatabase &database)
{
    QSqlQuery query(database);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        throw DatabaseError(
            QStringLiteral("cannot read the schema version: %1").arg(query.lastError().text()));
    return query.value(0).toInt();
}

int SchemaMigrator::migrate(QSqlDatabase &database, int targetVersion) const
{
    const int target = targetVersion < 0 ? latestVersion() : targetVersion;
    const int found = currentVersion(database);
    refuseNewer(found);
    std::optional<int> foundUnderLock; // by the first step applied
    for (const SchemaMigration &migration : m_migrations) {
        if (migration.version <= found || migration.version > target)
            continue;
        int current = 0;
        try {
            // The version is read again under the write lock: another connection may have
            // applied this step since the read above.
            SqlTransaction transaction(database);
            current = currentVersion(database);
            if (current < migration.version) {
                apply(database, migration);
                transaction.commit();
            }
        } catch (const DatabaseError &error) {
            throw DatabaseError(QStringLiteral("migration to version %1 failed: %2")
                                    .arg(migration.version)
                                    .arg(QString::fromUtf8(error.what())));
        }
        refuseNewer(current);
        if (!foundUnderLock)
            foundUnderLock = current;
    }
    return foundUnderLock.value_or(found);
}

void SchemaMigrator::refuseNewer(int version) const
{
    if (version > latestVersion())
        throw DatabaseError(QStringLiteral("the database has schema version %1, newer than this "
                                           "program understands (%2); use a newer Kronos Workbench")
                                .arg(version)
                                .arg(latestVersion()));
}

void SchemaMigrator::apply(QSqlDatabase &database, const SchemaMigration &migration)
{
    QSqlQuery query(database);
    for (const QString &statement : migration.statements) {
        if (!query.exec(statement))
            throw DatabaseError(QStringLiteral("%1 (%2)").arg(query.lastError().text(), statement));
    }
    // PRAGMA does not take bound parameters; the version is an integer we own.
    if (!query.exec(QStringLiteral("PRAGMA user_version = %1").arg(migration.version)))
        throw DatabaseError(query.lastError().text());
}
