#include "inference/kronos_engine.h"

#include "inference/autoregressive_decoder.h"
#include "inference/series_normalizer.h"
#include "inference/token_sampler.h"
#include "model/checkpoint_folders.h"
#include "model/checkpoint_layout.h"
#include "model/published_checkpoints.h"
#include "model/state_dict_loader.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <QDir>
#include <chrono>
#include <thread>

#ifndef _WIN32
#include <dlfcn.h>
#endif

namespace kronos {
namespace {

// Buffers upstream keeps in its state_dict that this code recomputes (they are constants).
const std::vector<std::string> OptionalBuffers
    = { ".rotary.inv_freq", "tokenizer.bsq.basis", "tokenizer.bsq.group_basis" };

torch::Device parseDevice(const QString &name)
{
    if (!availableDevices().contains(name))
        throw ForecastError(
            QStringLiteral("device '%1' is not available in this build (available: %2)")
                .arg(name, availableDevices().join(QStringLiteral(", ")))
                .toStdString());
    return torch::Device(name.toStdString());
}

QString checkpointFile(const QString &folder, const char *name)
{
    return QDir(folder).filePath(QLatin1String(name));
}

// The tokenizer and the model must share their token vocabularies.
void checkPair(const TokenizerConfig &tokenizer, const PredictorConfig &predictor)
{
    if (tokenizer.s1Bits != predictor.s1Bits || tokenizer.s2Bits != predictor.s2Bits)
        throw CheckpointError(QStringLiteral("tokenizer and model do not belong together: the "
                                             "tokenizer has %1+%2 bits, the model %3+%4")
                                  .arg(tokenizer.s1Bits)
                                  .arg(tokenizer.s2Bits)
                                  .arg(predictor.s1Bits)
                                  .arg(predictor.s2Bits)
                                  .toStdString());
}

// The options as the engine uses them: a maxContext of 0 becomes the checkpoint's own.
EngineOptions checkedOptions(EngineOptions options, const PredictorConfig &predictor)
{
    parseDevice(options.device);
    if (options.maxContext == 0)
        options.maxContext = publishedMaxContext(predictor);
    if (options.maxContext < 1)
        throw ForecastError("max_context must be positive");
    return options;
}

ModelSummary describe(const PredictorConfig &predictor, const TokenizerConfig &tokenizer,
    const EngineOptions &options)
{
    ModelSummary summary;
    summary.predictor = predictor;
    summary.tokenizer = tokenizer;
    summary.predictorParameters = elementCount(predictorLayout(predictor));
    summary.tokenizerParameters = elementCount(tokenizerLayout(tokenizer));
    summary.weightBytes = 4 * (summary.predictorParameters + summary.tokenizerParameters);
    summary.maxContext = options.maxContext;
    summary.device = options.device;
    summary.description
        = QStringLiteral("Kronos: d_model %1, %2 layers, %3 heads, ff %4, context %5; "
                         "%6 M parameters with the tokenizer")
              .arg(predictor.dModel)
              .arg(predictor.nLayers)
              .arg(predictor.nHeads)
              .arg(predictor.ffDim)
              .arg(summary.maxContext)
              .arg(double(summary.predictorParameters + summary.tokenizerParameters) / 1e6, 0, 'f',
                  1);
    return summary;
}

struct FolderConfigs
{
    TokenizerConfig tokenizer;
    PredictorConfig predictor;
};

// The configs of a checkpoint pair, after the folders were recognized as what they are given as.
FolderConfigs readFolderConfigs(const QString &modelDir, const QString &tokenizerDir)
{
    checkCheckpointFolders(modelDir, tokenizerDir);
    return { loadTokenizerConfig(checkpointFile(tokenizerDir, "config.json")),
        loadPredictorConfig(checkpointFile(modelDir, "config.json")) };
}

} // namespace

struct KronosEngine::Impl
{
    Impl(const TokenizerConfig &tokenizerConfig, const PredictorConfig &predictorConfig,
        const EngineOptions &engineOptions)
        : options(checkedOptions(engineOptions, predictorConfig))
        , device(parseDevice(engineOptions.device))
        , tokenizer(tokenizerConfig)
        , predictor(predictorConfig)
    {
        checkPair(tokenizerConfig, predictorConfig);
    }

    void finish()
    {
        tokenizer->to(device);
        predictor->to(device);
        // A move copies each parameter on its own; the fused matrices are made again there.
        FusedProjections::fuseAll(*tokenizer);
        FusedProjections::fuseAll(*predictor);
        tokenizer->eval();
        predictor->eval();
    }

    EngineOptions options;
    torch::Device device;
    KronosTokenizer tokenizer;
    KronosPredictor predictor;
};

void setComputeThreads(int threads)
{
    // Debian's libtorch detects one core on these machines; set the pool size explicitly.
    const int count
        = threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(count);
    // Looked up at run time because other BLAS builds (MKL, Accelerate) do not have it.
#ifndef _WIN32
    using SetThreads = void (*)(int);
    if (auto setOpenBlasThreads
        = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
        setOpenBlasThreads(count);
#endif
}

std::vector<PublishedShape> publishedShapes()
{
    std::vector<PublishedShape> shapes;
    for (const PublishedCheckpoint &checkpoint : publishedCheckpoints())
        shapes.push_back(
            { checkpoint.name, checkpoint.predictor, checkpoint.tokenizer, checkpoint.maxContext });
    return shapes;
}

PublishedShape publishedShape(const QString &name)
{
    for (const PublishedShape &shape : publishedShapes())
        if (shape.name == name)
            return shape;
    throw ForecastError(QStringLiteral("unknown Kronos shape '%1' (known: mini, small, base)")
                            .arg(name)
                            .toStdString());
}

QStringList availableDevices()
{
    QStringList devices { QStringLiteral("cpu") };
    if (torch::cuda::is_available())
        devices << QStringLiteral("cuda");
    if (at::hasMPS())
        devices << QStringLiteral("mps");
    return devices;
}

QString defaultDevice()
{
    return availableDevices().contains(QStringLiteral("mps")) ? QStringLiteral("mps")
                                                              : QStringLiteral("cpu");
}

KronosEngine::KronosEngine(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{
}
KronosEngine::~KronosEngine() = default;

std::unique_ptr<KronosEngine> KronosEngine::load(
    const QString &modelDir, const QString &tokenizerDir, const EngineOptions &options)
{
    const FolderConfigs configs = readFolderConfigs(modelDir, tokenizerDir);
    auto impl = std::make_unique<Impl>(configs.tokenizer, configs.predictor, options);
    loadStateDict(*impl->tokenizer,
        SafetensorsFile(checkpointFile(tokenizerDir, "model.safetensors")), OptionalBuffers);
    loadStateDict(*impl->predictor, SafetensorsFile(checkpointFile(modelDir, "model.safetensors")),
        OptionalBuffers);
    impl->finish();
    return std::unique_ptr<KronosEngine>(new KronosEngine(std::move(impl)));
}

ModelSummary KronosEngine::inspect(
    const QString &modelDir, const QString &tokenizerDir, const EngineOptions &options)
{
    const FolderConfigs configs = readFolderConfigs(modelDir, tokenizerDir);
    checkPair(configs.tokenizer, configs.predictor);
    const EngineOptions checked = checkedOptions(options, configs.predictor);
    checkStateDict(SafetensorsFile(checkpointFile(tokenizerDir, "model.safetensors")),
        tokenizerLayout(configs.tokenizer), OptionalBuffers);
    checkStateDict(SafetensorsFile(checkpointFile(modelDir, "model.safetensors")),
        predictorLayout(configs.predictor), OptionalBuffers);
    return describe(configs.predictor, configs.tokenizer, checked);
}

ModelSummary KronosEngine::inspect(const PublishedShape &shape, const EngineOptions &options)
{
    checkPair(shape.tokenizer, shape.predictor);
    return describe(shape.predictor, shape.tokenizer, checkedOptions(options, shape.predictor));
}

std::unique_ptr<KronosEngine> KronosEngine::withRandomWeights(
    const PublishedShape &shape, uint64_t seed, const EngineOptions &options)
{
    auto impl = std::make_unique<Impl>(shape.tokenizer, shape.predictor, options);
    fillRandomly(*impl->tokenizer, seed);
    fillRandomly(*impl->predictor, seed + 1);
    impl->finish();
    return std::unique_ptr<KronosEngine>(new KronosEngine(std::move(impl)));
}

const EngineOptions &KronosEngine::options() const
{
    return m_impl->options;
}

ModelSummary KronosEngine::summary() const
{
    return describe(m_impl->predictor->config, m_impl->tokenizer->config, m_impl->options);
}

namespace {

void validateRequest(const std::vector<SeriesInput> &batch, int predLen,
    const SamplingOptions &sampling, int maxContext)
{
    const auto fail = [](const QString &message) { throw ForecastError(message.toStdString()); };
    if (batch.empty())
        fail(QStringLiteral("nothing to forecast: the batch is empty"));
    if (predLen < 1)
        fail(QStringLiteral("pred_len must be at least 1, got %1").arg(predLen));
    if (predLen > maxContext)
        fail(QStringLiteral(
            "pred_len %1 exceeds max_context %2: the forecast is decoded from the last "
            "max_context tokens")
                 .arg(predLen)
                 .arg(maxContext));
    if (sampling.sampleCount < 1)
        fail(QStringLiteral("sample_count must be at least 1, got %1").arg(sampling.sampleCount));
    if (!(sampling.temperature >= 0))
        fail(QStringLiteral("temperature must be >= 0, got %1").arg(sampling.temperature));
    if (sampling.topK < 0)
        fail(QStringLiteral("top_k must be >= 0, got %1").arg(sampling.topK));
    if (!(sampling.topP > 0 && sampling.topP <= 1))
        fail(QStringLiteral("top_p must be in (0, 1], got %1").arg(sampling.topP));
    const size_t length = batch.front().bars.size();
    for (const SeriesInput &series : batch) {
        if (series.bars.empty())
            fail(QStringLiteral("series '%1' has no bars").arg(series.key));
        if (series.timestamps.size() != int(series.bars.size()))
            fail(QStringLiteral("series '%1' has %2 bars but %3 timestamps")
                     .arg(series.key)
                     .arg(series.bars.size())
                     .arg(series.timestamps.size()));
        if (series.bars.size() != length)
            fail(QStringLiteral(
                "series '%1' has %2 bars, '%3' has %4: a batch needs one context length")
                     .arg(series.key)
                     .arg(series.bars.size())
                     .arg(batch.front().key)
                     .arg(length));
        if (series.futureTimestamps.size() != predLen)
            fail(QStringLiteral("series '%1' has %2 future timestamps, pred_len is %3")
                     .arg(series.key)
                     .arg(series.futureTimestamps.size())
                     .arg(predLen));
    }
}

} // namespace

namespace {

// The batch as tensors: normalized rows [B, L, 6] and calendar features of context and future
// [B, L + P, 5]; `normalized` keeps each series' statistics for the way back.
void tensorizeBatch(const std::vector<SeriesInput> &batch, int predLen,
    std::vector<NormalizedSeries> &normalized, torch::Tensor &rows, torch::Tensor &stamps)
{
    const int64_t seriesCount = int64_t(batch.size());
    const int64_t length = int64_t(batch.front().bars.size());
    rows = torch::empty({ seriesCount, length, FeatureCount }, torch::kFloat32);
    stamps = torch::empty({ seriesCount, length + predLen, StampCount }, torch::kInt64);
    auto stampAccess = stamps.accessor<int64_t, 3>();
    for (int64_t b = 0; b < seriesCount; ++b) {
        const SeriesInput &series = batch[size_t(b)];
        normalized.push_back(normalizeSeries(series));
        std::memcpy(rows[b].data_ptr<float>(), normalized.back().rows.data(),
            sizeof(float) * normalized.back().rows.size());
        for (int64_t t = 0; t < length + predLen; ++t) {
            const QDateTime &when
                = t < length ? series.timestamps[int(t)] : series.futureTimestamps[int(t - length)];
            const auto features = calendarFeatures(when);
            for (int f = 0; f < StampCount; ++f)
                stampAccess[b][t][f] = features[size_t(f)];
        }
    }
}

// Series b's forecast from the decoded rows [B * S, P, 6] and tokens [B * S, P] (CPU tensors).
SeriesForecast collectSeries(const SeriesInput &series, const NormalizedSeries &statistics,
    int64_t b, int64_t samples, const torch::Tensor &values, const torch::Tensor &s1,
    const torch::Tensor &s2)
{
    const int64_t predLen = values.size(1);
    SeriesForecast forecast;
    forecast.key = series.key;
    forecast.timestamps = series.futureTimestamps;
    std::vector<float> meanRow(FeatureCount);
    for (int64_t t = 0; t < predLen; ++t) {
        // Upstream averages the samples in normalized space, then denormalizes.
        std::fill(meanRow.begin(), meanRow.end(), 0.0f);
        for (int64_t s = 0; s < samples; ++s) {
            const float *row = values[b * samples + s][t].data_ptr<float>();
            for (int f = 0; f < FeatureCount; ++f)
                meanRow[size_t(f)] += row[f];
        }
        for (float &value : meanRow)
            value /= float(samples);
        forecast.mean.push_back(denormalizeRow(meanRow.data(), statistics));
    }
    for (int64_t s = 0; s < samples; ++s) {
        const int64_t row = b * samples + s;
        std::vector<Candle> path;
        for (int64_t t = 0; t < predLen; ++t)
            path.push_back(denormalizeRow(values[row][t].data_ptr<float>(), statistics));
        forecast.samples.push_back(std::move(path));
        const int64_t *s1Row = s1[row].data_ptr<int64_t>();
        const int64_t *s2Row = s2[row].data_ptr<int64_t>();
        forecast.s1Tokens.emplace_back(s1Row, s1Row + predLen);
        forecast.s2Tokens.emplace_back(s2Row, s2Row + predLen);
    }
    return forecast;
}

} // namespace

ForecastResult KronosEngine::forecast(const std::vector<SeriesInput> &batch, int predLen,
    const SamplingOptions &sampling, const ForecastControl &control) const
{
    validateRequest(batch, predLen, sampling, m_impl->options.maxContext);
    const auto started = std::chrono::steady_clock::now();
    std::vector<NormalizedSeries> normalized;
    torch::Tensor rows, stamps;
    tensorizeBatch(batch, predLen, normalized, rows, stamps);
    std::vector<uint64_t> rowSeeds;
    for (const SeriesInput &series : batch)
        for (int s = 0; s < sampling.sampleCount; ++s)
            rowSeeds.push_back(TokenSampler::rowSeed(sampling.seed, series.key, s));
    const double normalizeSeconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    DecodeInput input;
    input.rows = rows.to(m_impl->device);
    input.stamps = stamps.to(m_impl->device);
    input.predLen = predLen;
    input.maxContext = m_impl->options.maxContext;
    input.sampleCount = sampling.sampleCount;
    input.useKvCache = m_impl->options.useKvCache;
    TokenSampler sampler(sampling, rowSeeds);
    DecodeOutput output;
    {
        torch::InferenceMode inferenceMode;
        AutoregressiveDecoder decoder(m_impl->tokenizer, m_impl->predictor);
        output = decoder.run(input, sampler, control);
    }

    const torch::Tensor values = output.values.to(torch::kCPU).contiguous(); // [B * S, P, 6]
    const torch::Tensor s1 = output.s1.to(torch::kCPU).contiguous();
    const torch::Tensor s2 = output.s2.to(torch::kCPU).contiguous();
    ForecastResult result;
    result.timings = output.timings;
    result.timings.normalize = normalizeSeconds;
    for (size_t b = 0; b < batch.size(); ++b)
        result.series.push_back(collectSeries(
            batch[b], normalized[b], int64_t(b), sampling.sampleCount, values, s1, s2));
    return result;
}

} // namespace kronos
