#include "run/run_merger.h"

#include "data/market_database.h"
#include "data/sql_statement.h"
#include "data/universe_repository.h"
#include "run/run_error.h"
#include "run/run_planner.h"
#include "run/run_repository.h"
#include "run/universe_history.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QMap>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <memory>

namespace {

// Tables the merger writes itself, or that a shard's copy would make wrong: a shard's stored
// evaluation judges the shard's dates only.
const QStringList NotCopied { QStringLiteral("run_shards"), QStringLiteral("run_evaluations") };
// Columns numbered per run: a shard's values are shifted past those of the shards before it.
const QHash<QString, QString> RenumberedColumn {
    { QStringLiteral("run_batches"), QStringLiteral("batch_index") },
};
const QString RunIdColumn = QStringLiteral("run_id");
const QString ShardColumn = QStringLiteral("shard");

struct Source
{
    QString path;
    std::unique_ptr<MarketDatabase> market;
};

struct Shard
{
    const Source *source = nullptr;
    RunRecord run;

    int index() const { return run.spec.shard->index; }
    QString label() const
    {
        return QStringLiteral("shard %1 (%2)").arg(run.spec.shard->text(), source->path);
    }
};

// A table with a run_id column, as the schema declares it.
struct PerRunTable
{
    QStringList columns;
    QString rowidAlias; // an INTEGER PRIMARY KEY: the target numbers its rows itself
};

QString quoted(const QString &identifier)
{
    return QLatin1Char('"') + QString(identifier).replace(QLatin1Char('"'), QStringLiteral("\"\""))
        + QLatin1Char('"');
}

QSqlQuery execute(QSqlDatabase database, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(database);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        throw MergeError(QStringLiteral("%1 (%2)").arg(query.lastError().text(), sql));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        throw MergeError(QStringLiteral("%1 (%2)").arg(query.lastError().text(), sql));
    return query;
}

// Every table of `database` with a run_id column, by name.
QMap<QString, PerRunTable> perRunTables(QSqlDatabase database)
{
    QMap<QString, PerRunTable> tables;
    QSqlQuery names = execute(database,
        QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                       " AND name NOT LIKE 'sqlite_%'"));
    while (names.next()) {
        const QString name = names.value(0).toString();
        const bool withoutRowid = names.value(1).toString().contains(
            QLatin1String("WITHOUT ROWID"), Qt::CaseInsensitive);
        PerRunTable table;
        QStringList keyColumns;
        QString keyType;
        // cid, name, type, notnull, dflt_value, pk
        QSqlQuery info
            = execute(database, QStringLiteral("PRAGMA table_info(%1)").arg(quoted(name)));
        while (info.next()) {
            table.columns << info.value(1).toString();
            if (info.value(5).toInt() > 0) {
                keyColumns << info.value(1).toString();
                keyType = info.value(2).toString();
            }
        }
        if (!table.columns.contains(RunIdColumn))
            continue;
        if (!withoutRowid && keyColumns.size() == 1
            && keyType.compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) == 0)
            table.rowidAlias = keyColumns.first();
        tables.insert(name, table);
    }
    return tables;
}

QString canonicalPath(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() ? info.canonicalFilePath() : info.absoluteFilePath();
}

QString dateText(qint64 seconds)
{
    return barTimeText(QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC));
}

// One merge: the checks, then the transaction.
class Merge
{
public:
    Merge(QSqlDatabase target, MergeOutcome &outcome,
        const std::function<void(const QString &)> &progress)
        : m_target(std::move(target))
        , m_outcome(outcome)
        , m_progress(progress)
    {
    }

    void openSources(const QStringList &paths);
    void collectShards();
    void checkCompleteness(bool partial);
    void write();

private:
    void report(const QString &line) const
    {
        if (m_progress)
            m_progress(line);
    }
    // The merged run already in the target for this whole run, or 0.
    qint64 existingMergedRun() const;
    QStringList signature() const; // what the shards hold
    QStringList storedSignature(qint64 runId) const;
    qint64 insertRun(RunStatus status);
    void replaceRun(qint64 runId, RunStatus status);
    void copyShard(int position, qint64 runId);
    void copyRows(int position, const QString &table, const QStringList &columns, qint64 runId,
        bool tagShard);
    [[noreturn]] void duplicateScore(const Shard &shard, const QSqlQuery &row,
        const QStringList &columns, const QString &error) const;
    void recordShards(qint64 runId);

    QSqlDatabase m_target;
    MergeOutcome &m_outcome;
    const std::function<void(const QString &)> &m_progress;
    std::vector<std::unique_ptr<Source>> m_sources;
    QList<Shard> m_shards; // by index
    RunSpec m_whole;
    QMap<QString, PerRunTable> m_targetTables;
    // A copied score's date -> the position in m_shards of the shard it came from.
    QHash<qint64, int> m_scoreDateShard;
};

void Merge::openSources(const QStringList &paths)
{
    if (paths.isEmpty())
        throw MergeError(QStringLiteral("no shard database given"));
    const QString target = canonicalPath(m_target.databaseName());
    for (const QString &path : paths) {
        if (!QFileInfo(path).isFile())
            throw MergeError(QStringLiteral("%1: no such file").arg(path));
        if (canonicalPath(path) == target)
            throw MergeError(
                QStringLiteral("%1 is the target database; merge into another one").arg(path));
        auto source = std::make_unique<Source>();
        source->path = path;
        source->market = std::make_unique<MarketDatabase>();
        source->market->open(path);
        m_sources.push_back(std::move(source));
    }
}

void Merge::collectShards()
{
    for (const std::unique_ptr<Source> &source : m_sources) {
        const QList<RunRecord> runs = RunRepository(source->market->database()).list();
        const qsizetype before = m_shards.size();
        for (const RunRecord &run : runs)
            if (run.spec.shard)
                m_shards.append({ source.get(), run });
        if (m_shards.size() == before)
            throw MergeError(QStringLiteral("%1 holds no shard run (kronos-cli score --shard "
                                            "I/N writes one)")
                                 .arg(source->path));
    }
    std::stable_sort(m_shards.begin(), m_shards.end(),
        [](const Shard &a, const Shard &b) { return a.index() < b.index(); });
    const Shard &first = m_shards.first();
    m_whole = first.run.spec.wholeRun();
    for (qsizetype i = 0; i < m_shards.size(); ++i) {
        const Shard &shard = m_shards.at(i);
        if (shard.run.spec.model.contentHash.isEmpty())
            throw MergeError(QStringLiteral("%1 records no checkpoint contents (it never "
                                            "started, or an older version scored it)")
                                 .arg(shard.label()));
        if (shard.run.spec.shard->count != first.run.spec.shard->count)
            throw MergeError(QStringLiteral("%1 and %2 split the run differently")
                                 .arg(first.label(), shard.label()));
        const QString difference = m_whole.resultDifference(shard.run.spec.wholeRun());
        if (!difference.isEmpty())
            throw MergeError(QStringLiteral("%1 and %2 are not shards of the same run (%3)")
                                 .arg(first.label(), shard.label(), difference));
        if (i > 0 && m_shards.at(i - 1).index() == shard.index())
            throw MergeError(QStringLiteral("%1 is given twice: %2 and %3")
                                 .arg(QStringLiteral("shard %1").arg(shard.run.spec.shard->text()),
                                     m_shards.at(i - 1).label(), shard.label()));
    }
    m_outcome.shards = int(m_shards.size());
}

void Merge::checkCompleteness(bool partial)
{
    // The run's plan from the shards' own data: it is what they planned from.
    const Source &data = *m_shards.first().source;
    RunPlan plan;
    try {
        plan = RunPlanner::plan(
            m_whole, UniverseHistory::load(data.market->database(), m_whole.universe));
    } catch (const RunError &failure) {
        throw MergeError(QStringLiteral("%1: %2").arg(data.path, failure.what()));
    }
    m_outcome.planned = plan.planned();

    const int count = m_shards.first().run.spec.shard->count;
    QHash<qint64, int> shardOfDate;
    for (qsizetype i = 0; i < plan.dates.size(); ++i)
        shardOfDate.insert(plan.dates.at(i).toSecsSinceEpoch(), int(i % count));
    QHash<int, const Shard *> byIndex;
    QHash<int, QSet<QString>> finished;
    for (const Shard &shard : std::as_const(m_shards)) {
        byIndex.insert(shard.index(), &shard);
        finished.insert(shard.index(),
            RunRepository(shard.source->market->database()).finishedSeries(shard.run.id));
    }

    QHash<int, int> plannedOfShard;
    QHash<qint64, int> seriesOfDate;
    QHash<qint64, int> unscoredOfDate;
    for (const SkippedSeries &skipped : plan.skipped)
        ++plannedOfShard[shardOfDate.value(skipped.date.toSecsSinceEpoch())];
    for (const PlannedSeries &series : plan.series) {
        const qint64 date = series.date.toSecsSinceEpoch();
        const int index = shardOfDate.value(date);
        ++plannedOfShard[index];
        ++seriesOfDate[date];
        if (!finished.value(index).contains(RunRepository::seriesKey(series.date, series.ticker)))
            ++unscoredOfDate[date];
    }
    for (const Shard &shard : std::as_const(m_shards)) {
        if (shard.run.planned != plannedOfShard.value(shard.index()))
            throw MergeError(
                QStringLiteral("%1 planned %2 series, but the run's plan on the data of %3 gives "
                               "its dates %4: the shards did not score the same data")
                    .arg(shard.label())
                    .arg(shard.run.planned)
                    .arg(data.path)
                    .arg(plannedOfShard.value(shard.index())));
        m_outcome.scored += shard.run.scored;
        m_outcome.skipped += shard.run.skipped;
    }
    for (const QDateTime &date : plan.dates) {
        const qint64 seconds = date.toSecsSinceEpoch();
        const int index = shardOfDate.value(seconds);
        const QString shardText = RunShard { index, count }.text();
        if (!byIndex.contains(index))
            m_outcome.missingDates
                << QStringLiteral("%1 (shard %2 not given)").arg(barTimeText(date), shardText);
        else if (unscoredOfDate.value(seconds) > 0)
            m_outcome.missingDates << QStringLiteral("%1 (shard %2: %3 of %4 series not scored)")
                                          .arg(barTimeText(date), shardText)
                                          .arg(unscoredOfDate.value(seconds))
                                          .arg(seriesOfDate.value(seconds));
    }
    if (!m_outcome.missingDates.isEmpty() && !partial)
        throw MergeError(
            QStringLiteral("%1 of the run's %2 dates are not completely scored: finish their "
                           "shards (a task started again resumes its run) or merge what there "
                           "is with --partial")
                .arg(m_outcome.missingDates.size())
                .arg(plan.dates.size()),
            m_outcome.missingDates);
}

QStringList Merge::signature() const
{
    QStringList lines;
    for (const Shard &shard : m_shards)
        lines << QStringLiteral("%1 %2 %3 %4")
                     .arg(shard.index())
                     .arg(shard.run.planned)
                     .arg(shard.run.scored)
                     .arg(shard.run.skipped);
    return lines;
}

QStringList Merge::storedSignature(qint64 runId) const
{
    QStringList lines;
    QSqlQuery query = execute(m_target,
        QStringLiteral("SELECT shard, planned, scored, skipped FROM run_shards WHERE run_id = ?"
                       " ORDER BY shard"),
        { runId });
    while (query.next())
        lines << QStringLiteral("%1 %2 %3 %4")
                     .arg(query.value(0).toInt())
                     .arg(query.value(1).toInt())
                     .arg(query.value(2).toInt())
                     .arg(query.value(3).toInt());
    return lines;
}

qint64 Merge::existingMergedRun() const
{
    const RunRepository runs(m_target);
    QSqlQuery merged = execute(m_target, QStringLiteral("SELECT DISTINCT run_id FROM run_shards"));
    while (merged.next()) {
        const std::optional<RunRecord> record = runs.find(merged.value(0).toLongLong());
        if (record && record->spec.resultDifference(m_whole).isEmpty())
            return record->id;
    }
    return 0;
}

qint64 Merge::insertRun(RunStatus status)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QString name = m_whole.name.isEmpty()
        ? QStringLiteral("%1 merged from %2 shards").arg(m_whole.universe).arg(m_shards.size())
        : m_whole.name;
    const QSqlQuery insert = execute(m_target,
        QStringLiteral("INSERT INTO runs (id, name, universe, spec, status, planned, created_at,"
                       " updated_at) VALUES (%1, ?, ?, ?, ?, ?, ?, ?)")
            .arg(QLatin1String(NextRunIdSql)),
        { name, m_whole.universe,
            QString::fromUtf8(QJsonDocument(m_whole.toJson()).toJson(QJsonDocument::Compact)),
            runStatusName(status), m_outcome.planned, now, now });
    return insert.lastInsertId().toLongLong();
}

void Merge::replaceRun(qint64 runId, RunStatus status)
{
    for (auto table = m_targetTables.cbegin(); table != m_targetTables.cend(); ++table)
        execute(m_target,
            QStringLiteral("DELETE FROM %1 WHERE run_id = ?").arg(quoted(table.key())), { runId });
    execute(m_target,
        QStringLiteral("UPDATE runs SET spec = ?, status = ?, error = '', planned = ?,"
                       " updated_at = ? WHERE id = ?"),
        { QString::fromUtf8(QJsonDocument(m_whole.toJson()).toJson(QJsonDocument::Compact)),
            runStatusName(status), m_outcome.planned, QDateTime::currentSecsSinceEpoch(), runId });
}

void Merge::write()
{
    m_targetTables = perRunTables(m_target);
    // Holds the write lock from the first read: what it reads of the target stays true until
    // the merge commits (rolled back when left without commit()).
    SqlTransaction transaction(m_target);
    const qint64 existing = existingMergedRun();
    if (existing != 0 && storedSignature(existing) == signature()) {
        m_outcome.runId = existing;
        m_outcome.change = MergeOutcome::Change::Unchanged;
        return;
    }
    const RunStatus status
        = m_outcome.missingDates.isEmpty() ? RunStatus::Finished : RunStatus::Cancelled;
    if (existing != 0) {
        replaceRun(existing, status);
        m_outcome.runId = existing;
        m_outcome.change = MergeOutcome::Change::Updated;
    } else {
        m_outcome.runId = insertRun(status);
        m_outcome.change = MergeOutcome::Change::Created;
    }
    for (int position = 0; position < m_shards.size(); ++position)
        copyShard(position, m_outcome.runId);
    recordShards(m_outcome.runId);
    transaction.commit();
    if (!UniverseRepository(m_target).find(m_whole.universe))
        m_outcome.warnings << QStringLiteral("this database has no universe '%1': evaluating the "
                                             "run needs its prices here")
                                  .arg(m_whole.universe);
}

void Merge::copyShard(int position, qint64 runId)
{
    const Shard &shard = m_shards.at(position);
    const QMap<QString, PerRunTable> sourceTables = perRunTables(shard.source->market->database());
    for (auto target = m_targetTables.cbegin(); target != m_targetTables.cend(); ++target) {
        const QString &table = target.key();
        if (NotCopied.contains(table) || !sourceTables.contains(table))
            continue;
        QStringList columns;
        for (const QString &column : sourceTables.value(table).columns)
            if (target->columns.contains(column) && column != RunIdColumn && column != ShardColumn
                && column != target->rowidAlias)
                columns << column;
        copyRows(position, table, columns, runId, target->columns.contains(ShardColumn));
    }
    report(QStringLiteral("%1: %2 series scored, %3 skipped")
               .arg(shard.label())
               .arg(shard.run.scored)
               .arg(shard.run.skipped));
}

void Merge::copyRows(
    int position, const QString &table, const QStringList &columns, qint64 runId, bool tagShard)
{
    const Shard &shard = m_shards.at(position);
    const QString renumbered = RenumberedColumn.value(table);
    const qsizetype renumberedAt = columns.indexOf(renumbered);
    qint64 offset = 0;
    if (renumberedAt >= 0) {
        QSqlQuery next = execute(m_target,
            QStringLiteral("SELECT COALESCE(MAX(%1) + 1, 0) FROM %2 WHERE run_id = ?")
                .arg(quoted(renumbered), quoted(table)),
            { runId });
        offset = next.next() ? next.value(0).toLongLong() : 0;
    }
    QStringList quotedColumns;
    for (const QString &column : columns)
        quotedColumns << quoted(column);
    QSqlQuery read = execute(shard.source->market->database(),
        QStringLiteral("SELECT %1 FROM %2 WHERE run_id = ?")
            .arg(quotedColumns.join(QLatin1String(", ")), quoted(table)),
        { shard.run.id });

    QStringList targetColumns { RunIdColumn };
    if (tagShard)
        targetColumns << ShardColumn;
    targetColumns += quotedColumns;
    const QString sql
        = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
              .arg(quoted(table), targetColumns.join(QLatin1String(", ")),
                  QStringList(targetColumns.size(), QStringLiteral("?")).join(QLatin1String(", ")));
    QSqlQuery write(m_target);
    if (!write.prepare(sql))
        throw MergeError(QStringLiteral("%1 (%2)").arg(write.lastError().text(), sql));
    const bool scores = table == QLatin1String("run_scores");
    const qsizetype dateAt = columns.indexOf(QStringLiteral("date"));
    while (read.next()) {
        write.addBindValue(runId);
        if (tagShard)
            write.addBindValue(shard.index());
        for (qsizetype i = 0; i < columns.size(); ++i)
            write.addBindValue(i == renumberedAt
                    ? QVariant(read.value(int(i)).toLongLong() + offset)
                    : read.value(int(i)));
        if (!write.exec()) {
            if (scores)
                duplicateScore(shard, read, columns, write.lastError().text());
            throw MergeError(QStringLiteral("copying %1 of %2: %3")
                                 .arg(table, shard.label(), write.lastError().text()));
        }
        if (scores && dateAt >= 0)
            m_scoreDateShard.insert(read.value(int(dateAt)).toLongLong(), position);
    }
}

void Merge::duplicateScore(const Shard &shard, const QSqlQuery &row, const QStringList &columns,
    const QString &error) const
{
    const auto value = [&](const char *column) {
        return row.value(int(columns.indexOf(QLatin1String(column))));
    };
    const qint64 date = value("date").toLongLong();
    const qsizetype earlier = m_scoreDateShard.value(date, -1);
    if (earlier < 0)
        throw MergeError(QStringLiteral("copying the scores of %1: %2").arg(shard.label(), error));
    throw MergeError(QStringLiteral("(%1, %2, horizon %3) is scored by %4 and by %5: a row may "
                                    "come from one shard only")
                         .arg(dateText(date), value("ticker").toString())
                         .arg(value("horizon").toInt())
                         .arg(m_shards.at(earlier).label(), shard.label()));
}

void Merge::recordShards(qint64 runId)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const Shard &shard : std::as_const(m_shards))
        execute(m_target,
            QStringLiteral("INSERT INTO run_shards (run_id, shard, shard_count, source_path,"
                           " source_run_id, source_status, planned, scored, skipped, merged_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            { runId, shard.index(), shard.run.spec.shard->count,
                QFileInfo(shard.source->path).absoluteFilePath(), shard.run.id,
                runStatusName(shard.run.status), shard.run.planned, shard.run.scored,
                shard.run.skipped, now });
}

} // namespace

RunMerger::RunMerger(QSqlDatabase target)
    : m_target(std::move(target))
{
}

MergeOutcome RunMerger::merge(const QStringList &sourcePaths, bool partial,
    const std::function<void(const QString &)> &progress)
{
    MergeOutcome outcome;
    Merge job(m_target, outcome, progress);
    job.openSources(sourcePaths);
    job.collectShards();
    job.checkCompleteness(partial);
    job.write();
    return outcome;
}
