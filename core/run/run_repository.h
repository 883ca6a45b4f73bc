#pragma once

#include "run/clock.h"
#include "run/run_records.h"
#include "run/run_spec.h"

#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <functional>
#include <optional>

class QSqlQuery;

// The id a new run takes in `INSERT INTO runs (id, ...)`, here and in the merger: one past the
// largest ever given (the schema's run_ids), so the id of a deleted run is never given again.
inline constexpr const char *NextRunIdSql = "(SELECT last + 1 FROM run_ids)";

// Reads and writes scoring runs in the market database (schema version 2; the predicted paths,
// version 4; run ids never given twice, version 6).
//
// commitBatch() is one transaction: a batch's scores, its telemetry and the memory samples
// taken meanwhile are stored together or not at all, so an interrupted run is resumed from
// its last committed batch (finishedSeries()) with nothing duplicated.
//
// Every failure throws DatabaseError — a failed statement (never read as "no rows"), a failed
// transaction (rolled back), or a change to a run that does not exist.
//
// Records are timestamped by `clock` (the system's unless a test gives another), which must
// outlive the repository. Works on the connection's thread only; must be destroyed before its
// MarketDatabase.
class RunRepository
{
public:
    explicit RunRepository(QSqlDatabase database, const Clock &clock = Clock::system());

    // A new run with its plan's skipped series, status running. Returns its id.
    qint64 create(const RunSpec &spec, int planned, const QList<SkippedSeries> &skipped);
    // `paths`: the batch's predicted close paths (tables run_forecast_paths and, for sampled
    // series, run_sample_paths), stored in the same transaction.
    void commitBatch(qint64 runId, const BatchTelemetry &batch, const QList<ScoreRow> &scores,
        const QList<MemorySample> &samples, const QList<SeriesPaths> &paths = {});
    // Memory samples taken outside a batch (at the end of a session).
    void addMemorySamples(qint64 runId, const QList<MemorySample> &samples);
    void addWarning(qint64 runId, const QString &text);
    void setStatus(qint64 runId, RunStatus status, const QString &error = {});
    void rename(qint64 runId, const QString &name);
    void remove(qint64 runId);
    // Halves the run's stored memory samples (every other one, in time order), so a long run
    // keeps at most a few thousand.
    void thinMemorySamples(qint64 runId);

    QList<RunRecord> list() const; // newest first
    std::optional<RunRecord> find(qint64 runId) const; // nothing: no such run
    QList<ScoreRow> scores(qint64 runId) const; // by date, ticker, horizon
    // Calls `visit` with the run's stored paths, one (date, ticker) at a time in that order, so
    // a large run never sits in memory whole; the sample paths only `withSamples` (they are
    // most of the bytes). A run scored before paths were stored (schema < 4) has none.
    void forEachSeriesPaths(qint64 runId, bool withSamples,
        const std::function<void(const SeriesPaths &)> &visit) const;
    QList<SkippedSeries> skipped(qint64 runId) const;
    QStringList warnings(qint64 runId) const;
    QList<BatchTelemetry> batches(qint64 runId) const;
    // The batches of every stored run of the same checkpoint (ModelSource::sameCheckpoint) on
    // `device`, but `exceptRunId`'s: what the memory fit of a checkpoint and device learns from.
    QList<BatchTelemetry> checkpointBatches(
        const ModelSource &model, const QString &device, qint64 exceptRunId = 0) const;
    QList<MemorySample> memorySamples(qint64 runId) const;
    int memorySampleCount(qint64 runId) const;
    // "date-seconds ticker" of every series with stored scores.
    QSet<QString> finishedSeries(qint64 runId) const;
    int nextBatchIndex(qint64 runId) const;
    RunComparison compare(qint64 firstRunId, qint64 secondRunId) const;

    static QString seriesKey(const QDateTime &date, const QString &ticker);

private:
    // After an UPDATE or DELETE of one run by id.
    static void expectOneRun(const QSqlQuery &query, qint64 runId);
    // The runs RunColumns selects with `clause` appended (`value` bound when valid).
    QList<RunRecord> select(const QString &clause, const QVariant &value) const;
    qint64 countOf(const QString &table, qint64 runId) const;
    void insertMemorySamples(qint64 runId, const QList<MemorySample> &samples);
    void insertPaths(qint64 runId, const QList<SeriesPaths> &paths);

    qint64 nowSeconds() const { return m_clock.now().toSecsSinceEpoch(); }

    QSqlDatabase m_database;
    const Clock &m_clock;
};
