#pragma once

#include "run_records.h"
#include "run_spec.h"

#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <functional>
#include <optional>

class QSqlQuery;

// A run as listed and opened.
struct RunRecord
{
    qint64 id = 0;
    QString name;
    RunSpec spec;
    RunStatus status = RunStatus::Running; // a run still `Running` with no worker was interrupted
    QString error; // why it failed
    int planned = 0;
    int scored = 0; // series (ticker, date) with scores
    int skipped = 0;
    QDateTime created;
    QDateTime updated;
};

// How two runs' scores agree on the (date, ticker, horizon) rows they share.
struct RunComparison
{
    int commonRows = 0;
    int onlyInFirst = 0;
    int onlyInSecond = 0;
    double maxAbsScoreDifference = 0;
    double meanAbsScoreDifference = 0;
};

// Reads and writes scoring runs in the market database (schema version 2; the predicted paths,
// version 4).
//
// commitBatch() is one transaction: a batch's scores, its telemetry and the memory samples
// taken meanwhile are stored together or not at all, so an interrupted run is resumed from
// its last committed batch (finishedSeries()) with nothing duplicated.
//
// Works on the connection's thread only; must be destroyed before its MarketDatabase.
class RunRepository
{
public:
    explicit RunRepository(QSqlDatabase database);

    static QString statusName(RunStatus status); // running, cancelled, failed, finished

    // A new run with its plan's skipped series, status running. Returns its id, or 0 with
    // errorString() set.
    qint64 create(const RunSpec &spec, int planned, const QList<SkippedSeries> &skipped);
    // `paths`: the batch's predicted close paths (tables run_forecast_paths and, for sampled
    // series, run_sample_paths), stored in the same transaction.
    bool commitBatch(qint64 runId, const BatchTelemetry &batch, const QList<ScoreRow> &scores,
        const QList<MemorySample> &samples, const QList<SeriesPaths> &paths = {});
    // Memory samples taken outside a batch (at the end of a session).
    bool addMemorySamples(qint64 runId, const QList<MemorySample> &samples);
    bool addWarning(qint64 runId, const QString &text);
    bool setStatus(qint64 runId, RunStatus status, const QString &error = {});
    bool rename(qint64 runId, const QString &name);
    bool remove(qint64 runId);
    // Halves the run's stored memory samples (every other one, in time order), so a long run
    // keeps at most a few thousand.
    bool thinMemorySamples(qint64 runId);

    QList<RunRecord> list() const; // newest first
    std::optional<RunRecord> find(qint64 runId) const;
    QList<ScoreRow> scores(qint64 runId) const; // by date, ticker, horizon
    // Calls `visit` with the run's stored paths, one (date, ticker) at a time in that order, so
    // a large run never sits in memory whole; the sample paths only `withSamples` (they are
    // most of the bytes). A run scored before paths were stored (schema < 4) has none. Returns
    // false with errorString() set when the query fails.
    bool forEachSeriesPaths(qint64 runId, bool withSamples,
        const std::function<void(const SeriesPaths &)> &visit) const;
    QList<SkippedSeries> skipped(qint64 runId) const;
    QStringList warnings(qint64 runId) const;
    QList<BatchTelemetry> batches(qint64 runId) const;
    QList<MemorySample> memorySamples(qint64 runId) const;
    int memorySampleCount(qint64 runId) const;
    // "date-seconds ticker" of every series with stored scores.
    QSet<QString> finishedSeries(qint64 runId) const;
    int nextBatchIndex(qint64 runId) const;
    RunComparison compare(qint64 firstRunId, qint64 secondRunId) const;

    static QString seriesKey(const QDateTime &date, const QString &ticker);

    QString errorString() const { return m_error; }

private:
    bool exec(QSqlQuery &query) const;
    // The runs RunColumns selects with `clause` appended (`value` bound when valid).
    QList<RunRecord> select(const QString &clause, const QVariant &value) const;
    bool fail(const QString &message) const;
    bool rollBack();
    qint64 countOf(const QString &table, qint64 runId) const;
    bool insertMemorySamples(qint64 runId, const QList<MemorySample> &samples);
    bool insertPaths(qint64 runId, const QList<SeriesPaths> &paths);

    QSqlDatabase m_database;
    mutable QString m_error;
};
