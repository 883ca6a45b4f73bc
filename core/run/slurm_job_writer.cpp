#include "run/slurm_job_writer.h"

#include "data/atomic_file.h"
#include "data/byte_size.h"
#include "data/market_database.h"
#include "inference/micro_batch_scheduler.h"
#include "run/run_engine.h"
#include "run/run_error.h"
#include "run/run_planner.h"
#include "run/universe_history.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <exception>

namespace {

void checkOptions(const RunSpec &spec, const SlurmJobOptions &options)
{
    const QString specProblem = spec.validate();
    if (!specProblem.isEmpty())
        throw RunError(specProblem);
    if (spec.shard)
        throw RunError(QStringLiteral("the run to split must be a whole run, not a shard"));
    if (options.shards < 1)
        throw RunError(QStringLiteral("a job needs at least 1 shard"));
    if (spec.threads < 1)
        throw RunError(QStringLiteral("choose the threads of each task (--threads N): they "
                                      "are its --cpus-per-task"));
    if (spec.device == QLatin1String("cuda") && options.gpusPerTask < 1)
        throw RunError(QStringLiteral("a cuda run needs at least 1 GPU per task"));
    if (options.kronosCli.isEmpty())
        throw RunError(QStringLiteral("the path of kronos-cli on the nodes is missing"));
    if (options.folder.isEmpty())
        throw RunError(QStringLiteral("choose the job folder"));
    static const QRegularExpression unsafe(QStringLiteral("[\\s%\"'\\\\]"));
    const QDir folder(options.folder);
    if (folder.absolutePath().contains(unsafe))
        throw RunError(QStringLiteral("the job folder's path may not contain white space, "
                                      "quotes, backslashes or '%' (sbatch reads it from "
                                      "#SBATCH lines): %1")
                           .arg(folder.absolutePath()));
    if (folder.exists() && !folder.isEmpty())
        throw RunError(QStringLiteral("%1 is not empty: a job gets a folder of its own (its "
                                      "tasks resume the shard databases they find there)")
                           .arg(options.folder));
}

// The run's plan on the data: its dates, and the series of its largest shard.
void planShards(const RunSpec &spec, int shards, QSqlDatabase database, SlurmJob &job)
{
    const RunPlan plan = RunPlanner::plan(spec, UniverseHistory::load(database, spec.universe));
    job.dates = int(plan.dates.size());
    job.series = int(plan.series.size());
    if (shards > job.dates)
        throw RunError(
            QStringLiteral("the run has %1 evaluation dates: at most %1 shards").arg(job.dates));
    QHash<qint64, int> seriesOfDate;
    for (const PlannedSeries &series : plan.series)
        ++seriesOfDate[series.date.toSecsSinceEpoch()];
    for (int index = 0; index < shards; ++index) {
        int series = 0;
        for (const QDateTime &date : RunPlanner::shardDates(plan.dates, { index, shards }))
            series += seriesOfDate.value(date.toSecsSinceEpoch());
        job.largestShardSeries = std::max(job.largestShardSeries, series);
    }
}

kronos::ModelSummary modelSummary(const RunSpec &spec)
{
    try {
        return RunEngine::inspect(spec);
    } catch (const std::exception &failure) {
        throw RunError(QStringLiteral("cannot load the checkpoint: %1")
                           .arg(QString::fromStdString(failure.what())));
    }
}

void exec(QSqlQuery &query, const QString &sql, const QVariant &value = {})
{
    query.prepare(sql);
    if (value.isValid())
        query.addBindValue(value);
    if (!query.exec())
        throw RunError(QStringLiteral("cannot snapshot the market data: %1 (%2)")
                           .arg(query.lastError().text(), sql));
}

// A consistent copy of the market data (VACUUM INTO reads one snapshot, whoever else writes),
// without runs, in a single file (rollback journal) that the tasks can copy as it is.
void snapshotData(const QString &databasePath, const QString &snapshotPath)
{
    {
        MarketDatabase source;
        source.open(databasePath);
        QSqlQuery query(source.database());
        exec(query, QStringLiteral("VACUUM INTO ?"), snapshotPath);
    }
    MarketDatabase snapshot;
    snapshot.open(snapshotPath);
    QSqlQuery query(snapshot.database());
    exec(query, QStringLiteral("DELETE FROM runs")); // their rows go by ON DELETE CASCADE
    exec(query, QStringLiteral("VACUUM"));
    exec(query, QStringLiteral("PRAGMA journal_mode = DELETE"));
}

void writeFile(const QString &path, const QByteArray &content, bool executable)
{
    saveFileAtomically(path, content);
    if (executable)
        QFile::setPermissions(
            path, QFile::permissions(path) | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther);
}

// Empties a job folder that was empty (or missing) before a failed write.
void removeWritten(const QString &path, bool folderExisted)
{
    QDir folder(path);
    if (!folderExisted) {
        folder.removeRecursively();
        return;
    }
    for (const QFileInfo &entry : folder.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot)) {
        if (entry.isDir())
            QDir(entry.filePath()).removeRecursively();
        else
            QFile::remove(entry.filePath());
    }
}
} // namespace

SlurmJob SlurmJobWriter::write(
    const RunSpec &spec, const SlurmJobOptions &options, const QString &databasePath)
{
    checkOptions(spec, options);
    if (!QFileInfo(databasePath).isFile())
        throw RunError(QStringLiteral("no market database at %1").arg(databasePath));
    // From here on the folder holds only what this call writes.
    SlurmJob job;
    const QDir folder(options.folder);
    const bool folderExisted = folder.exists();
    try {
        SlurmJobOptions absolute = options;
        absolute.folder = folder.absolutePath();
        absolute.kronosCli = QFileInfo(options.kronosCli).absoluteFilePath();
        // What the tasks score: the whole run, with paths the nodes can follow and the budget
        // the task's memory is sized for.
        RunSpec tasks = spec;
        tasks.model.contentHash.clear(); // each task fingerprints the weights it finds
        if (tasks.model.randomShape.isEmpty()) {
            tasks.model.modelDir = QFileInfo(spec.model.modelDir).absoluteFilePath();
            tasks.model.tokenizerDir = QFileInfo(spec.model.tokenizerDir).absoluteFilePath();
        }
        {
            MarketDatabase market;
            market.open(databasePath);
            planShards(tasks, options.shards, market.database(), job);
        }
        job.memory = SlurmJobScript::taskMemory(tasks, modelSummary(tasks), job.largestShardSeries);
        const qint64 budgetBytes = spec.memoryBudgetMib * ByteSize::BytesPerMiB;
        if (budgetBytes > 0
            && job.memory.predictedPeakBytes
                > kronos::MicroBatchScheduler::BudgetShare * double(budgetBytes))
            job.warnings << QStringLiteral("a batch of %1 series is predicted to peak at %2, "
                                           "over 90% of the %3 budget: tasks will back off to "
                                           "smaller batches")
                                .arg(job.memory.batchSize)
                                .arg(ByteSize::format(job.memory.predictedPeakBytes),
                                    ByteSize::format(budgetBytes));
        tasks.memoryBudgetMib = job.memory.budgetMb;

        if (!folder.mkpath(SlurmJobScript::logFolder()))
            throw RunError(QStringLiteral("cannot create %1").arg(absolute.folder));
        const QString data = folder.filePath(SlurmJobScript::dataFile());
        snapshotData(databasePath, data + QStringLiteral(".partial"));
        if (!QFile::rename(data + QStringLiteral(".partial"), data))
            throw RunError(QStringLiteral("cannot create %1").arg(data));
        writeFile(folder.filePath(SlurmJobScript::specFile()),
            QJsonDocument(tasks.toJson()).toJson(QJsonDocument::Indented), false);
        writeFile(folder.filePath(SlurmJobScript::scoreScriptFile()),
            SlurmJobScript::scoreScript(tasks, absolute, job.memory).toUtf8(), true);
        writeFile(folder.filePath(SlurmJobScript::mergeScriptFile()),
            SlurmJobScript::mergeScript(absolute).toUtf8(), true);
        job.submitScript = QDir(absolute.folder).filePath(SlurmJobScript::submitScriptFile());
        writeFile(job.submitScript, SlurmJobScript::submitScript(absolute).toUtf8(), true);
    } catch (...) {
        // A RunError of the plan or a file, a FileError, a DatabaseError of the market
        // database: nothing of the job stays.
        removeWritten(options.folder, folderExisted);
        throw;
    }
    return job;
}
