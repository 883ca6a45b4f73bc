#include "cli/scoring_run_driver.h"

#include "cli/cli_worker_thread.h"
#include "cli/interrupt_flag.h"
#include "cli/run_progress_printer.h"
#include "data/byte_size.h"
#include "data/market_database.h"
#include "run/run_repository.h"
#include "run/score_csv_export.h"
#include "run/scoring_worker.h"

#include <optional>

int ScoringRunDriver::drive(const QString &databasePath, const CliWorkerThread::Start &start,
    const QString &outputPath, QTextStream &out, QTextStream &err)
{
    RunProgressPrinter progress(err, RunProgressPrinter::isTerminal(stderr));
    CliWorkerThread session(databasePath);
    ScoringWorker *worker = session.worker();
    QObject *context = session.context();
    std::optional<RunSummary> finished;
    QString failure;
    qint64 runId = 0;
    QObject::connect(worker, &ScoringWorker::runStarted, context, [&](const RunPlanSummary &s) {
        runId = s.runId;
        progress.runStarted(s);
    });
    QObject::connect(worker, &ScoringWorker::batchStarted, context,
        [&](int index, int count, int size) { progress.batchStarted(index, count, size); });
    QObject::connect(worker, &ScoringWorker::batchFinished, context,
        [&](int index, double seconds, qint64 peak, int series) {
            progress.batchFinished(index, seconds, peak, series);
        });
    QObject::connect(worker, &ScoringWorker::memorySample, context,
        [&](double, qint64 processBytes) { progress.memorySample(processBytes); });
    QObject::connect(worker, &ScoringWorker::warning, context,
        [&](const QString &text) { progress.warning(text); });
    QObject::connect(worker, &ScoringWorker::runFinished, context, [&](const RunSummary &s) {
        finished = s;
        session.quit();
    });
    QObject::connect(worker, &ScoringWorker::runFailed, context, [&](const QString &error) {
        failure = error;
        session.quit();
    });
    session.run(start);
    progress.runEnded();

    if (!finished) {
        err << "kronos-cli: run " << (runId ? QString::number(runId) : QStringLiteral("-"))
            << " failed: " << failure << "\n";
        return 1;
    }
    const RunSummary &summary = *finished;
    if (summary.status == RunStatus::Cancelled) {
        err << QStringLiteral("run %1 cancelled after %2 of %3 series; resume it with "
                              "`kronos-cli runs resume %1`\n")
                   .arg(summary.runId)
                   .arg(summary.scored)
                   .arg(summary.planned - summary.skipped);
        return InterruptFlag::ExitStatus;
    }
    err << QStringLiteral("run %1 finished: %2 series scored (%3 now, %4 series/s), %5 skipped, "
                          "%6 backoffs, peak %7\n")
               .arg(summary.runId)
               .arg(summary.scored)
               .arg(summary.scoredNow)
               .arg(summary.seriesPerSecond, 0, 'f', 2)
               .arg(summary.skipped)
               .arg(summary.backoffs)
               .arg(ByteSize::format(summary.peakBytes));
    if (!outputPath.isEmpty()) {
        try {
            MarketDatabase database;
            database.open(databasePath);
            const RunRepository runs(database.database());
            const std::optional<RunRecord> run = runs.find(summary.runId);
            if (!run)
                throw std::runtime_error(
                    QStringLiteral("no run with id %1").arg(summary.runId).toStdString());
            ScoreCsvExport::write(
                outputPath, { run->id, run->name, run->spec.model }, runs.scores(summary.runId));
        } catch (const std::exception &failure) {
            err << "kronos-cli: " << failure.what() << "\n";
            return 1;
        }
        out << outputPath << "\n";
    }
    return 0;
}
