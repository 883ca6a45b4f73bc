#pragma once

#include "data/bar.h"
#include "data/import_report.h"
#include "data/universe.h"
#include "eval/evaluation.h"
#include "eval/io/score_file_reader.h"
#include "eval/report/report_subject.h"
#include "run/run_identity.h"
#include "run/run_records.h"
#include "run/run_time_estimate.h"
#include "run/slurm_job_writer.h"
#include "workbench/background_executor.h"
#include "workbench/market_catalog.h"
#include "workbench/stored_run.h"

#include <QDate>
#include <QFuture>
#include <QList>
#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>
#include <optional>
#include <vector>

// What the run history shows after a read or an edit: the runs, and the comparison asked for.
struct RunListing
{
    QString error; // the edit failed, or the runs could not be read
    QString message; // what the last edit did
    QList<RunRecord> runs; // newest first
    // Filled when two runs were compared.
    std::optional<RunComparison> comparison;
    qint64 firstCompared = 0;
    qint64 secondCompared = 0;
};

// What one edit of the universes did, with the universes as they are afterwards.
struct UniverseEdit
{
    QString error; // the edit failed (nothing changed), or the database could not be opened
    QString message; // what was done, for the status line
    QStringList unknownTickers; // given but without bars: reported, never stored
    QList<Universe> universes; // after the edit, by name
    QString selected; // the universe to select afterwards
};

// The bars around one forecast: the context up to its date and what was realized after it.
struct ForecastBars
{
    QList<Bar> context; // up to and including the date, oldest first
    QList<Bar> realized; // after the date, up to the longest horizon
    QString error;
};

// What an import did, or why it could not start or finish.
struct ImportOutcome
{
    ImportReport report;
    // The database could not be opened, a database error stopped the import (`report` holds the
    // files imported before it), or sector universes were not refreshed.
    QString error;
};

// The batches of the stored runs of one checkpoint and device (memory tuning).
struct PastBatches
{
    QList<BatchTelemetry> batches;
    QString error;
};

// A cluster job folder written, or why not.
struct ClusterJobWrite
{
    SlurmJob job;
    QString error; // nothing was written
};

// How long a run would take, judged from the stored runs' batches.
struct RunTimeEstimateRead
{
    RunTimeEstimate estimate;
    QString error; // the runs could not be read
};

// A scores file of any signal, read.
struct ScoreFileRead
{
    Eval::ScoreFile file;
    QString error; // "FILE:LINE: reason"
};

// What one evaluation produced, or why it could not run.
struct EvaluationOutcome
{
    qint64 runId = 0; // the run it is stored with; 0 for a scores file
    RunIdentity run; // that run: name, checkpoint, random weights or not
    int scoreCount = 0; // score rows evaluated
    Eval::EvaluationReport report;
    Eval::EvaluationOptions options; // as used (a run's horizons when none were given)
    std::shared_ptr<const Eval::PricePanel> panel; // the prices evaluated against
    QStringList missingTickers; // scored but without a bar in the database
    QStringList notes; // about the input: a run still running, horizons its scores do not reach
    // What Export report… names (without its generation time): the run, or the scores handed
    // over, with the database the prices came from.
    Eval::ReportSubject subject;
    QString error;
};

class WorkspaceFile;

// The workbench's market database and the one background executor all of the GUI's data work
// runs on. Every operation runs on the executor with a database connection of its own (a Qt SQL
// connection belongs to the thread that opened it) through core's repositories, and returns a
// future; the GUI never opens the database or runs SQL. Failures arrive as the result's `error`
// (an exception inside a task is turned into it once, here).
//
// Thread-safety: the operations may be called from any thread. The destructor waits for the
// tasks in flight.
class Workspace
{
public:
    explicit Workspace(QString databasePath);
    ~Workspace();
    Workspace(const Workspace &) = delete;
    Workspace &operator=(const Workspace &) = delete;

    // The market database a first start uses (MarketDatabase::defaultPath()).
    static QString defaultDatabasePath();

    QString databasePath() const;
    BackgroundExecutor &executor() { return m_executor; }

    // The universes and sectors. Whichever task finds the file new (this one or another) creates
    // the database and installs the bundled sample first; this result says so, once.
    QFuture<MarketCatalog> loadCatalog();

    QFuture<RunListing> listRuns();
    QFuture<RunListing> renameRun(qint64 runId, const QString &name);
    QFuture<RunListing> deleteRun(qint64 runId);
    QFuture<RunListing> compareRuns(qint64 firstRunId, qint64 secondRunId);
    QFuture<StoredRun> readRun(qint64 runId);
    // The batches of the stored runs with `model` and `device`, except those of `exceptRunId`.
    QFuture<PastBatches> pastBatches(
        const ModelSource &model, const QString &device, qint64 exceptRunId);

    // How long a run of `spec` scoring at most `series` series would take (RunTimeEstimator).
    QFuture<RunTimeEstimateRead> estimateRunTime(const RunSpec &spec, int series);
    // Writes a Slurm job folder for `spec` with a snapshot of the market database, as
    // `kronos-cli slurm write` does (SlurmJobWriter).
    QFuture<ClusterJobWrite> writeClusterJob(const RunSpec &spec, const SlurmJobOptions &options);

    // The adjusted bars of `ticker`: `contextBars` up to `date`, `realizedBars` after it.
    QFuture<ForecastBars> forecastBars(
        const QString &ticker, const QDate &date, int contextBars, int realizedBars);

    // `selected`: the universe the result names as the one to select.
    QFuture<UniverseEdit> listUniverses(const QString &selected);
    // `tickers` as typed: commas, semicolons or white space between them.
    QFuture<UniverseEdit> createUniverse(const QString &name, const QString &tickers);
    // A text file of tickers, or a CSV file with a ticker, symbol or Name column.
    QFuture<UniverseEdit> createUniverseFromFile(const QString &name, const QString &path);
    QFuture<UniverseEdit> renameUniverse(const QString &name, const QString &newName);
    QFuture<UniverseEdit> duplicateUniverse(const QString &name, const QString &newName);
    QFuture<UniverseEdit> deleteUniverse(const QString &name);
    // `tickers` as typed, as for createUniverse(); those without bars are reported, not added.
    QFuture<UniverseEdit> addUniverseMembers(const QString &name, const QString &tickers);
    QFuture<UniverseEdit> removeUniverseMembers(const QString &name, const QStringList &tickers);

    // Imports files and folders (CsvImporter), then refreshes the sector universes. Progress:
    // files done of the files found, with the last file's name as the text. `cancel` is polled
    // between rows; the file being imported is then rolled back.
    QFuture<ImportOutcome> importFiles(
        const QStringList &paths, std::shared_ptr<const std::atomic<bool>> cancel);

    QFuture<ScoreFileRead> readScoreFile(const QString &path);
    // Evaluates run `runId`'s stored scores and stores the summary with the run, replacing the
    // previous one — what `kronos-cli evaluate RUN_ID` does (RunEvaluator, RunEvaluationStore).
    // `options.horizons` empty: the run's horizons.
    QFuture<EvaluationOutcome> evaluateRun(qint64 runId, const Eval::EvaluationOptions &options);
    // Evaluates scores of any signal (with their samples and paths, if any) against the adjusted
    // closes and sectors of their tickers, as `kronos-cli evaluate --scores` does
    // (evaluateAgainstStore); nothing is stored. `subject` names them in a report.
    QFuture<EvaluationOutcome> evaluateScores(std::shared_ptr<const Eval::EvaluationInput> input,
        const Eval::EvaluationOptions &options, const Eval::ReportSubject &subject);

private:
    // Shared with the tasks; the executor, destroyed first, waits for them.
    std::shared_ptr<WorkspaceFile> m_file;
    BackgroundExecutor m_executor;
};
