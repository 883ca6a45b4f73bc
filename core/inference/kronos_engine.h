#pragma once

// The Kronos forecasting engine's API: load a published checkpoint pair (or random weights of a
// published shape), forecast batches of OHLCV series exactly as upstream's KronosPredictor does,
// with a KV cache. This header is free of libtorch so the run layer and the CLI stay cheap to
// compile; the engine never prints — timings, progress and cancellation cross this boundary.
//
// Thread-safety: a KronosEngine is immutable after loading; forecast() may be called from one
// thread at a time (libtorch's intra-op pool is process-wide).

#include "model/kronos_config.h"
#include "model/kronos_errors.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVector>
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace kronos {

// One bar. Prices in the series' currency; volume and amount as given.
struct Candle
{
    double open = 0;
    double high = 0;
    double low = 0;
    double close = 0;
    double volume = 0;
    double amount = 0;
};

// Which columns of a series were given; the rest are filled the upstream way: no volume means
// volume and amount are 0; no amount means amount = volume x mean(open, high, low, close).
enum class GivenColumns { Prices, PricesVolume, PricesVolumeAmount };

struct SeriesInput
{
    QString key; // names the series in errors; seeds its sampling
    QVector<QDateTime> timestamps; // the context, oldest first
    std::vector<Candle> bars; // one per timestamp
    GivenColumns columns = GivenColumns::PricesVolumeAmount;
    QVector<QDateTime> futureTimestamps; // exactly pred_len of them
};

// Upstream's sampling knobs. top_k = 1 or temperature = 0 is greedy; top_k > 0 skips top_p, as
// upstream does. Each series gets its own generator seeded from (seed, series key, sample), so
// seeded results do not depend on the batch a series is in.
struct SamplingOptions
{
    double temperature = 1.0;
    int topK = 0;
    double topP = 0.9;
    int sampleCount = 1;
    uint64_t seed = 0;

    static SamplingOptions greedy() { return { 1.0, 1, 1.0, 1, 0 }; }
    bool isGreedy() const { return temperature == 0.0 || topK == 1; }
};

struct EngineOptions
{
    QString device = QStringLiteral("cpu"); // cpu, cuda or mps — see availableDevices()
    // Tokens the predictor sees; 0: the checkpoint's own (publishedMaxContext()).
    int maxContext = 0;
    bool useKvCache = true; // false = upstream's full recompute at every step
};

// Sets the compute threads of the process: libtorch's intra-op pool and, where OpenBLAS is the
// BLAS, OpenBLAS's own pool (otherwise N torch threads plus N OpenBLAS threads fight over N
// cores); 0 = every core. Process-wide, so it is the executables' call — once, or at the start
// of a run on the thread that runs it — never a side effect of building or inspecting an engine.
void setComputeThreads(int threads);

// Seconds spent per stage of one forecast call.
struct StageTimings
{
    double normalize = 0;
    double encode = 0;
    double prefill = 0;
    double decodeSteps = 0;
    double tokenizerDecode = 0;
    double total() const { return normalize + encode + prefill + decodeSteps + tokenizerDecode; }
};

struct SeriesForecast
{
    QString key;
    QVector<QDateTime> timestamps; // the future timestamps that were asked for
    std::vector<Candle> mean; // the forecast: samples averaged (upstream's output)
    std::vector<std::vector<Candle>> samples; // each sample path, denormalized
    std::vector<std::vector<int64_t>> s1Tokens; // [sample][step]
    std::vector<std::vector<int64_t>> s2Tokens;
};

struct ForecastResult
{
    std::vector<SeriesForecast> series; // in input order
    StageTimings timings;
};

// Hooks into a running forecast. `cancel` is checked between decode steps and between the
// transformer blocks of the encoder and of every full-window pass (a cancel takes effect within
// one block); `onStep(done, total)` reports steps; `beforeForward` runs before every
// predictor forward pass — a seam for fault injection (it may throw).
struct ForecastControl
{
    const std::atomic<bool> *cancel = nullptr;
    std::function<void(int done, int total)> onStep;
    std::function<void()> beforeForward;
};

struct ModelSummary
{
    PredictorConfig predictor;
    TokenizerConfig tokenizer;
    int64_t predictorParameters = 0;
    int64_t tokenizerParameters = 0;
    int64_t weightBytes = 0; // float32 parameters of both
    int maxContext = 0;
    QString device;
    QString description; // "Kronos: d_model 512, 8 layers, 8 heads, ... ; 24.7 M parameters"
};

// Shapes of the published checkpoints, for random-weight benchmarks and memory estimates.
struct PublishedShape
{
    QString name; // mini, small, base
    PredictorConfig predictor;
    TokenizerConfig tokenizer;
    int maxContext;
};
std::vector<PublishedShape> publishedShapes();
PublishedShape publishedShape(const QString &name); // throws ForecastError for an unknown name

// Devices this build of libtorch can use on this machine, "cpu" first.
QStringList availableDevices();
// The device a new run starts on: "mps" on Apple Silicon when libtorch offers it, else "cpu"
// (CUDA is chosen deliberately, never by default: it may belong to someone else's job).
QString defaultDevice();

class KronosEngine
{
public:
    // Loads <modelDir>/{config.json, model.safetensors} and the same from tokenizerDir.
    // Throws CheckpointError with the file and the problem; a folder without config.json, or
    // the two folders given the other way round, are said as such (checkCheckpointFolders).
    static std::unique_ptr<KronosEngine> load(
        const QString &modelDir, const QString &tokenizerDir, const EngineOptions &options);
    // What load() would give as summary(), and the same errors for a config or weights file that
    // cannot be used, from the two config.json files and safetensors headers alone: no weights
    // are read, no engine is built, no process-wide setting changes.
    static ModelSummary inspect(
        const QString &modelDir, const QString &tokenizerDir, const EngineOptions &options);
    // The same for withRandomWeights(shape, ...).
    static ModelSummary inspect(const PublishedShape &shape, const EngineOptions &options);
    // Seeded random weights of a published shape (meaningless forecasts; for speed and memory).
    static std::unique_ptr<KronosEngine> withRandomWeights(
        const PublishedShape &shape, uint64_t seed, const EngineOptions &options);
    ~KronosEngine();

    // Forecasts `predLen` bars for every series. All series must have the same context length.
    // Throws ForecastError for a request that cannot run, ForecastCancelled when cancelled.
    ForecastResult forecast(const std::vector<SeriesInput> &batch, int predLen,
        const SamplingOptions &sampling, const ForecastControl &control = {}) const;

    ModelSummary summary() const;
    const EngineOptions &options() const;

    struct Impl;

private:
    explicit KronosEngine(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace kronos
