#include "cli/slurm_command.h"

#include "cli/cli_dispatcher.h"
#include "cli/database_option.h"
#include "cli/run_spec_options.h"
#include "cli/scoring_run_options.h"
#include "run/installed_programs.h"
#include "run/slurm_job_writer.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QProcess>

namespace {

constexpr int Failed = 1;

// Runs the job's submit.sh (sbatch twice), passing on what it prints.
int submit(const QString &script, QTextStream &out, QTextStream &err)
{
    QProcess process;
    process.start(QStringLiteral("bash"), { script });
    if (!process.waitForFinished(-1) || process.exitStatus() != QProcess::NormalExit) {
        err << "kronos-cli slurm: cannot run " << script << ": " << process.errorString() << "\n";
        return Failed;
    }
    out << QString::fromLocal8Bit(process.readAllStandardOutput());
    err << QString::fromLocal8Bit(process.readAllStandardError());
    if (process.exitCode() != 0) {
        err << "kronos-cli slurm: submitting failed (" << script << " exited with "
            << process.exitCode() << ")\n";
        return Failed;
    }
    return 0;
}

} // namespace

int runSlurmCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Write a Slurm job that scores a run as an array of shard tasks, each into its own "
        "database, and merges them when all succeeded: DIR gets run.json, a snapshot of the "
        "market data, score.sbatch, merge.sbatch and submit.sh. Memory per task (--mem) comes "
        "from the batch memory model and the budget, with headroom; --threads is each task's "
        "--cpus-per-task."));
    parser.addHelpOption();
    const DatabaseOption database(parser);
    const ScoringRunOptions runOptions(parser);
    const QCommandLineOption shards(QStringLiteral("shards"),
        QStringLiteral("Array tasks, one shard of the dates each."), QStringLiteral("N"));
    const QCommandLineOption folder(QStringLiteral("out"),
        QStringLiteral("The job folder (new or empty), on a file system the nodes share."),
        QStringLiteral("DIR"));
    const QCommandLineOption partition(QStringLiteral("partition"),
        QStringLiteral("sbatch --partition (default: the cluster's)."), QStringLiteral("P"));
    const QCommandLineOption time(QStringLiteral("time"),
        QStringLiteral("sbatch --time per task, e.g. 1-00:00:00 (default: the partition's)."),
        QStringLiteral("T"));
    const QCommandLineOption gpus(QStringLiteral("gpus-per-task"),
        QStringLiteral("GPUs per task with --device cuda (default 1)."), QStringLiteral("G"),
        QStringLiteral("1"));
    const QCommandLineOption cli(QStringLiteral("kronos-cli"),
        QStringLiteral("kronos-cli as the nodes run it (default: this installation's)."),
        QStringLiteral("PATH"), InstalledPrograms::kronosCli());
    const QCommandLineOption submitOption(QStringLiteral("submit"),
        QStringLiteral("Submit the job with sbatch and print its job ids."));
    parser.addOptions({ shards, folder, partition, time, gpus, cli, submitOption });
    parser.addPositionalArgument(QStringLiteral("write"), QStringLiteral("The action: write."));
    if (const std::optional<int> status
        = parseCommandArguments(parser, arguments, QStringLiteral("slurm"), out, err))
        return *status;

    const auto usage = [&](const QString &message) {
        err << "kronos-cli slurm: " << message << "\n";
        return CliDispatcher::UsageError;
    };
    if (parser.positionalArguments() != QStringList { QStringLiteral("write") })
        return usage(QStringLiteral("expected the action 'write'"));
    if (!parser.isSet(shards) || !parser.isSet(folder))
        return usage(QStringLiteral("write needs --shards N and --out DIR"));
    RunSpec spec;
    QString error;
    if (!runOptions.read(parser, spec, error))
        return usage(error);
    SlurmJobOptions options;
    qint64 number = 0;
    if (!readPositiveOption(parser.value(shards), QStringLiteral("shards"), number, error))
        return usage(error);
    options.shards = int(number);
    if (!readPositiveOption(parser.value(gpus), QStringLiteral("gpus-per-task"), number, error))
        return usage(error);
    options.gpusPerTask = int(number);
    options.folder = parser.value(folder);
    options.partition = parser.value(partition);
    options.timeLimit = parser.value(time);
    options.kronosCli = parser.value(cli);

    SlurmJob job;
    try {
        job = SlurmJobWriter::write(spec, options, database.path(parser));
    } catch (const std::exception &failure) {
        err << "kronos-cli slurm: " << failure.what() << "\n";
        return Failed;
    }
    const TaskMemory &memory = job.memory;
    out << QStringLiteral("wrote %1: %2 shards of %3 dates, %4 series to score (at most %5 in a "
                          "task)\n")
               .arg(QFileInfo(job.submitScript).absolutePath())
               .arg(options.shards)
               .arg(job.dates)
               .arg(job.series)
               .arg(job.largestShardSeries)
        << QStringLiteral("each task: %1 CPUs; batches of %2 series, predicted peak %3 MB; "
                          "memory budget %4 MB, --mem %5M\n")
               .arg(spec.threads)
               .arg(memory.batchSize)
               .arg(double(memory.predictedPeakBytes) / 1048576.0, 0, 'f', 0)
               .arg(memory.budgetMb)
               .arg(memory.requestMb);
    for (const QString &warning : job.warnings)
        err << "warning: " << warning << "\n";
    if (parser.isSet(submitOption))
        return submit(job.submitScript, out, err);
    out << "submit it with: " << job.submitScript << "\n";
    return 0;
}
