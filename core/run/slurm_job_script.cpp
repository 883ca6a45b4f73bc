#include "run/slurm_job_script.h"

#include "inference/micro_batch_scheduler.h"

#include <QDir>
#include <QStringList>
#include <cmath>

namespace {

constexpr double Megabyte = 1048576.0;

// The #SBATCH lines both scripts share: where and how long they may run.
QString placementLines(const SlurmJobOptions &options)
{
    QString lines;
    if (!options.partition.isEmpty())
        lines += QStringLiteral("#SBATCH --partition=%1\n").arg(options.partition);
    if (!options.timeLimit.isEmpty())
        lines += QStringLiteral("#SBATCH --time=%1\n").arg(options.timeLimit);
    return lines;
}

QString inFolder(const SlurmJobOptions &options, const QString &file)
{
    return QDir(options.folder).filePath(file);
}

// Copies the job's data snapshot to `variable`'s path unless it is there already; the copy is
// made whole under another name first, so a task killed while copying never leaves half a
// database behind.
QString copyOfDataLines(const QString &variable)
{
    return QStringLiteral("if [ ! -e \"$%1\" ]; then\n"
                          "    cp \"$job/%2\" \"$%1.partial\"\n"
                          "    mv \"$%1.partial\" \"$%1\"\n"
                          "fi\n")
        .arg(variable, SlurmJobScript::dataFile());
}

} // namespace

QString SlurmJobScript::shellQuoted(const QString &text)
{
    return QLatin1Char('\'') + QString(text).replace(QLatin1Char('\''), QStringLiteral("'\\''"))
        + QLatin1Char('\'');
}

TaskMemory SlurmJobScript::taskMemory(
    const RunSpec &spec, const kronos::ModelSummary &model, int seriesPerTask)
{
    const qint64 baseline = RuntimeBaselineBytes + model.weightBytes;
    const kronos::BatchMemoryModel memoryModel
        = kronos::BatchMemoryModel::estimate(model.predictor, model.tokenizer,
            { spec.lookback, spec.longestHorizon(), spec.sampling.sampleCount, model.maxContext },
            baseline);
    const qint64 givenBudget = spec.memoryBudgetMib * qint64(Megabyte);
    // The batch the scheduler starts a task with; without a budget, an automatic batch is as
    // large as automatic batches go.
    const kronos::MicroBatchScheduler scheduler(spec.batchSize, givenBudget, memoryModel);
    TaskMemory memory;
    memory.batchSize = scheduler.nextSize(std::max(1, seriesPerTask));
    memory.predictedPeakBytes = qint64(memoryModel.predictedPeakBytes(memory.batchSize));
    memory.budgetMb = spec.memoryBudgetMib > 0
        ? spec.memoryBudgetMib
        : qint64(std::ceil(
            memory.predictedPeakBytes / kronos::MicroBatchScheduler::BudgetShare / Megabyte));
    const double processMb
        = spec.device == QLatin1String("cpu") ? double(memory.budgetMb) : baseline / Megabyte;
    memory.requestMb = qint64(std::ceil(processMb * MemoryHeadroom));
    return memory;
}

QString SlurmJobScript::scoreScript(
    const RunSpec &spec, const SlurmJobOptions &options, const TaskMemory &memory)
{
    // One arg() call: a name with "%1" in it must not be taken for a placeholder.
    QString text = QStringLiteral("#!/bin/bash\n"
                                  "# Kronos Workbench cluster job: %1 over %2, horizons %3, "
                                  "lookback %4.\n"
                                  "# Array task I scores shard I/%5 of the run in %6 (the "
                                  "evaluation dates at positions = I mod %5)\n"
                                  "# into its own database, shard_I.sqlite: one writer per SQLite "
                                  "file. Started again\n"
                                  "# (requeued, resubmitted with sbatch --array=I), a task "
                                  "resumes its run.\n"
                                  "# Memory: batches of %7 series, predicted peak %8 MB, budget "
                                  "%9 MB.\n")
                       .arg(spec.universe, spec.dates.text(), spec.horizonsText(),
                           QString::number(spec.lookback), QString::number(options.shards),
                           specFile(), QString::number(memory.batchSize),
                           QString::number(double(memory.predictedPeakBytes) / Megabyte, 'f', 0),
                           QString::number(memory.budgetMb));
    text += QStringLiteral("#SBATCH --job-name=kronos-score\n"
                           "#SBATCH --array=0-%1\n"
                           "#SBATCH --ntasks=1\n"
                           "#SBATCH --cpus-per-task=%2\n"
                           "#SBATCH --mem=%3M\n")
                .arg(options.shards - 1)
                .arg(spec.threads)
                .arg(memory.requestMb);
    if (spec.device == QLatin1String("cuda"))
        text += QStringLiteral("#SBATCH --gpus-per-task=%1\n").arg(options.gpusPerTask);
    text += placementLines(options);
    text += QStringLiteral("#SBATCH --requeue\n"
                           "#SBATCH --open-mode=append\n"
                           "#SBATCH --output=%1\n"
                           "set -euo pipefail\n"
                           "job=%2\n"
                           "shard=\"$job/shard_${SLURM_ARRAY_TASK_ID}.sqlite\"\n")
                .arg(inFolder(options, logFolder() + QStringLiteral("/score_%A_%a.log")),
                    shellQuoted(options.folder));
    text += copyOfDataLines(QStringLiteral("shard"));
    text += QStringLiteral("exec %1 score --spec \"$job/%2\" --shard \"${SLURM_ARRAY_TASK_ID}/%3\" "
                           "--db \"$shard\"\n")
                .arg(shellQuoted(options.kronosCli), specFile(), QString::number(options.shards));
    return text;
}

QString SlurmJobScript::mergeScript(const SlurmJobOptions &options)
{
    QString text = QStringLiteral("#!/bin/bash\n"
                                  "# Kronos Workbench cluster job: merges the %1 shards into %2 "
                                  "(a copy of %3),\n"
                                  "# submitted to run after every scoring task succeeded (%4).\n"
                                  "#SBATCH --job-name=kronos-merge\n"
                                  "#SBATCH --ntasks=1\n"
                                  "#SBATCH --cpus-per-task=1\n"
                                  "#SBATCH --mem=%5M\n")
                       .arg(options.shards)
                       .arg(mergedFile(), dataFile(), submitScriptFile())
                       .arg(MergeMemoryMb);
    text += placementLines(options);
    text += QStringLiteral("#SBATCH --open-mode=append\n"
                           "#SBATCH --output=%1\n"
                           "set -euo pipefail\n"
                           "job=%2\n"
                           "merged=\"$job/%3\"\n")
                .arg(inFolder(options, logFolder() + QStringLiteral("/merge_%j.log")),
                    shellQuoted(options.folder), mergedFile());
    text += copyOfDataLines(QStringLiteral("merged"));
    text += QStringLiteral("shards=()\n"
                           "for ((i = 0; i < %1; ++i)); do shards+=(\"$job/shard_$i.sqlite\"); "
                           "done\n"
                           "exec %2 runs merge --db \"$merged\" \"${shards[@]}\"\n")
                .arg(options.shards)
                .arg(shellQuoted(options.kronosCli));
    return text;
}

QString SlurmJobScript::submitScript(const SlurmJobOptions &options)
{
    return QStringLiteral(
        "#!/bin/bash\n"
        "# Submits the scoring array, then the merge to run once every task succeeded; prints "
        "both job ids.\n"
        "set -euo pipefail\n"
        "job=%1\n"
        "array=$(sbatch --parsable \"$job/%2\")\n"
        "array=${array%%;*}  # --parsable adds ';cluster' on federated clusters\n"
        "merge=$(sbatch --parsable --dependency=\"afterok:$array\" \"$job/%3\")\n"
        "echo \"scoring array job: $array (%4 tasks)\"\n"
        "echo \"merge job: ${merge%%;*}\"\n")
        .arg(shellQuoted(options.folder), scoreScriptFile(), mergeScriptFile(),
            QString::number(options.shards));
}
