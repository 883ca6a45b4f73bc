#pragma once

// A market database for scoring-run tests: the bundled sample, plus CSRA and SNI (histories of
// 17 and 2 bars), and a universe of 20 sample tickers with both; the fixture checkpoint; and a
// helper that runs a ScoringWorker on its own thread until it finishes, recording its signals.

#include "data/bundled_sample.h"
#include "data/csv_importer.h"
#include "data/market_database.h"
#include "data/universe_repository.h"
#include "inference/kronos_engine.h"
#include "run/run_repository.h"
#include "run/scoring_worker.h"
#include "test_paths.h"

#include <QEventLoop>
#include <QMap>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <cmath>
#include <functional>
#include <memory>

inline const QString ShortHistoryUniverse = QStringLiteral("Twenty and two short");

// Greedy decoding gives the same tokens whatever the batch; the tokenizer's decoder turns them
// into prices with float32 kernels that BLAS picks by batch size (a single row takes another
// path), so prices agree to float32 rounding, not always to the bit.
constexpr double RelativeTolerance = 1e-6;

// Empty when `actual` has exactly the rows of `expected` (each once) with the same last close,
// predicted closes and percentiles within RelativeTolerance and scores within 1e-6; otherwise
// the first difference.
// Score rows by "date ticker horizon" (ISO date).
inline QMap<QString, ScoreRow> keyed(const QList<ScoreRow> &rows)
{
    QMap<QString, ScoreRow> map;
    for (const ScoreRow &row : rows)
        map.insert(QStringLiteral("%1 %2 %3")
                       .arg(row.date.date().toString(Qt::ISODate), row.ticker)
                       .arg(row.horizon),
            row);
    return map;
}

inline QString scoreDifference(const QList<ScoreRow> &actual, const QList<ScoreRow> &expected)
{
    const auto close = [](const std::optional<double> &got, const std::optional<double> &want) {
        return got.has_value() == want.has_value()
            && (!want || std::abs(*got - *want) <= RelativeTolerance * std::abs(*want));
    };
    const QMap<QString, ScoreRow> a = keyed(actual);
    const QMap<QString, ScoreRow> e = keyed(expected);
    if (a.keys() != e.keys() || actual.size() != expected.size())
        return QStringLiteral("%1 rows (%2 distinct), %3 expected")
            .arg(actual.size())
            .arg(a.size())
            .arg(expected.size());
    for (auto it = e.cbegin(); it != e.cend(); ++it) {
        const ScoreRow &got = a.value(it.key());
        if (!close(got.predictedClose, it->predictedClose) || got.lastClose != it->lastClose
            || std::abs(got.score - it->score) > 1e-6 || !close(got.p10, it->p10)
            || !close(got.p50, it->p50) || !close(got.p90, it->p90))
            return QStringLiteral("%1: predicted close %2, expected %3; score %4, expected %5")
                .arg(it.key())
                .arg(got.predictedClose, 0, 'g', 17)
                .arg(it->predictedClose, 0, 'g', 17)
                .arg(got.score, 0, 'g', 17)
                .arg(it->score, 0, 'g', 17);
    }
    return {};
}

// Throws DatabaseError when the database cannot be prepared; not open without a temporary folder.
class ScoringRunFixture
{
public:
    ScoringRunFixture()
    {
        if (!m_folder.isValid())
            return;
        m_market.open(databasePath());
        BundledSample::install(m_market.database());
        CsvImporter importer(m_market.database());
        for (const char *file : { "CSRA_data.csv", "SNI_data.csv" })
            importer.importFile(testDataPath("") + QLatin1String(file));
        UniverseRepository universes(m_market.database());
        QStringList tickers = universes.find(BundledSample::universeName())->tickers.mid(0, 20);
        m_sampleTickers = tickers;
        tickers << QStringLiteral("CSRA") << QStringLiteral("SNI");
        universes.create(ShortHistoryUniverse, QString(), tickers);
        m_open = true;
    }

    bool isOpen() const { return m_open; }
    QString databasePath() const { return m_folder.filePath(QStringLiteral("market.sqlite")); }
    QSqlDatabase database() const { return m_market.database(); }
    const QStringList &sampleTickers() const { return m_sampleTickers; }

    static std::shared_ptr<const kronos::KronosEngine> fixtureEngine()
    {
        static std::shared_ptr<const kronos::KronosEngine> engine
            = kronos::KronosEngine::load(testDataPath("kronos-narrow/model"),
                testDataPath("kronos-narrow/tokenizer"), kronos::EngineOptions {});
        return engine;
    }

    // 22 tickers x 3 dates (2018-01-04, the first trading days of February and March),
    // lookback 64, horizons 5 and 10: 60 series to score; CSRA and SNI skipped on each date.
    static RunSpec spec(int batchSize)
    {
        RunSpec spec;
        spec.universe = ShortHistoryUniverse;
        spec.dates = { QDate(2018, 1, 4), QDate(2018, 3, 5), DateStep::Monthly, 1 };
        spec.horizons = { 5, 10 };
        spec.lookback = 64;
        spec.model.modelDir = testDataPath("kronos-narrow/model");
        spec.model.tokenizerDir = testDataPath("kronos-narrow/tokenizer");
        spec.batchSize = batchSize;
        spec.threads = 2;
        return spec;
    }

private:
    QTemporaryDir m_folder;
    MarketDatabase m_market;
    QStringList m_sampleTickers;
    bool m_open = false;
};

// What a worker reported during one session.
struct WorkerOutcome
{
    QStringList events; // signal names in arrival order (memorySample left out)
    std::optional<RunPlanSummary> started;
    std::optional<RunSummary> finished;
    QString failure;
    QStringList warnings;
    QList<SkippedSeries> skipped;
    QList<QList<int>> backoffs; // index, from size, to size
    QList<ScoreRow> rows;
    QList<int> batchSizes;
    int memorySamples = 0;
};

// Configures a worker before it runs (seams, direct-connected hooks); the run's control is there
// to cancel or pause it from a hook.
using PrepareWorker = std::function<void(ScoringWorker &, RunControl &control)>;

// Runs a fresh worker (on the fixture engine) on its own thread: `prepare` configures it before
// it moves there, `observe` connects its signals to `context` and quits `loop` when it is done,
// `start` makes the queued call that sets it going with the run's control. Returns when the loop
// quits or after `timeoutMs`.
inline void driveWorker(const QString &databasePath, const PrepareWorker &prepare,
    const std::function<void(ScoringWorker &, QObject &context, QEventLoop &loop)> &observe,
    const std::function<void(ScoringWorker &, std::shared_ptr<RunControl>)> &start, int timeoutMs)
{
    auto control = std::make_shared<RunControl>();
    QThread thread;
    auto *worker = new ScoringWorker(databasePath);
    worker->setEngine(ScoringRunFixture::fixtureEngine());
    if (prepare)
        prepare(*worker, *control);
    worker->moveToThread(&thread);
    QEventLoop loop;
    QObject context;
    observe(*worker, context, loop);
    QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    thread.start();
    start(*worker, control);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    control->cancel();
    thread.quit();
    thread.wait();
}

// Runs one session on a worker thread and returns when it ends (or after `timeoutMs`).
// `prepare` configures the worker (seams, direct-connected hooks) before it starts; `start`
// invokes startRun or resumeRun.
inline WorkerOutcome runWorker(const QString &databasePath, const PrepareWorker &prepare,
    const std::function<void(ScoringWorker &, std::shared_ptr<RunControl>)> &start,
    int timeoutMs = 120000)
{
    WorkerOutcome outcome;
    const auto observe = [&outcome](ScoringWorker &worker, QObject &context, QEventLoop &loop) {
        QObject::connect(
            &worker, &ScoringWorker::runStarted, &context, [&](const RunPlanSummary &s) {
                outcome.events << QStringLiteral("runStarted");
                outcome.started = s;
            });
        QObject::connect(&worker, &ScoringWorker::batchStarted, &context, [&](int, int, int size) {
            outcome.events << QStringLiteral("batchStarted");
            outcome.batchSizes << size;
        });
        QObject::connect(&worker, &ScoringWorker::batchFinished, &context,
            [&] { outcome.events << QStringLiteral("batchFinished"); });
        QObject::connect(
            &worker, &ScoringWorker::scoresReady, &context, [&](const QList<ScoreRow> &rows) {
                outcome.events << QStringLiteral("scoresReady");
                outcome.rows += rows;
            });
        QObject::connect(
            &worker, &ScoringWorker::memorySample, &context, [&] { ++outcome.memorySamples; });
        QObject::connect(
            &worker, &ScoringWorker::skipped, &context, [&](const QList<SkippedSeries> &series) {
                outcome.events << QStringLiteral("skipped");
                outcome.skipped += series;
            });
        QObject::connect(
            &worker, &ScoringWorker::backoff, &context, [&](int index, int from, int to) {
                outcome.events << QStringLiteral("backoff");
                outcome.backoffs << QList<int> { index, from, to };
            });
        QObject::connect(&worker, &ScoringWorker::warning, &context, [&](const QString &text) {
            outcome.events << QStringLiteral("warning");
            outcome.warnings << text;
        });
        QObject::connect(&worker, &ScoringWorker::runFinished, &context, [&](const RunSummary &s) {
            outcome.events << QStringLiteral("runFinished");
            outcome.finished = s;
            loop.quit();
        });
        QObject::connect(&worker, &ScoringWorker::runFailed, &context, [&](const QString &error) {
            outcome.events << QStringLiteral("runFailed");
            outcome.failure = error;
            loop.quit();
        });
    };
    driveWorker(databasePath, prepare, observe, start, timeoutMs);
    return outcome;
}

inline WorkerOutcome runNew(
    const QString &databasePath, const RunSpec &spec, const PrepareWorker &prepare = {})
{
    return runWorker(
        databasePath, prepare, [spec](ScoringWorker &worker, std::shared_ptr<RunControl> control) {
            QMetaObject::invokeMethod(
                &worker, [&worker, spec, control] { worker.startRun(spec, control); });
        });
}

inline WorkerOutcome runResume(
    const QString &databasePath, qint64 runId, const PrepareWorker &prepare = {})
{
    return runWorker(
        databasePath, prepare, [runId](ScoringWorker &worker, std::shared_ptr<RunControl> control) {
            QMetaObject::invokeMethod(
                &worker, [&worker, runId, control] { worker.resumeRun(runId, control); });
        });
}

// What a batch-size probe reported.
struct ProbeOutcome
{
    QList<ProbeTrial> trials;
    std::optional<QString> finishedWith; // the probe's error; empty when it ended normally
};

// Runs one probe on a worker thread and returns when it ends (or after `timeoutMs`).
inline ProbeOutcome runProbe(const QString &databasePath, const RunSpec &spec,
    const QList<int> &sizes, const PrepareWorker &prepare = {}, int timeoutMs = 120000)
{
    ProbeOutcome outcome;
    const auto observe = [&outcome](ScoringWorker &worker, QObject &context, QEventLoop &loop) {
        QObject::connect(&worker, &ScoringWorker::probeTrialFinished, &context,
            [&](const ProbeTrial &trial) { outcome.trials << trial; });
        QObject::connect(
            &worker, &ScoringWorker::probeFinished, &context, [&](const QString &error) {
                outcome.finishedWith = error;
                loop.quit();
            });
    };
    const auto start = [spec, sizes](ScoringWorker &worker, std::shared_ptr<RunControl> control) {
        QMetaObject::invokeMethod(&worker,
            [&worker, spec, sizes, control] { worker.probeBatchSizes(spec, sizes, control); });
    };
    driveWorker(databasePath, prepare, observe, start, timeoutMs);
    return outcome;
}
