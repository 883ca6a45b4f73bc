#include "run/scoring_worker.h"

#include "data/byte_size.h"
#include "data/market_database.h"
#include "inference/kronos_engine.h"
#include "inference/memory_probe.h"
#include "inference/micro_batch_scheduler.h"
#include "inference/out_of_memory.h"
#include "run/batch_size_probe.h"
#include "run/checkpoint_fingerprint.h"
#include "run/run_engine.h"
#include "run/run_error.h"
#include "run/run_planner.h"
#include "run/run_repository.h"
#include "run/score_calculator.h"
#include "run/universe_history.h"

#include <QElapsedTimer>
#include <QThread>
#include <chrono>
#include <optional>
#include <thread>

namespace {

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

// A new run records what its weights are (shards of one run are merged only when they agree); a
// resumed run must still find the weights it started with, or it would mix two models.
void fingerprintCheckpoint(RunSpec &spec, bool resuming)
{
    // A file that cannot be read throws FileError, a failure of the run like any other.
    const QString hash = CheckpointFingerprint::of(spec.model);
    if (resuming && !spec.model.contentHash.isEmpty() && hash != spec.model.contentHash)
        throw RunError(QStringLiteral("the checkpoint's files are not those the run started "
                                      "with (%1 then, %2 now); resuming would mix two models")
                           .arg(spec.model.contentHash, hash));
    spec.model.contentHash = hash;
}

} // namespace

// Everything one session of a run (a start or a resume) or one probe works with, owned here
// and alive until it ends, on the worker thread. Members are destroyed in reverse order: the
// repository before the connection it uses.
struct ScoringWorker::Session
{
    explicit Session(std::shared_ptr<RunControl> runControl)
        : control(std::move(runControl))
    {
    }

    std::shared_ptr<RunControl> control;
    MarketDatabase database;
    std::unique_ptr<RunRepository> repository; // runs only; a probe stores nothing
    qint64 runId = 0;
    RunSpec spec;
    std::optional<UniverseHistory> history; // the bars of the spec's universe
    RunPlan plan; // the spec over them
    QList<PlannedSeries> pending;
    int firstBatchIndex = 0; // of this session: the run's earlier sessions stored those below
    std::shared_ptr<const kronos::KronosEngine> engine;
    std::unique_ptr<kronos::MicroBatchScheduler> scheduler;
    std::unique_ptr<MemorySampler> sampler; // while sampleMemoryDuring() runs
    RunSummary summary;

    // Reads the spec's universe and plans the spec over it. Throws RunError for an unknown or
    // empty universe or a spec that plans nothing.
    void planSpec()
    {
        history = UniverseHistory::load(database.database(), spec.universe);
        plan = RunPlanner::plan(spec, *history);
    }
};

// What one watched forecast came to.
struct ScoringWorker::BatchOutcome
{
    kronos::ForecastResult result;
    double seconds = 0;
    qint64 peak = 0;
    QString outOfMemory; // the failure when the batch ran out of memory or over the budget
    bool overBudget = false; // the memory watch stopped it, not a failed allocation
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

void ScoringWorker::setClock(std::shared_ptr<const Clock> clock)
{
    m_clock = std::move(clock);
}

const Clock &ScoringWorker::clock() const
{
    return m_clock ? *m_clock : Clock::system();
}

void ScoringWorker::startRun(const RunSpec &spec, std::shared_ptr<RunControl> control)
{
    execute(&spec, 0, std::move(control));
}

void ScoringWorker::resumeRun(qint64 runId, std::shared_ptr<RunControl> control)
{
    execute(nullptr, runId, std::move(control));
}

void ScoringWorker::probeBatchSizes(
    const RunSpec &spec, const QList<int> &sizes, std::shared_ptr<RunControl> control)
{
    try {
        Session session(std::move(control));
        session.spec = spec;
        session.database.open(m_databasePath); // its own connection
        session.planSpec();
        const UniverseHistory &history = *session.history;
        const int context
            = BatchSizeProbe::trialContextLength(spec.lookback, spec.longestHorizon());
        const QList<PlannedSeries> series
            = BatchSizeProbe::trialSeries(session.plan, [&](const PlannedSeries &one) {
                  return history.barIndex(one.ticker, one.date) + 1 >= context;
              });
        if (series.isEmpty())
            throw RunError(QStringLiteral("no ticker of '%1' has the %2 bars a probe needs up to "
                                          "one of the chosen dates (the lookback and the "
                                          "horizon's steps the trials do not decode)")
                               .arg(spec.universe)
                               .arg(context));
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
    const auto forecastOf = [&](int size) {
        std::vector<kronos::SeriesInput> inputs;
        for (const PlannedSeries &one : series.mid(0, size))
            inputs.push_back(session.history->seriesInput(one.ticker, one.date, context, steps));
        return forecastWatched(session, inputs, steps);
    };
    const auto trialOf = [&](int size, const BatchOutcome &outcome) {
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
        return trial;
    };
    if (sizes.isEmpty())
        return;
    // The first forecast after loading or after a run pays for allocations and caches the next
    // ones reuse: its peak and time are outliers (1 series once peaked above 2 and 4). A warm-up
    // batch of the smallest size runs first and is no trial: it enters neither the trials nor
    // the fit. Out of memory even so, it is that size's trial failing.
    const BatchOutcome warmUp = forecastOf(sizes.first());
    if (warmUp.cancelled)
        return;
    if (!warmUp.outOfMemory.isEmpty()) {
        Q_EMIT probeTrialFinished(trialOf(sizes.first(), warmUp));
        return;
    }
    Q_EMIT probeWarmUpFinished(sizes.first(), warmUp.seconds, warmUp.peak);
    m_memoryProbe.releaseCachedMemory();
    for (int size : sizes) {
        const BatchOutcome outcome = forecastOf(size);
        if (outcome.cancelled)
            return;
        const ProbeTrial trial = trialOf(size, outcome);
        Q_EMIT probeTrialFinished(trial);
        if (trial.failed())
            return; // a larger batch would only need more memory
        m_memoryProbe.releaseCachedMemory();
    }
}

void ScoringWorker::execute(
    const RunSpec *newSpec, qint64 resumeId, std::shared_ptr<RunControl> control)
{
    Session session(std::move(control));
    try {
        session.database.open(m_databasePath); // its own connection
        session.repository = std::make_unique<RunRepository>(session.database.database(), clock());
        RunRepository &repository = *session.repository;
        QSet<QString> finished;
        QString name;
        if (newSpec) {
            session.spec = *newSpec;
        } else {
            const std::optional<RunRecord> record = repository.find(resumeId);
            if (!record)
                throw RunError(QStringLiteral("no run with id %1").arg(resumeId));
            session.spec = record->spec;
            session.runId = resumeId;
            name = record->name;
            finished = repository.finishedSeries(resumeId);
        }
        fingerprintCheckpoint(session.spec, newSpec == nullptr);
        session.planSpec();
        const RunPlan &plan = session.plan;
        if (newSpec) {
            session.runId = repository.create(session.spec, plan.planned(), plan.skipped);
            // create() settles the name of an unnamed run.
            name = repository.find(session.runId).value_or(RunRecord {}).name;
        } else {
            repository.setStatus(session.runId, RunStatus::Running);
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
        // Automatic batches start from what the stored batches of this checkpoint and device
        // measured (the memory-tuning view's fit), not from the shape's estimate alone.
        if (session.scheduler->isAutomatic()) {
            for (const BatchTelemetry &batch :
                repository.checkpointBatches(session.spec.model, session.spec.device))
                session.scheduler->recordFinished(batch.size, batch.peakBytes);
        }

        RunPlanSummary started;
        started.runId = session.runId;
        started.name = name;
        started.spec = session.spec;
        started.dates = int(plan.dates.size());
        started.tickers = int(plan.tickers.size());
        started.planned = plan.planned();
        started.skipped = int(plan.skipped.size());
        started.alreadyScored = alreadyScored;
        started.toScore = int(session.pending.size());
        started.budgetBytes = m_budgetBytes;
        started.batchSize = session.spec.batchSize;
        session.firstBatchIndex = repository.nextBatchIndex(session.runId);
        started.firstBatchIndex = session.firstBatchIndex;
        started.startedAt = clock().now();
        started.continuesStoredRun = newSpec == nullptr;
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
        // Throughput over working time: a pause is no slowness of the model.
        const double workingSeconds = session.summary.seconds - session.summary.pausedSeconds;
        session.summary.seriesPerSecond
            = workingSeconds > 0 ? session.summary.scoredNow / workingSeconds : 0;
        session.summary.memoryModel = session.scheduler->memoryModel();
        session.summary.status
            = session.summary.scored + session.summary.skipped == session.summary.planned
            ? RunStatus::Finished
            : RunStatus::Cancelled;
        repository.setStatus(session.runId, session.summary.status);
        Q_EMIT runFinished(session.summary);
    } catch (const std::exception &failure) {
        // The one place a run's failure becomes a message (the thread boundary).
        const QString message = QString::fromStdString(failure.what());
        if (session.runId != 0 && session.repository) {
            try {
                session.repository->setStatus(session.runId, RunStatus::Failed, message);
            } catch (const std::exception &) {
                // The run stays marked running: the history shows it interrupted, resumable;
                // the failure itself is reported below.
            }
        }
        Q_EMIT runFailed(message);
    }
}

MemorySampler::Probe ScoringWorker::prepareEngineAndMemoryWatch(Session &session)
{
    // The run's thread count, set here on the thread that runs its forecasts (libtorch's OpenMP
    // pool size is per calling thread).
    kronos::setComputeThreads(session.spec.threads);
    session.engine = m_engine ? m_engine : RunEngine::load(session.spec);
    const int context = session.engine->summary().maxContext;
    if (session.spec.longestHorizon() > context)
        throw RunError(QStringLiteral("the longest horizon (%1) exceeds the model's context (%2)")
                           .arg(session.spec.longestHorizon())
                           .arg(context));
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
    // The observer runs on the sampler's thread too: it holds the run's control, not the session.
    session.sampler = std::make_unique<MemorySampler>(
        probe,
        [this, control = session.control](
            const kronos::MemoryReading &reading) { observeReading(*control, reading); },
        MemorySampler::DefaultIntervalMs, clock());
    connect(
        session.sampler.get(), &MemorySampler::sampled, this,
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
    {
        SamplerThread samplerThread(*session.sampler);
        work();
    }
    session.sampler.reset();
}

ScoringWorker::BatchOutcome ScoringWorker::forecastWatched(
    Session &session, const std::vector<kronos::SeriesInput> &inputs, int predLen)
{
    BatchOutcome outcome;
    RunControl &run = *session.control;
    if (!run.armForecast()) {
        outcome.cancelled = true;
        return outcome;
    }
    kronos::ForecastControl control;
    control.cancel = run.forecastStopFlag();
    control.beforeForward = [this, &session, &run] {
        // A reading over the budget stops the forecast through the engine's own cancel flag;
        // checking it here abandons the batch before the next pass, not after it (a soft OOM:
        // on Linux the kernel kills the process before an allocation ever fails).
        session.sampler->read();
        if (*run.forecastStopFlag())
            throw kronos::ForecastCancelled();
        if (m_beforeForward)
            m_beforeForward();
    };
    const QString overBudget
        = QStringLiteral("memory went over the budget of %1").arg(ByteSize::format(m_budgetBytes));
    m_batchPeak = 0;
    m_inBatch = true;
    QElapsedTimer clock;
    clock.start();
    try {
        outcome.result = session.engine->forecast(inputs, predLen, session.spec.sampling, control);
    } catch (const kronos::ForecastCancelled &) {
        // The user's, or else the memory watch's.
        outcome.cancelled = run.isCancelled();
        if (!outcome.cancelled) {
            outcome.outOfMemory = overBudget;
            outcome.overBudget = true;
        }
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
    const RunControl &control = *session.control;
    const RunSpec &spec = session.spec;
    const int predLen = spec.longestHorizon();
    int index = session.firstBatchIndex;
    qsizetype next = 0;

    // Counted here rather than queried after every batch; read once (a resumed run has some).
    qsizetype storedSamples = repository.memorySampleCount(session.runId);
    while (next < session.pending.size()) {
        session.summary.pausedSeconds += waitWhilePaused(control);
        if (control.isCancelled())
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
                // Over the budget, a larger one helps, but resuming keeps the run's own (its
                // spec): the way out is a new run. A failed allocation is the machine's limit.
                throw RunError(
                    QStringLiteral("out of memory with a single series (%1; peak %2): %3")
                        .arg(outcome.outOfMemory, ByteSize::format(outcome.peak),
                            outcome.overBudget
                                ? QStringLiteral("this budget cannot hold one series; start "
                                                 "the run again with a larger memory budget or a "
                                                 "smaller model (resuming keeps this run's "
                                                 "budget)")
                                : QStringLiteral("the machine's memory cannot hold one series "
                                                 "of this model; use a smaller model or free "
                                                 "memory, then resume the run")));
            // Batches are counted from 1 wherever a user reads them (log, status, charts).
            const QString text = QStringLiteral("batch %1 of %2 series ran out of memory (%3); "
                                                "retrying with %4")
                                     .arg(index + 1)
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
        try {
            repository.commitBatch(session.runId, telemetry, rows, samples, paths);
        } catch (const std::exception &failure) {
            throw RunError(QStringLiteral("cannot store batch %1: %2")
                               .arg(index + 1)
                               .arg(QString::fromUtf8(failure.what())));
        }
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

void ScoringWorker::observeReading(RunControl &control, const kronos::MemoryReading &reading)
{
    if (!m_inBatch)
        return;
    const qint64 bytes = m_memoryProbe.budgetedBytes(reading);
    qint64 peak = m_batchPeak;
    while (bytes > peak && !m_batchPeak.compare_exchange_weak(peak, bytes)) { }
    const qint64 budget = m_budgetBytes;
    if (budget > 0 && bytes > budget)
        control.stopForecast();
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

double ScoringWorker::waitWhilePaused(const RunControl &control)
{
    const auto start = std::chrono::steady_clock::now();
    // Polled rather than waited on a condition: pause and cancel are set from any thread
    // (a signal handler included) without locks. A pause asked again while holding is
    // announced again: its asker waits for its own request.
    int announced = 0;
    while (control.isPaused() && !control.isCancelled()) {
        const int request = control.pauseRequest();
        if (request != announced)
            Q_EMIT pausedBetweenBatches(announced = request);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
