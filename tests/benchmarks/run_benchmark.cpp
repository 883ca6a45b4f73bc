// Scoring-run benchmark: the bundled sample's first 98 tickers on one date, horizons 20/60/90
// (one 90-step generation), lookback 252, Kronos-small's shape with seeded random weights,
// greedy, through the real ScoringWorker (planning, batches, SQLite commits, memory sampler).
//
//   kw_run_benchmark [--threads N] [--date YYYY-MM-DD]     runs batch 12 and batch 98, each in
//                                                         its own process, and prints a table
//   kw_run_benchmark --batch B [...]                     one configuration, one result line
//   kw_run_benchmark --probe [...]                        the memory-tuning probe (trials of
//                                                         1, 2, 4, … 64, 98 series), a line each
//
// Each configuration runs in a fresh process so its peak memory is its own. Its floor is the
// dense work of the series it scored (inference/forecast_work.h) at the SGEMM rate measured in
// that process right after the run, on its threads: how far the run is from what the machine
// can do; "with reads", the decode steps no faster than their reads of weights and caches at
// the memory read rate measured there too.

#include "data/bundled_sample.h"
#include "data/database_error.h"
#include "data/market_database.h"
#include "data/universe_repository.h"
#include "identity/process_tuning.h"
#include "inference/compute_libraries.h"
#include "inference/forecast_work.h"
#include "inference/kronos_engine.h"
#include "inference/machine_rates.h"
#include "inference/memory_probe.h"
#include "inference/process_cpu_clock.h"
#include "run/run_repository.h"
#include "run/scoring_worker.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <optional>

namespace {

constexpr int TickerCount = 98;

// A market database with the bundled sample and the benchmark's universe, and the run spec.
struct Bench
{
    QTemporaryDir folder;
    QString path = folder.filePath(QStringLiteral("bench.sqlite"));
    RunSpec spec;

    // False (with the reason on `err`) when the database cannot be prepared.
    bool prepare(int threads, const QDate &date, QTextStream &err)
    {
        try {
            MarketDatabase market;
            market.open(path);
            BundledSample::install(market.database());
            UniverseRepository universes(market.database());
            const QStringList tickers
                = universes.find(BundledSample::universeName())->tickers.mid(0, TickerCount);
            universes.create(QStringLiteral("Bench"), QString(), tickers);
        } catch (const DatabaseError &error) {
            err << "cannot prepare the database: " << error.what() << "\n";
            return false;
        }
        spec.universe = QStringLiteral("Bench");
        spec.dates = DateSelection::single(date);
        spec.model.randomShape = QStringLiteral("small");
        spec.threads = threads;
        return true;
    }
};

int runProbe(int threads, const QDate &date, QTextStream &out, QTextStream &err)
{
    Bench bench;
    if (!bench.prepare(threads, date, err))
        return 1;
    QThread thread;
    auto *worker = new ScoringWorker(bench.path);
    worker->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    QEventLoop loop;
    QString failure;
    out << "batch | steps | trial seconds | peak MB | estimated seconds (90 steps) | estimated "
           "series/s\n"
        << Qt::flush;
    QObject::connect(worker, &ScoringWorker::probeTrialFinished, &loop, [&](const ProbeTrial &t) {
        out << QStringLiteral("%1 | %2 | %3 | %4 | %5 | %6 %7\n")
                   .arg(t.size, 5)
                   .arg(t.steps, 5)
                   .arg(t.seconds, 13, 'f', 2)
                   .arg(double(t.peakBytes) / 1048576.0, 7, 'f', 0)
                   .arg(t.estimatedSeconds, 28, 'f', 1)
                   .arg(t.estimatedSeriesPerSecond(), 18, 'f', 2)
                   .arg(t.failure)
            << Qt::flush;
    });
    QObject::connect(worker, &ScoringWorker::probeFinished, &loop, [&](const QString &error) {
        failure = error;
        loop.quit();
    });
    QElapsedTimer clock;
    clock.start();
    thread.start();
    QMetaObject::invokeMethod(worker, [worker, spec = bench.spec] {
        worker->probeBatchSizes(
            spec, { 1, 2, 4, 8, 12, 16, 32, 64, 98 }, std::make_shared<RunControl>());
    });
    loop.exec();
    thread.quit();
    thread.wait();
    if (!failure.isEmpty()) {
        err << "probe failed: " << failure << "\n";
        return 1;
    }
    out << QStringLiteral("probe: %1 s in all (checkpoint building included)\n")
               .arg(clock.elapsed() / 1000.0, 0, 'f', 1);
    return 0;
}

int runOne(int batchSize, int threads, const QDate &date, QTextStream &out, QTextStream &err)
{
    Bench bench;
    if (!bench.prepare(threads, date, err))
        return 1;
    const QString &path = bench.path;
    RunSpec spec = bench.spec;
    spec.batchSize = batchSize;

    QThread thread;
    auto *worker = new ScoringWorker(path);
    worker->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    QEventLoop loop;
    std::optional<RunSummary> summary;
    QString failure;
    QObject::connect(worker, &ScoringWorker::runFinished, &loop, [&](const RunSummary &s) {
        summary = s;
        loop.quit();
    });
    QObject::connect(worker, &ScoringWorker::runFailed, &loop, [&](const QString &e) {
        failure = e;
        loop.quit();
    });
    double cpuAtStart = 0;
    QObject::connect(worker, &ScoringWorker::runStarted, &loop,
        [&cpuAtStart] { cpuAtStart = kronos::processCpuSeconds(); });
    thread.start();
    QMetaObject::invokeMethod(
        worker, [worker, spec] { worker->startRun(spec, std::make_shared<RunControl>()); });
    loop.exec();
    thread.quit();
    thread.wait();
    // Before the rates are measured: their buffers and work are not the run's.
    const double cpuSeconds = kronos::processCpuSeconds() - cpuAtStart;
    const qint64 peakBytes = kronos::MemoryProbe::peakProcessBytes();
    if (!summary) {
        err << "run failed: " << failure << "\n";
        return 1;
    }
    // The same shape the worker forecasts (ScoringWorker: the spec's samples, the model's
    // context).
    const kronos::PublishedShape shape = kronos::publishedShape(spec.model.randomShape);
    const kronos::BatchShape batchShape { spec.lookback, spec.longestHorizon(),
        spec.sampling.sampleCount,
        kronos::KronosEngine::inspect(shape, spec.engineOptions()).maxContext };
    const kronos::StageWork work = kronos::forecastWork(
        shape.predictor, shape.tokenizer, summary->scoredNow, batchShape, true);
    const double stepReads = kronos::cachedStepReads(
        shape.predictor, summary->scoredNow, summary->batches, batchShape);
    const double sgemmRate = kronos::measureSgemmRate(spec.device);
    const double floor = work.total() / sgemmRate;
    const double floorWithReads
        = kronos::floorWithReads(work, stepReads, sgemmRate, kronos::measureReadRate(spec.device));
    const auto timesFloor
        = [&](double seconds) { return seconds > 0 ? summary->seconds / seconds : 0.0; };
    out << QStringLiteral("%1 | %2 | %3 | %8 | %4 | %5 | %6 | %7 | %9 (%10x) | %11 (%12x)\n")
               .arg(batchSize, 5)
               .arg(summary->scoredNow, 6)
               .arg(summary->seconds, 7, 'f', 1)
               .arg(summary->seriesPerSecond, 8, 'f', 2)
               .arg(double(summary->peakBytes) / 1048576.0, 16, 'f', 0)
               .arg(double(peakBytes) / 1048576.0, 14, 'f', 0)
               .arg(summary->batches, 7)
               .arg(cpuSeconds, 9, 'f', 1)
               .arg(floor, 7, 'f', 1)
               .arg(timesFloor(floor), 0, 'f', 1)
               .arg(floorWithReads, 7, 'f', 1)
               .arg(timesFloor(floorWithReads), 0, 'f', 1);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    ProcessTuning::restartWithTunedEnvironment(argv); // as kronos-engine and kronos-workbench do
    kronos::MemoryProbe::reuseFreedMemory();
    QCoreApplication application(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    const QCommandLineOption batch(
        QStringLiteral("batch"), QStringLiteral("One batch size."), QStringLiteral("B"));
    const QCommandLineOption threads(QStringLiteral("threads"),
        QStringLiteral("Intra-op threads (default: all cores)."), QStringLiteral("N"),
        QStringLiteral("0"));
    const QCommandLineOption date(QStringLiteral("date"),
        QStringLiteral("Evaluation date (default 2019-12-31)."), QStringLiteral("D"),
        QStringLiteral("2019-12-31"));
    const QCommandLineOption probe(
        QStringLiteral("probe"), QStringLiteral("Run the memory-tuning probe instead."));
    parser.addOptions({ batch, threads, date, probe });
    parser.addHelpOption();
    parser.process(application);
    const QDate day = QDate::fromString(parser.value(date), Qt::ISODate);
    if (parser.isSet(probe))
        return runProbe(parser.value(threads).toInt(), day, out, err);
    if (parser.isSet(batch))
        return runOne(parser.value(batch).toInt(), parser.value(threads).toInt(), day, out, err);

    out << QStringLiteral("Kronos-small shape, random weights; %1 tickers of the bundled sample "
                          "on %2; lookback 252; horizons 20/60/90 (one 90-step generation); "
                          "greedy; CPU, %3 threads\n")
               .arg(TickerCount)
               .arg(day.toString(Qt::ISODate))
               .arg(parser.value(threads) == QLatin1String("0") ? QStringLiteral("all")
                                                                : parser.value(threads));
    out << "libtorch " << kronos::libtorchVersion() << ", BLAS: " << kronos::blasDescription()
        << "\n";
    out << "batch | series | seconds | CPU seconds | series/s | peak in batch MB | peak RSS MB | "
           "batches | floor s (x) | with reads s (x)\n"
        << Qt::flush;
    for (int size : { 12, 98 }) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(),
            { QStringLiteral("--batch"), QString::number(size), QStringLiteral("--threads"),
                parser.value(threads), QStringLiteral("--date"), parser.value(date) });
        child.waitForFinished(-1);
        out << QString::fromUtf8(child.readAllStandardOutput()) << Qt::flush;
        if (child.exitCode() != 0)
            return 1;
    }
    return 0;
}
