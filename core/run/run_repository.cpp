#include "run/run_repository.h"

#include "data/database_error.h"
#include "data/sql_statement.h"
#include "data/sql_values.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>
#include <QtEndian>
#include <cmath>

namespace {

QDateTime fromSeconds(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

std::optional<RunStatus> parseStatus(const QString &name)
{
    for (RunStatus status :
        { RunStatus::Running, RunStatus::Cancelled, RunStatus::Failed, RunStatus::Finished })
        if (runStatusName(status) == name)
            return status;
    return std::nullopt;
}

// Closes as a blob of little-endian float32, whatever the host's byte order.
// An empty vector's data() may be null, which memcpy (under qToLittleEndian) must never get,
// even for no bytes (UBSan's "null pointer passed as argument"): nothing is copied then.
QByteArray float32Blob(const std::vector<float> &values)
{
    QByteArray blob(qsizetype(values.size() * sizeof(float)), Qt::Uninitialized);
    if (!values.empty())
        qToLittleEndian<float>(values.data(), qsizetype(values.size()), blob.data());
    return blob;
}

std::vector<float> floatsOf(const QByteArray &blob)
{
    std::vector<float> values(size_t(blob.size()) / sizeof(float));
    if (values.empty())
        return values;
    qFromLittleEndian<float>(blob.constData(), qsizetype(values.size()), values.data());
    return values;
}

const char *const RunColumns
    = "SELECT r.id, r.name, r.spec, r.status, r.error, r.planned, r.created_at, r.updated_at,"
      " (SELECT COUNT(*) FROM (SELECT DISTINCT date, ticker FROM run_scores s WHERE s.run_id = "
      "r.id)),"
      " (SELECT COUNT(*) FROM run_skipped k WHERE k.run_id = r.id)"
      " FROM runs r";

} // namespace

RunRepository::RunRepository(QSqlDatabase database, const Clock &clock)
    : m_database(std::move(database))
    , m_clock(clock)
{
}

QString RunRepository::seriesKey(const QDateTime &date, const QString &ticker)
{
    return QStringLiteral("%1 %2").arg(date.toSecsSinceEpoch()).arg(ticker);
}

void RunRepository::expectOneRun(const QSqlQuery &query, qint64 runId)
{
    if (query.numRowsAffected() != 1)
        throw DatabaseError(QStringLiteral("no run with id %1").arg(runId));
}

qint64 RunRepository::create(const RunSpec &spec, int planned, const QList<SkippedSeries> &skipped)
{
    SqlTransaction transaction(m_database);
    QSqlQuery insert(m_database);
    insert.prepare(QStringLiteral(
        "INSERT INTO runs (id, name, universe, spec, status, planned, created_at, updated_at)"
        " VALUES (%1, ?, ?, ?, ?, ?, ?, ?)")
                       .arg(QLatin1String(NextRunIdSql)));
    const qint64 now = nowSeconds();
    // A null QString binds as NULL; an unnamed run is named after its id below.
    insert.addBindValue(spec.name.isEmpty() ? QStringLiteral("") : spec.name);
    insert.addBindValue(spec.universe);
    insert.addBindValue(
        QString::fromUtf8(QJsonDocument(spec.toJson()).toJson(QJsonDocument::Compact)));
    insert.addBindValue(runStatusName(RunStatus::Running));
    insert.addBindValue(planned);
    insert.addBindValue(now);
    insert.addBindValue(now);
    Sql::exec(insert);
    const qint64 id = insert.lastInsertId().toLongLong();
    if (spec.name.isEmpty()) {
        QSqlQuery name(m_database);
        name.prepare(QStringLiteral("UPDATE runs SET name = ? WHERE id = ?"));
        name.addBindValue(QStringLiteral("Run %1").arg(id));
        name.addBindValue(id);
        Sql::exec(name);
    }
    QSqlQuery skip(m_database);
    skip.prepare(QStringLiteral(
        "INSERT INTO run_skipped (run_id, date, ticker, reason) VALUES (?, ?, ?, ?)"));
    for (const SkippedSeries &item : skipped) {
        skip.addBindValue(id);
        skip.addBindValue(item.date.toSecsSinceEpoch());
        skip.addBindValue(item.ticker);
        skip.addBindValue(item.reason);
        Sql::exec(skip);
    }
    transaction.commit();
    return id;
}

void RunRepository::commitBatch(qint64 runId, const BatchTelemetry &batch,
    const QList<ScoreRow> &scores, const QList<MemorySample> &samples,
    const QList<SeriesPaths> &paths)
{
    SqlTransaction transaction(m_database);
    QSqlQuery score(m_database);
    // OR REPLACE: a batch is the unit of work, and a batch that committed is never recomputed;
    // replacing keeps a retried commit harmless.
    score.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO run_scores (run_id, date, ticker, horizon, last_close, pred_close,"
        " score, p10, p50, p90) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const ScoreRow &row : scores) {
        score.addBindValue(runId);
        score.addBindValue(row.date.toSecsSinceEpoch());
        score.addBindValue(row.ticker);
        score.addBindValue(row.horizon);
        score.addBindValue(row.lastClose);
        score.addBindValue(row.predictedClose);
        score.addBindValue(row.score);
        score.addBindValue(SqlValues::optionalValue(row.p10));
        score.addBindValue(SqlValues::optionalValue(row.p50));
        score.addBindValue(SqlValues::optionalValue(row.p90));
        Sql::exec(score);
    }
    insertPaths(runId, paths);
    QSqlQuery telemetry(m_database);
    telemetry.prepare(
        QStringLiteral("INSERT OR REPLACE INTO run_batches (run_id, batch_index, size,"
                       " seconds, peak_bytes) VALUES (?, ?, ?, ?, ?)"));
    telemetry.addBindValue(runId);
    telemetry.addBindValue(batch.index);
    telemetry.addBindValue(batch.size);
    telemetry.addBindValue(batch.seconds);
    telemetry.addBindValue(batch.peakBytes);
    Sql::exec(telemetry);
    insertMemorySamples(runId, samples);
    QSqlQuery touch(m_database);
    touch.prepare(QStringLiteral("UPDATE runs SET updated_at = ? WHERE id = ?"));
    touch.addBindValue(nowSeconds());
    touch.addBindValue(runId);
    Sql::exec(touch);
    transaction.commit();
}

void RunRepository::insertMemorySamples(qint64 runId, const QList<MemorySample> &samples)
{
    QSqlQuery sample(m_database);
    sample.prepare(QStringLiteral("INSERT OR REPLACE INTO run_memory_samples (run_id, time_ms,"
                                  " process_bytes, device_allocated, device_reserved)"
                                  " VALUES (?, ?, ?, ?, ?)"));
    for (const MemorySample &reading : samples) {
        sample.addBindValue(runId);
        sample.addBindValue(reading.time.toMSecsSinceEpoch());
        sample.addBindValue(reading.processBytes);
        sample.addBindValue(reading.deviceAllocated);
        sample.addBindValue(reading.deviceReserved);
        Sql::exec(sample);
    }
}

void RunRepository::insertPaths(qint64 runId, const QList<SeriesPaths> &paths)
{
    QSqlQuery mean(m_database);
    mean.prepare(QStringLiteral("INSERT OR REPLACE INTO run_forecast_paths (run_id, date, ticker,"
                                " last_close, steps, closes) VALUES (?, ?, ?, ?, ?, ?)"));
    QSqlQuery sampled(m_database);
    sampled.prepare(
        QStringLiteral("INSERT OR REPLACE INTO run_sample_paths (run_id, date, ticker, last_close,"
                       " sample_count, steps, closes) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (const SeriesPaths &path : paths) {
        for (const QVariant &value :
            { QVariant(runId), QVariant(path.date.toSecsSinceEpoch()), QVariant(path.ticker),
                QVariant(path.lastClose), QVariant(path.steps), QVariant(float32Blob(path.mean)) })
            mean.addBindValue(value);
        Sql::exec(mean);
        if (path.sampleCount == 0)
            continue;
        for (const QVariant &value : { QVariant(runId), QVariant(path.date.toSecsSinceEpoch()),
                 QVariant(path.ticker), QVariant(path.lastClose), QVariant(path.sampleCount),
                 QVariant(path.steps), QVariant(float32Blob(path.samples)) })
            sampled.addBindValue(value);
        Sql::exec(sampled);
    }
}

void RunRepository::addMemorySamples(qint64 runId, const QList<MemorySample> &samples)
{
    SqlTransaction transaction(m_database);
    insertMemorySamples(runId, samples);
    transaction.commit();
}

void RunRepository::addWarning(qint64 runId, const QString &text)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("INSERT INTO run_warnings (run_id, time, text) VALUES (?, ?, ?)"));
    query.addBindValue(runId);
    query.addBindValue(nowSeconds());
    query.addBindValue(text);
    Sql::exec(query);
}

void RunRepository::setStatus(qint64 runId, RunStatus status, const QString &error)
{
    QSqlQuery query(m_database);
    query.prepare(
        QStringLiteral("UPDATE runs SET status = ?, error = ?, updated_at = ? WHERE id = ?"));
    query.addBindValue(runStatusName(status));
    query.addBindValue(error.isEmpty() ? QStringLiteral("") : error);
    query.addBindValue(nowSeconds());
    query.addBindValue(runId);
    Sql::exec(query);
    expectOneRun(query, runId);
}

void RunRepository::rename(qint64 runId, const QString &name)
{
    if (name.trimmed().isEmpty())
        throw DatabaseError(QStringLiteral("a run's name cannot be empty"));
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("UPDATE runs SET name = ? WHERE id = ?"));
    query.addBindValue(name.trimmed());
    query.addBindValue(runId);
    Sql::exec(query);
    expectOneRun(query, runId);
}

void RunRepository::remove(qint64 runId)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("DELETE FROM runs WHERE id = ?"));
    query.addBindValue(runId);
    Sql::exec(query);
    expectOneRun(query, runId);
}

void RunRepository::thinMemorySamples(qint64 runId)
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral(
        "DELETE FROM run_memory_samples WHERE run_id = :run AND time_ms IN ("
        " SELECT time_ms FROM (SELECT time_ms, ROW_NUMBER() OVER (ORDER BY time_ms) AS n"
        "  FROM run_memory_samples WHERE run_id = :run) WHERE n % 2 = 0)"));
    query.bindValue(QStringLiteral(":run"), runId);
    Sql::exec(query);
}

QList<RunRecord> RunRepository::list() const
{
    return select(QStringLiteral(" ORDER BY r.id DESC"), {});
}

std::optional<RunRecord> RunRepository::find(qint64 runId) const
{
    const QList<RunRecord> found = select(QStringLiteral(" WHERE r.id = ?"), runId);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

QList<RunRecord> RunRepository::select(const QString &clause, const QVariant &value) const
{
    QList<RunRecord> runs;
    QSqlQuery query(m_database);
    query.prepare(QString::fromLatin1(RunColumns) + clause);
    if (value.isValid())
        query.addBindValue(value);
    Sql::exec(query);
    while (query.next()) {
        RunRecord record;
        record.id = query.value(0).toLongLong();
        record.name = query.value(1).toString();
        QString specError;
        const bool specRead = RunSpec::fromJson(
            QJsonDocument::fromJson(query.value(2).toString().toUtf8()).object(), record.spec,
            specError);
        record.status = parseStatus(query.value(3).toString()).value_or(RunStatus::Failed);
        record.error = query.value(4).toString();
        // A spec this version cannot read is said with the run, never shown as a default one.
        if (!specRead)
            record.error
                = QStringLiteral("its stored spec cannot be read (%1)%2")
                      .arg(specError,
                          record.error.isEmpty() ? QString() : QStringLiteral("; ") + record.error);
        record.planned = query.value(5).toInt();
        record.created = fromSeconds(query.value(6).toLongLong());
        record.updated = fromSeconds(query.value(7).toLongLong());
        record.scored = query.value(8).toInt();
        record.skipped = query.value(9).toInt();
        runs.append(record);
    }
    return runs;
}

QList<ScoreRow> RunRepository::scores(qint64 runId) const
{
    QList<ScoreRow> rows;
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT date, ticker, horizon, last_close, pred_close, score, p10,"
                                 " p50, p90 FROM run_scores WHERE run_id = ?"
                                 " ORDER BY date, ticker, horizon"));
    query.addBindValue(runId);
    Sql::exec(query);
    while (query.next()) {
        ScoreRow row;
        row.date = fromSeconds(query.value(0).toLongLong());
        row.ticker = query.value(1).toString();
        row.horizon = query.value(2).toInt();
        row.lastClose = query.value(3).toDouble();
        row.predictedClose = query.value(4).toDouble();
        row.score = query.value(5).toDouble();
        row.p10 = SqlValues::optionalDouble(query.value(6));
        row.p50 = SqlValues::optionalDouble(query.value(7));
        row.p90 = SqlValues::optionalDouble(query.value(8));
        rows.append(row);
    }
    return rows;
}

void RunRepository::forEachSeriesPaths(
    qint64 runId, bool withSamples, const std::function<void(const SeriesPaths &)> &visit) const
{
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    query.prepare(
        QStringLiteral("SELECT f.date, f.ticker, f.last_close, f.steps, f.closes, %1"
                       " FROM run_forecast_paths f LEFT JOIN run_sample_paths s"
                       " ON s.run_id = f.run_id AND s.date = f.date AND s.ticker = f.ticker"
                       " WHERE f.run_id = ? ORDER BY f.date, f.ticker")
            .arg(withSamples ? QStringLiteral("s.sample_count, s.steps, s.closes")
                             : QStringLiteral("NULL, NULL, NULL")));
    query.addBindValue(runId);
    Sql::exec(query);
    while (query.next()) {
        SeriesPaths path;
        path.date = fromSeconds(query.value(0).toLongLong());
        path.ticker = query.value(1).toString();
        path.lastClose = query.value(2).toDouble();
        path.steps = query.value(3).toInt();
        path.mean = floatsOf(query.value(4).toByteArray());
        std::vector<float> samples = floatsOf(query.value(7).toByteArray());
        const int sampleCount = query.value(5).toInt();
        // A blob that does not hold sample_count x steps closes is not used.
        if (query.value(6).toInt() == path.steps
            && samples.size() == size_t(sampleCount) * size_t(path.steps) && sampleCount > 0) {
            path.sampleCount = sampleCount;
            path.samples = std::move(samples);
        }
        visit(path);
    }
}

QList<SkippedSeries> RunRepository::skipped(qint64 runId) const
{
    QList<SkippedSeries> items;
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT date, ticker, reason FROM run_skipped WHERE run_id = ?"
                                 " ORDER BY date, ticker"));
    query.addBindValue(runId);
    Sql::exec(query);
    while (query.next())
        items.append({ fromSeconds(query.value(0).toLongLong()), query.value(1).toString(),
            query.value(2).toString() });
    return items;
}

QStringList RunRepository::warnings(qint64 runId) const
{
    QStringList texts;
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT text FROM run_warnings WHERE run_id = ? ORDER BY id"));
    query.addBindValue(runId);
    Sql::exec(query);
    while (query.next())
        texts.append(query.value(0).toString());
    return texts;
}

QList<BatchTelemetry> RunRepository::batches(qint64 runId) const
{
    QList<BatchTelemetry> rows;
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT batch_index, size, seconds, peak_bytes FROM run_batches"
                                 " WHERE run_id = ? ORDER BY batch_index"));
    query.addBindValue(runId);
    Sql::exec(query);
    while (query.next())
        rows.append({ query.value(0).toInt(), query.value(1).toInt(), query.value(2).toDouble(),
            query.value(3).toLongLong() });
    return rows;
}

QList<BatchTelemetry> RunRepository::checkpointBatches(
    const ModelSource &model, const QString &device, qint64 exceptRunId) const
{
    QList<BatchTelemetry> rows;
    for (const RunRecord &run : list()) {
        if (run.id != exceptRunId && run.spec.device == device
            && run.spec.model.sameCheckpoint(model))
            rows += batches(run.id);
    }
    return rows;
}

QList<MemorySample> RunRepository::memorySamples(qint64 runId) const
{
    QList<MemorySample> samples;
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT time_ms, process_bytes, device_allocated, device_reserved"
                                 " FROM run_memory_samples WHERE run_id = ? ORDER BY time_ms"));
    query.addBindValue(runId);
    Sql::exec(query);
    while (query.next())
        samples.append({ QDateTime::fromMSecsSinceEpoch(query.value(0).toLongLong(), Qt::UTC),
            query.value(1).toLongLong(), query.value(2).toLongLong(),
            query.value(3).toLongLong() });
    return samples;
}

qint64 RunRepository::countOf(const QString &table, qint64 runId) const
{
    QSqlQuery query(m_database);
    // The table name is one of this class's literals, never user input.
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE run_id = ?").arg(table));
    query.addBindValue(runId);
    Sql::exec(query);
    return query.next() ? query.value(0).toLongLong() : 0;
}

int RunRepository::memorySampleCount(qint64 runId) const
{
    return int(countOf(QStringLiteral("run_memory_samples"), runId));
}

QSet<QString> RunRepository::finishedSeries(qint64 runId) const
{
    QSet<QString> keys;
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral("SELECT DISTINCT date, ticker FROM run_scores WHERE run_id = ?"));
    query.addBindValue(runId);
    Sql::exec(query);
    while (query.next())
        keys.insert(seriesKey(fromSeconds(query.value(0).toLongLong()), query.value(1).toString()));
    return keys;
}

int RunRepository::nextBatchIndex(qint64 runId) const
{
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral(
        "SELECT COALESCE(MAX(batch_index) + 1, 0) FROM run_batches WHERE run_id = ?"));
    query.addBindValue(runId);
    Sql::exec(query);
    return query.next() ? query.value(0).toInt() : 0;
}

RunComparison RunRepository::compare(qint64 firstRunId, qint64 secondRunId) const
{
    RunComparison comparison;
    QSqlQuery query(m_database);
    query.prepare(QStringLiteral(
        "SELECT COUNT(*), MAX(ABS(a.score - b.score)), AVG(ABS(a.score - b.score))"
        " FROM run_scores a JOIN run_scores b ON b.run_id = :second AND b.date = a.date"
        "  AND b.ticker = a.ticker AND b.horizon = a.horizon WHERE a.run_id = :first"));
    query.bindValue(QStringLiteral(":first"), firstRunId);
    query.bindValue(QStringLiteral(":second"), secondRunId);
    Sql::exec(query);
    if (!query.next())
        return comparison;
    comparison.commonRows = query.value(0).toInt();
    comparison.maxAbsScoreDifference = query.value(1).toDouble();
    comparison.meanAbsScoreDifference = query.value(2).toDouble();
    comparison.onlyInFirst
        = int(countOf(QStringLiteral("run_scores"), firstRunId)) - comparison.commonRows;
    comparison.onlyInSecond
        = int(countOf(QStringLiteral("run_scores"), secondRunId)) - comparison.commonRows;
    return comparison;
}
