// SlurmJobScript and SlurmJobWriter: memory per task from the batch memory model, the sbatch
// lines, shell quoting, the job folder (snapshot without runs, run.json, scripts) and its
// refusals; the scripts run as they are, without a scheduler, give the merged run.

#include "run/slurm_job_writer.h"
#include "scoring_run_fixture.h"
#include "test_paths.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlQuery>
#include <QtTest>
#include <cmath>

namespace {

const QString Fixture = testDataPath("kronos-narrow");

kronos::ModelSummary smallShape()
{
    const kronos::PublishedShape shape = kronos::publishedShape(QStringLiteral("small"));
    kronos::ModelSummary model;
    model.predictor = shape.predictor;
    model.tokenizer = shape.tokenizer;
    model.maxContext = shape.maxContext;
    model.weightBytes = qint64(100) << 20;
    return model;
}

kronos::BatchMemoryModel memoryModelOf(const RunSpec &spec, const kronos::ModelSummary &model)
{
    return kronos::BatchMemoryModel::estimate(model.predictor, model.tokenizer,
        { spec.lookback, spec.longestHorizon(), spec.sampling.sampleCount, model.maxContext },
        SlurmJobScript::RuntimeBaselineBytes + model.weightBytes);
}

qint64 megabytesUp(double bytes)
{
    return qint64(std::ceil(bytes / 1048576.0));
}

SlurmJobOptions options(const QString &folder)
{
    SlurmJobOptions options;
    options.shards = 3;
    options.folder = folder;
    options.kronosCli = QStringLiteral("/opt/kronos/bin/kronos-cli");
    return options;
}

RunSpec fixtureSpec()
{
    RunSpec spec = ScoringRunFixture::spec(4);
    spec.threads = 1;
    return spec;
}

QString readAll(const QString &path)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return QString::fromUtf8(file.readAll());
}

// Runs `script` with bash and `environment` added; its exit status, output on failure.
int runBash(const QString &script, const QStringList &environment, QString *output = nullptr)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &assignment : environment)
        env.insert(
            assignment.section(QLatin1Char('='), 0, 0), assignment.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("bash"), { script });
    process.waitForFinished(300000);
    if (output)
        *output = QString::fromUtf8(process.readAll());
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

// What SlurmJobWriter::write throws for `spec` and `options` (RunError and the rest), or "" when
// it writes the job.
QString refusalOf(const RunSpec &spec, const SlurmJobOptions &options, const QString &database)
{
    try {
        SlurmJobWriter::write(spec, options, database);
    } catch (const std::exception &failure) {
        return QString::fromUtf8(failure.what());
    }
    return {};
}

} // namespace

class TestSlurmJob : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScoringRunFixture> m_fixture;
    QTemporaryDir m_folder;

private Q_SLOTS:
    void initTestCase()
    {
        m_fixture = std::make_unique<ScoringRunFixture>();
        QVERIFY(m_fixture->isOpen());
    }

    // A fixed batch: the budget is its predicted peak as the 90% share automatic batches fill,
    // and --mem the budget with 25% headroom.
    void fixedBatchSizesTheBudgetFromItsPredictedPeak()
    {
        RunSpec spec = fixtureSpec();
        spec.batchSize = 12;
        const kronos::ModelSummary model = smallShape();
        const TaskMemory memory = SlurmJobScript::taskMemory(spec, model, 400);
        const double peak = memoryModelOf(spec, model).predictedPeakBytes(12);
        QCOMPARE(memory.batchSize, 12);
        QCOMPARE(memory.predictedPeakBytes, qint64(peak));
        QCOMPARE(memory.budgetMb, megabytesUp(qint64(peak) / 0.9));
        QCOMPARE(memory.requestMb, qint64(std::ceil(memory.budgetMb * 1.25)));
        QVERIFY(
            memory.predictedPeakBytes > SlurmJobScript::RuntimeBaselineBytes + model.weightBytes);
        // A task with fewer series than a batch runs a smaller one.
        QCOMPARE(SlurmJobScript::taskMemory(spec, model, 5).batchSize, 5);
    }

    void givenBudgetIsKeptAndAutomaticBatchesFitIt()
    {
        RunSpec spec = fixtureSpec();
        spec.batchSize = 0;
        spec.memoryBudgetMib = 2048;
        const kronos::ModelSummary model = smallShape();
        const TaskMemory memory = SlurmJobScript::taskMemory(spec, model, 400);
        QCOMPARE(memory.budgetMb, 2048);
        QCOMPARE(memory.requestMb, 2560);
        const kronos::BatchMemoryModel memoryModel = memoryModelOf(spec, model);
        const double share = 0.9 * 2048 * 1048576.0;
        QVERIFY(memoryModel.predictedPeakBytes(memory.batchSize) <= share);
        QVERIFY(
            memory.batchSize == 64 || memoryModel.predictedPeakBytes(memory.batchSize + 1) > share);

        // Without a budget, automatic batches are as large as they go.
        spec.memoryBudgetMib = 0;
        QCOMPARE(SlurmJobScript::taskMemory(spec, model, 400).batchSize, 64);
        QCOMPARE(SlurmJobScript::taskMemory(spec, model, 30).batchSize, 30);
    }

    // On a GPU the budget watches the device; the host holds the runtime and the weights.
    void gpuTasksAskTheHostForTheProcessOnly()
    {
        RunSpec spec = fixtureSpec();
        spec.device = QStringLiteral("cuda");
        spec.memoryBudgetMib = 16000;
        const kronos::ModelSummary model = smallShape();
        const TaskMemory memory = SlurmJobScript::taskMemory(spec, model, 400);
        QCOMPARE(memory.budgetMb, 16000);
        QCOMPARE(memory.requestMb,
            qint64(std::ceil(
                (SlurmJobScript::RuntimeBaselineBytes + model.weightBytes) / 1048576.0 * 1.25)));
    }

    void scoreScriptLines()
    {
        RunSpec spec = fixtureSpec();
        spec.threads = 4;
        SlurmJobOptions job = options(QStringLiteral("/scratch/job"));
        const TaskMemory memory { 4, 300 << 20, 334, 418 };
        QString script = SlurmJobScript::scoreScript(spec, job, memory);
        for (const char *line : { "#!/bin/bash\n", "#SBATCH --array=0-2\n", "#SBATCH --ntasks=1\n",
                 "#SBATCH --cpus-per-task=4\n", "#SBATCH --mem=418M\n", "#SBATCH --requeue\n",
                 "#SBATCH --output=/scratch/job/logs/score_%A_%a.log\n", "job='/scratch/job'\n",
                 "exec '/opt/kronos/bin/kronos-cli' score --spec \"$job/run.json\" --shard "
                 "\"${SLURM_ARRAY_TASK_ID}/3\" --db \"$shard\"\n" })
            QVERIFY2(script.contains(QLatin1String(line)), line);
        QVERIFY(!script.contains(QLatin1String("--partition")));
        QVERIFY(!script.contains(QLatin1String("--time")));
        QVERIFY(!script.contains(QLatin1String("--gpus")));

        spec.device = QStringLiteral("cuda");
        job.partition = QStringLiteral("gpu");
        job.timeLimit = QStringLiteral("2-00:00:00");
        job.gpusPerTask = 2;
        script = SlurmJobScript::scoreScript(spec, job, memory);
        for (const char *line : { "#SBATCH --gpus-per-task=2\n", "#SBATCH --partition=gpu\n",
                 "#SBATCH --time=2-00:00:00\n" })
            QVERIFY2(script.contains(QLatin1String(line)), line);
        const QString merge = SlurmJobScript::mergeScript(job);
        QVERIFY(merge.contains(QLatin1String("#SBATCH --partition=gpu\n")));
        QVERIFY(!merge.contains(QLatin1String("--gpus")));
        QVERIFY(merge.contains(QLatin1String("runs merge --db \"$merged\" \"${shards[@]}\"")));
        const QString submit = SlurmJobScript::submitScript(job);
        QVERIFY(submit.contains(QLatin1String("--dependency=\"afterok:$array\"")));
    }

    void shellQuotingSurvivesTheShell_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << "/opt/kronos-cli";
        QTest::newRow("quote") << "/home/o'neil/kronos-cli";
        QTest::newRow("spaces and dollars") << "/a b/$HOME/`x`/\"y\"";
    }
    void shellQuotingSurvivesTheShell()
    {
        QFETCH(QString, text);
        QProcess shell;
        shell.start(QStringLiteral("bash"),
            { QStringLiteral("-c"),
                QStringLiteral("printf %s ") + SlurmJobScript::shellQuoted(text) });
        QVERIFY(shell.waitForFinished());
        QCOMPARE(QString::fromUtf8(shell.readAllStandardOutput()), text);
    }

    void writesTheJobFolder()
    {
        const QString folder = m_folder.filePath(QStringLiteral("job"));
        const SlurmJob job
            = SlurmJobWriter::write(fixtureSpec(), options(folder), m_fixture->databasePath());
        QCOMPARE(job.dates, 3);
        QCOMPARE(job.series, 60);
        QCOMPARE(job.largestShardSeries, 20);
        QCOMPARE(job.memory.batchSize, 4);
        QCOMPARE(job.submitScript, QDir(folder).filePath(QStringLiteral("submit.sh")));
        QStringList files = QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
        files.sort();
        QCOMPARE(files,
            (QStringList {
                "data.sqlite", "logs", "merge.sbatch", "run.json", "score.sbatch", "submit.sh" }));
        for (const char *script : { "score.sbatch", "merge.sbatch", "submit.sh" }) {
            const QString path = QDir(folder).filePath(QLatin1String(script));
            QVERIFY(QFileInfo(path).isExecutable());
            QProcess syntax;
            syntax.start(QStringLiteral("bash"), { QStringLiteral("-n"), path });
            QVERIFY(syntax.waitForFinished());
            QVERIFY2(syntax.exitCode() == 0, qPrintable(syntax.readAllStandardError()));
        }
        // The script is SlurmJobScript's text for the run the tasks score.
        RunSpec tasks;
        QString error;
        QVERIFY(RunSpec::fromJson(
            QJsonDocument::fromJson(readAll(QDir(folder).filePath("run.json")).toUtf8()).object(),
            tasks, error));
        QCOMPARE(tasks.resultDifference(fixtureSpec()), QString());
        QCOMPARE(tasks.memoryBudgetMib, job.memory.budgetMb);
        QVERIFY(tasks.model.contentHash.isEmpty()); // each task fingerprints what it finds
        QVERIFY(QFileInfo(tasks.model.modelDir).isAbsolute());
        SlurmJobOptions absolute = options(folder);
        QCOMPARE(readAll(QDir(folder).filePath("score.sbatch")),
            SlurmJobScript::scoreScript(tasks, absolute, job.memory));

        // The data, without runs, in one file the tasks can copy.
        QVERIFY(!QFile::exists(QDir(folder).filePath("data.sqlite-wal")));
        {
            MarketDatabase data;
            data.open(QDir(folder).filePath("data.sqlite"));
            QVERIFY(RunRepository(data.database()).list().isEmpty());
            QVERIFY(UniverseRepository(data.database()).find(ShortHistoryUniverse));
        }
    }

    void refusals_data()
    {
        QTest::addColumn<RunSpec>("spec");
        QTest::addColumn<int>("shards");
        QTest::addColumn<QString>("error");
        RunSpec spec = fixtureSpec();
        spec.threads = 0;
        QTest::newRow("threads") << spec << 3
                                 << "choose the threads of each task (--threads N): they are its "
                                    "--cpus-per-task";
        QTest::newRow("more shards than dates")
            << fixtureSpec() << 4 << "the run has 3 evaluation dates: at most 3 shards";
        spec = fixtureSpec();
        spec.universe = QStringLiteral("Nowhere");
        QTest::newRow("unknown universe") << spec << 3 << "no universe named 'Nowhere'";
        spec = fixtureSpec();
        spec.model.modelDir = Fixture + QStringLiteral("/tokenizer");
        QTest::newRow("broken checkpoint") << spec << 3 << "cannot load the checkpoint: ";
    }
    void refusals()
    {
        QFETCH(RunSpec, spec);
        QFETCH(int, shards);
        QFETCH(QString, error);
        const QString folder = m_folder.filePath(QStringLiteral("refused"));
        SlurmJobOptions job = options(folder);
        job.shards = shards;
        const QString refusal = refusalOf(spec, job, m_fixture->databasePath());
        QVERIFY2(refusal.startsWith(error), qPrintable(refusal));
        QVERIFY(!QFileInfo::exists(folder)); // nothing left behind
    }

    void folderRefusals()
    {
        const QString used = m_folder.filePath(QStringLiteral("used"));
        QVERIFY(QDir().mkpath(used));
        QFile mine(QDir(used).filePath(QStringLiteral("notes.txt")));
        QVERIFY(mine.open(QIODevice::WriteOnly));
        mine.close();
        QString refusal = refusalOf(fixtureSpec(), options(used), m_fixture->databasePath());
        QVERIFY2(refusal.startsWith(used + QStringLiteral(" is not empty")), qPrintable(refusal));
        QVERIFY(QFile::exists(mine.fileName()));

        const QString spaced = m_folder.filePath(QStringLiteral("my job"));
        refusal = refusalOf(fixtureSpec(), options(spaced), m_fixture->databasePath());
        QVERIFY2(
            refusal.startsWith(QLatin1String("the job folder's path may not contain white space")),
            qPrintable(refusal));

        const QString empty = m_folder.filePath(QStringLiteral("empty"));
        QVERIFY(QDir().mkpath(empty));
        refusal = refusalOf(
            fixtureSpec(), options(empty), m_folder.filePath(QStringLiteral("no-such.sqlite")));
        QVERIFY2(refusal.startsWith(QLatin1String("no market database at ")), qPrintable(refusal));
        QVERIFY(QDir(empty).exists()); // a folder that was there stays
    }

    // Without a scheduler: each task by hand (SLURM_ARRAY_TASK_ID), task 1 twice (it finds its
    // finished run), then the merge: the run one machine scores.
    void scriptsRunAsTheyAreWithoutTheScheduler()
    {
        const QString folder = m_folder.filePath(QStringLiteral("by-hand"));
        SlurmJobOptions job = options(folder);
        job.kronosCli = kronosCliPath();
        RunSpec spec = fixtureSpec();
#if defined(__SANITIZE_ADDRESS__)
        // AddressSanitizer's shadow memory is no part of the peak the writer predicts for the
        // model: under it the tasks get a budget that holds it (a given budget is kept).
        spec.memoryBudgetMib = 2048;
#endif
        SlurmJobWriter::write(spec, job, m_fixture->databasePath());
        const QString score = QDir(folder).filePath(QStringLiteral("score.sbatch"));
        QString output;
        for (int task : { 0, 1, 2, 1 })
            QVERIFY2(runBash(score, { QStringLiteral("SLURM_ARRAY_TASK_ID=%1").arg(task) }, &output)
                    == 0,
                qPrintable(output));
        QVERIFY2(output.contains(QLatin1String("shard 1/3: run 1 in ")), qPrintable(output));
        QVERIFY(output.contains(QLatin1String("is finished already")));
        QVERIFY2(runBash(QDir(folder).filePath(QStringLiteral("merge.sbatch")), {}, &output) == 0,
            qPrintable(output));
        QVERIFY2(output.contains(QLatin1String(
                     "(created): 60 series scored + 6 skipped of 66 planned, from 3 shards")),
            qPrintable(output));

        const WorkerOutcome single = runNew(m_fixture->databasePath(), fixtureSpec());
        QVERIFY2(single.finished, qPrintable(single.failure));
        MarketDatabase merged;
        merged.open(QDir(folder).filePath(QStringLiteral("merged.sqlite")));
        const RunRecord run = RunRepository(merged.database()).list().first();
        QCOMPARE(scoreDifference(RunRepository(merged.database()).scores(run.id),
                     RunRepository(m_fixture->database()).scores(single.finished->runId)),
            QString());
    }
};

QTEST_GUILESS_MAIN(TestSlurmJob)
#include "test_slurm_job.moc"
