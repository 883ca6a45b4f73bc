#include "scoring_worker.h"

#include "batch_size_probe.h"
#include "checkpoint_fingerprint.h"
#include "kronos_engine.h"
#include "market_database.h"
#include "memory_probe.h"
#include "micro_batch_scheduler.h"
#include "out_of_memory.h"
#include "run_engine.h"
#include "run_planner.h"
#include "run_repository.h"
#include "score_calculator.h"
#include "universe_history.h"

#include <QElapsedTimer>
#include <QThread>
#include <chrono>
#include <optional>
#include <thread>

namespace {

// A failure that ends the run, with the text shown to the user.
class RunError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
    explicit RunError(const QString &message)
        : std::runtime_error(message.toStdString())
    {
    }
};

QString megabytes(qint64 bytes)
{
    return QStringLiteral("%1 MB").arg(double(bytes) / 1048576.0, 0, 'f', 0);
}

// Runs the sampler on its own thread for as long as it lives.
class SamplerThread
{
public:
    explicit SamplerThread(MemorySampler &sampler)
        : m_sampler(sampler)
    {
        sampler.moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::started, &sampler, &MemorySampler::start);
        m_thread.start();
    }
    ~SamplerThread()
    {
        // The timer must die on the thread it runs on.
        QMetaObject::invokeMethod(&m_sampler, &MemorySampler::stop, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

private:
    MemorySampler &m_sampler;
    QThread m_thread;
};

// The bars of a spec's universe and the spec's plan over them.
struct PlannedUniverse
{
    UniverseHistory history;
    RunPlan plan;
};

// Throws RunError for an unknown or empty universe or a spec that plans nothing.
PlannedUniverse planUniverse(QSqlDatabase database, const RunSpec &spec)
{
    QString error;
    std::optional<UniverseHistory> history = UniverseHistory::load(database, spec.universe, error);
    if (!history)
        throw RunError(error);
    RunPlan plan = RunPlanner::plan(spec, *history, error);
    if (!error.isEmpty())
        throw RunError(error);
    return { std::move(*history), std::move(plan) };
}

// A new run records what its weights are (shards of one run are merged only when they agree); a
// resumed run must still find the weights it started with, or it would mix two models.
void fingerprintCheckpoint(RunSpec &spec, bool resuming)
{
    QString error;
    const QString hash = CheckpointFingerprint::of(spec.model, error);
    if (hash.isEmpty())
        throw RunError(error);
    if (resuming && !spec.model.contentHash.isEmpty() && hash != spec.model.contentHash)
        throw RunError(QStringLiteral("the checkpoint's files are not those the run started "
                                      "with (%1 then, %2 now); resuming would mix two models")
                           .arg(spec.model.contentHash, hash));
    spec.model.contentHash = hash;
}

} // namespace

// Everything one session of a run (a start or a resume) works with, on the worker thread.
struct ScoringWorker::Session
{
    qint64 runId = 0;
    RunSpec spec;
    RunRepository *repository = nullptr;
    const UniverseHistory *history = nullptr;
    QList<PlannedSeries> pending;
    std::shared_ptr<const kronos::KronosEngine> engine;
    std::unique_ptr<kronos::MicroBatchScheduler> scheduler;
    MemorySampler *sampler = nullptr;
    RunSummary summary;
};

// What one watched forecast came to.
struct ScoringWorker::BatchOutcome
{
    kronos::ForecastResult result;
    double seconds = 0;
    qint64 peak = 0;
    QString outOfMemory; // the failure when the batch ran out of memory or over the budget
    bool cancelled = false; // by the user
};

ScoringWorker::ScoringWorker(QString databasePath, QObject *parent)
    : QObject(parent)
    , m_databasePath(std::move(databasePath))
{
    qRegisterMetaType<RunSpec>();
    qRegisterMetaType<ScoreRow>();
    qRegisterMetaType<QList<ScoreRow>>();
    qRegisterMetaType<RunPlanSummary>();
    qRegisterMetaType<RunSummary>();
    qRegisterMetaType<QList<SkippedSeries>>();
    qRegisterMetaType<ProbeTrial>();
    qRegisterMetaType<kronos::MemoryModelFit>();
    qRegisterMetaType<kronos::MemoryReading>();
}

ScoringWorker::~ScoringWorker() = default;

void ScoringWorker::setEngine(std::shared_ptr<const kronos::KronosEngine> engine)
{
    m_engine = std::move(engine);
}

void ScoringWorker::setMemoryProbe(MemorySampler::Probe probe)
{
    m_probeOverride = std::move(probe);
}

void ScoringWorker::setBeforeForward(std::function<void()> hook)
{
    m_beforeForward = std::move(hook);
}

void ScoringWorker::cancel()
{
    m_cancelRequested = true;
    m_stopForecast = true;
}

void ScoringWorker::pause()
{
    m_paused = true;
}

void ScoringWorker::resume()
{
    m_paused = false;
}

bool ScoringWorker::isPaused() const
{
    return m_paused;
}

void ScoringWorker::startRun(const RunSpec &spec)
{
    execute(&spec, 0);
}

void ScoringWorker::resumeRun(qint64 runId)
{
    execute(nullptr, runId);
}

void ScoringWorker::probeBatchSizes(const RunSpec &spec, const QList<int> &sizes)
{
    m_cancelRequested = false;
    m_stopForecast = false;
    try {
        MarketDatabase database;
        if (!database.open(m_databasePath))
            throw RunError(database.errorString());
        const PlannedUniverse planned = planUniverse(database.database(), spec);
        const UniverseHistory &history = planned.history;
        const int context
            = BatchSizeProbe::trialContextLength(spec.lookback, spec.longestHorizon());
        const QList<PlannedSeries> series
            = BatchSizeProbe::trialSeries(planned.plan, [&](const PlannedSeries &one) {
                  return history.barIndex(one.ticker, one.date) + 1 >= context;
              });
        if (series.isEmpty())
            throw RunError(QStringLiteral("no ticker of '%1' has the %2 bars a probe needs up to "
                                          "one of the chosen dates (the lookback and the "
                                          "horizon's steps the trials do not decode)")
                               .arg(spec.universe)
                               .arg(context));
        Session session;
        session.spec = spec;
        session.history = &history;
        const MemorySampler::Probe probe = prepareEngineAndMemoryWatch(session);
        const QList<int> trialSizes = BatchSizeProbe::trialSizes(sizes, int(series.size()));
        sampleMemoryDuring(
            session, probe, [&] { runTrials(session, series, context, trialSizes); });
        Q_EMIT probeFinished(QString());
    } catch (const std::exception &failure) {
        Q_EMIT probeFinished(QString::fromStdString(failure.what()));
    }
}

void ScoringWorker::runTrials(
    Session &session, const QList<PlannedSeries> &series, int context, const QList<int> &sizes)
{
    const RunSpec &spec = session.spec;
    const int steps = BatchSizeProbe::trialSteps(spec.longestHorizon());
    for (int size : sizes) {
        std::vector<kronos::SeriesInput> inputs;
        for (const PlannedSeries &one : series.mid(0, size))
            inputs.push_back(session.history->seriesInput(one.ticker, one.date, context, steps));
        const BatchOutcome outcome = forecastWatched(session, inputs, steps);
        if (outcome.cancelled)
            return;
        ProbeTrial trial;
        trial.size = size;
        trial.steps = steps;
        trial.horizon = spec.longestHorizon();
        trial.seconds = outcome.seconds;
        trial.estimatedSeconds = outcome.outOfMemory.isEmpty()
            ? BatchSizeProbe::estimatedSeconds(outcome.result.timings, steps, context,
                trial.horizon, spec.lookback, session.engine->summary().maxContext)
            : 0.0;
        trial.peakBytes = outcome.peak;
        trial.failure = outcome.outOfMemory;
        Q_EMIT probeTrialFinished(trial);
        if (trial.failed())
            return; // a larger batch would only need more memory
        m_memoryProbe.releaseCachedMemory();
    }
}

void ScoringWorker::execute(const RunSpec *newSpec, qint64 resumeId)
{
    m_cancelRequested = false;
    m_stopForecast = false;
    MarketDatabase database;
    // Declared outside the try block: the catch below stores the failure through it.
    std::optional<RunRepository> runs;
    Session session;
    try {
        if (!database.open(m_databasePath))
            throw RunError(database.errorString());
        RunRepository &repository = runs.emplace(database.database());
        session.repository = &repository;
        QSet<QString> finished;
        QString name;
        if (newSpec) {
            session.spec = *newSpec;
        } else {
            const std::optional<RunRecord> record = repository.find(resumeId);
            if (!record)
                throw RunError(repository.errorString());
            session.spec = record->spec;
            session.runId = resumeId;
            name = record->name;
            finished = repository.finishedSeries(resumeId);
        }
        fingerprintCheckpoint(session.spec, newSpec == nullptr);
        const PlannedUniverse planned = planUniverse(database.database(), session.spec);
        session.history = &planned.history;
        const RunPlan &plan = planned.plan;
        if (newSpec) {
            session.runId = repository.create(session.spec, plan.planned(), plan.skipped);
            if (session.runId == 0)
                throw RunError(repository.errorString());
            // create() settles the name of an unnamed run.
            name = repository.find(session.runId).value_or(RunRecord {}).name;
        } else if (!repository.setStatus(session.runId, RunStatus::Running)) {
            throw RunError(repository.errorString());
        }
        for (const PlannedSeries &series : plan.series)
            if (!finished.contains(RunRepository::seriesKey(series.date, series.ticker)))
                session.pending.append(series);

        session.summary.runId = session.runId;
        session.summary.planned = plan.planned();
        session.summary.skipped = int(plan.skipped.size());
        const int alreadyScored = int(plan.series.size() - session.pending.size());
        session.summary.scored = alreadyScored;

        const MemorySampler::Probe probe = prepareEngineAndMemoryWatch(session);
        const kronos::ModelSummary model = session.engine->summary();
        const kronos::BatchShape shape { session.spec.lookback, session.spec.longestHorizon(),
            session.spec.sampling.sampleCount, model.maxContext };
        session.scheduler = std::make_unique<kronos::MicroBatchScheduler>(session.spec.batchSize,
            m_budgetBytes.load(),
            kronos::BatchMemoryModel::estimate(
                model.predictor, model.tokenizer, shape, m_memoryProbe.budgetedBytes(probe())));

        RunPlanSummary started;
        started.runId = session.runId;
        started.name = name;
        started.dates = int(plan.dates.size());
        started.tickers = int(plan.tickers.size());
        started.planned = plan.planned();
        started.skipped = int(plan.skipped.size());
        started.alreadyScored = alreadyScored;
        started.toScore = int(session.pending.size());
        started.budgetBytes = m_budgetBytes;
        started.batchSize = session.spec.batchSize;
        Q_EMIT runStarted(started);
        if (!plan.skipped.isEmpty())
            Q_EMIT skipped(plan.skipped);
        Q_EMIT memoryModelChanged(session.scheduler->memoryModel());

        const auto sessionStart = std::chrono::steady_clock::now();
        sampleMemoryDuring(session, probe, [&] { scoreBatches(session); });
        repository.addMemorySamples(session.runId, takePendingSamples());
        session.summary.seconds
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - sessionStart)
                  .count();
        session.summary.seriesPerSecond
            = session.summary.seconds > 0 ? session.summary.scoredNow / session.summary.seconds : 0;
        session.summary.memoryModel = session.scheduler->memoryModel();
        session.summary.status
            = session.summary.scored + session.summary.skipped == session.summary.planned
            ? RunStatus::Finished
            : RunStatus::Cancelled;
        if (!repository.setStatus(session.runId, session.summary.status))
            throw RunError(repository.errorString());
        Q_EMIT runFinished(session.summary);
    } catch (const std::exception &failure) {
        const QString message = QString::fromStdString(failure.what());
        if (session.runId != 0 && runs)
            runs->setStatus(session.runId, RunStatus::Failed, message);
        Q_EMIT runFailed(message);
    }
}

MemorySampler::Probe ScoringWorker::prepareEngineAndMemoryWatch(Session &session)
{
    // The run's thread count, set here on the thread that runs its forecasts (libtorch's OpenMP
    // pool size is per calling thread).
    kronos::setComputeThreads(session.spec.threads);
    session.engine = m_engine ? m_engine : RunEngine::load(session.spec);
    m_memoryProbe = kronos::MemoryProbe(session.spec.device);
    m_budgetBytes = session.spec.memoryBudgetBytes();
    return m_probeOverride ? m_probeOverride
                           : MemorySampler::Probe([this] { return m_memoryProbe.read(); });
}

void ScoringWorker::sampleMemoryDuring(
    Session &session, const MemorySampler::Probe &probe, const std::function<void()> &work)
{
    {
        std::lock_guard<std::mutex> lock(m_samplesMutex);
        m_pendingSamples.clear();
        m_sampleCounter = 0;
        m_sampleStride = 1;
    }
    const auto start = std::chrono::steady_clock::now();
    MemorySampler sampler(
        probe, [this](const kronos::MemoryReading &reading) { observeReading(reading); });
    connect(
        &sampler, &MemorySampler::sampled, this,
        [this, start, stored = session.runId != 0](
            const QDateTime &time, const kronos::MemoryReading &reading) {
            // A run stores its samples; a probe has nowhere to put them.
            if (stored)
                recordTimedSample(time, reading);
            const double seconds
                = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            Q_EMIT memorySample(
                seconds, reading.processBytes, reading.deviceAllocated, reading.deviceReserved);
        },
        Qt::DirectConnection);
    session.sampler = &sampler;
    SamplerThread samplerThread(sampler);
    work();
}

ScoringWorker::BatchOutcome ScoringWorker::forecastWatched(
    Session &session, const std::vector<kronos::SeriesInput> &inputs, int predLen)
{
    BatchOutcome outcome;
    // Reset the engine's flag before looking at the user's, so a cancel arriving in between
    // still stops the forecast.
    m_stopForecast = false;
    if (m_cancelRequested) {
        outcome.cancelled = true;
        return outcome;
    }
    kronos::ForecastControl control;
    control.cancel = &m_stopForecast;
    control.beforeForward = [this, &session] {
        // A reading over the budget stops the forecast through the engine's own cancel flag;
        // checking it here abandons the batch before the next pass, not after it (a soft OOM:
        // on Linux the kernel kills the process before an allocation ever fails).
        session.sampler->read();
        if (m_stopForecast)
            throw kronos::ForecastCancelled();
        if (m_beforeForward)
            m_beforeForward();
    };
    const QString overBudget
        = QStringLiteral("memory went over the budget of %1").arg(megabytes(m_budgetBytes));
    m_batchPeak = 0;
    m_inBatch = true;
    QElapsedTimer clock;
    clock.start();
    try {
        outcome.result = session.engine->forecast(inputs, predLen, session.spec.sampling, control);
    } catch (const kronos::ForecastCancelled &) {
        // Not the user's: the memory watch's.
        outcome.cancelled = m_cancelRequested;
        if (!outcome.cancelled)
            outcome.outOfMemory = overBudget;
    } catch (const std::exception &failure) {
        if (!kronos::isOutOfMemoryError(failure)) {
            m_inBatch = false;
            throw;
        }
        outcome.outOfMemory
            = QString::fromStdString(failure.what()).section(QLatin1Char('\n'), 0, 0);
    }
    m_inBatch = false;
    outcome.seconds = clock.nsecsElapsed() / 1e9;
    outcome.peak = m_batchPeak;
    if (!outcome.outOfMemory.isEmpty())
        m_memoryProbe.releaseCachedMemory();
    return outcome;
}

void ScoringWorker::scoreBatches(Session &session)
{
    RunRepository &repository = *session.repository;
    kronos::MicroBatchScheduler &scheduler = *session.scheduler;
    const RunSpec &spec = session.spec;
    const int predLen = spec.longestHorizon();
    int index = repository.nextBatchIndex(session.runId);
    qsizetype next = 0;

    // Counted here rather than queried after every batch; read once (a resumed run has some).
    qsizetype storedSamples = repository.memorySampleCount(session.runId);
    while (next < session.pending.size()) {
        waitWhilePaused();
        if (m_cancelRequested)
            return;
        const int remaining = int(session.pending.size() - next);
        const int size = scheduler.nextSize(remaining);
        const QList<PlannedSeries> batch = session.pending.mid(next, size);
        Q_EMIT batchStarted(index, index + (remaining + size - 1) / size, size);

        std::vector<kronos::SeriesInput> inputs;
        for (const PlannedSeries &series : batch)
            inputs.push_back(
                session.history->seriesInput(series.ticker, series.date, spec.lookback, predLen));
        const BatchOutcome outcome = forecastWatched(session, inputs, predLen);
        if (outcome.cancelled)
            return;

        if (!outcome.outOfMemory.isEmpty()) {
            if (!scheduler.backOff(size))
                throw RunError(QStringLiteral("out of memory with a single series (%1; peak %2): "
                                              "raise the memory budget or use a smaller model")
                                   .arg(outcome.outOfMemory, megabytes(outcome.peak)));
            const QString text = QStringLiteral("batch %1 of %2 series ran out of memory (%3); "
                                                "retrying with %4")
                                     .arg(index)
                                     .arg(size)
                                     .arg(outcome.outOfMemory)
                                     .arg(scheduler.ceiling());
            repository.addWarning(session.runId, text);
            ++session.summary.backoffs;
            Q_EMIT backoff(index, size, scheduler.ceiling(), outcome.outOfMemory);
            Q_EMIT warning(text);
            continue;
        }

        QList<ScoreRow> rows;
        QList<SeriesPaths> paths;
        for (qsizetype i = 0; i < batch.size(); ++i) {
            const kronos::SeriesForecast &forecast = outcome.result.series.at(size_t(i));
            rows += ScoreCalculator::scores(batch.at(i), forecast, spec.horizons);
            paths.append(ScoreCalculator::paths(batch.at(i), forecast, predLen));
        }
        const BatchTelemetry telemetry { index, size, outcome.seconds, outcome.peak };
        const QList<MemorySample> samples = takePendingSamples();
        if (!repository.commitBatch(session.runId, telemetry, rows, samples, paths))
            throw RunError(QStringLiteral("cannot store batch %1: %2")
                               .arg(index)
                               .arg(repository.errorString()));
        storedSamples += samples.size();
        if (storedSamples > MaxStoredMemorySamples) {
            repository.thinMemorySamples(session.runId);
            storedSamples = repository.memorySampleCount(session.runId);
            std::lock_guard<std::mutex> lock(m_samplesMutex);
            m_sampleStride *= 2;
        }
        scheduler.recordFinished(size, outcome.peak);
        if (spec.releasesCachedMemory())
            m_memoryProbe.releaseCachedMemory();

        next += size;
        session.summary.scored += size;
        session.summary.scoredNow += size;
        session.summary.batches += 1;
        session.summary.peakBytes = std::max(session.summary.peakBytes, outcome.peak);
        Q_EMIT scoresReady(rows);
        Q_EMIT batchFinished(index, outcome.seconds, outcome.peak, size);
        Q_EMIT memoryModelChanged(scheduler.memoryModel());
        ++index;
    }
}

void ScoringWorker::observeReading(const kronos::MemoryReading &reading)
{
    if (!m_inBatch)
        return;
    const qint64 bytes = m_memoryProbe.budgetedBytes(reading);
    qint64 peak = m_batchPeak;
    while (bytes > peak && !m_batchPeak.compare_exchange_weak(peak, bytes)) { }
    const qint64 budget = m_budgetBytes;
    if (budget > 0 && bytes > budget)
        m_stopForecast = true;
}

void ScoringWorker::recordTimedSample(const QDateTime &time, const kronos::MemoryReading &reading)
{
    std::lock_guard<std::mutex> lock(m_samplesMutex);
    if (m_sampleCounter++ % m_sampleStride == 0)
        m_pendingSamples.append(
            { time, reading.processBytes, reading.deviceAllocated, reading.deviceReserved });
}

QList<MemorySample> ScoringWorker::takePendingSamples()
{
    std::lock_guard<std::mutex> lock(m_samplesMutex);
    return std::exchange(m_pendingSamples, {});
}

void ScoringWorker::waitWhilePaused() const
{
    // Polled rather than waited on a condition: pause and cancel are set from any thread
    // (a signal handler included) without locks.
    while (m_paused && !m_cancelRequested)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
}
