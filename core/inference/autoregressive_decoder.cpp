#include "inference/autoregressive_decoder.h"

#include "inference/window_chunks.h"

#include <ATen/record_function.h>
#include <chrono>

namespace kronos {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Stops a long forward pass between its transformer blocks when the cancel flag is set: the
// prefill of a large batch can take seconds, a single block a fraction of that.
BlockCallback cancellationCheck(const ForecastControl &control)
{
    if (!control.cancel)
        return {};
    return [cancel = control.cancel] {
        if (cancel->load())
            throw ForecastCancelled();
    };
}

// Calls work(first, count) for each chunk of `series` series of `tokens` tokens (window_chunks.h).
template <typename Work> void forEachChunk(int64_t series, int64_t tokens, const Work &work)
{
    const int64_t size = seriesPerChunk(tokens);
    for (int64_t first = 0; first < series; first += size)
        work(first, std::min(size, series - first));
}

} // namespace

// Everything one batch carries from step to step. Rows are B * S (series-major) after prefill.
struct AutoregressiveDecoder::StepState
{
    torch::Tensor s1; // [rows, L + P]: context tokens, then generated ones as they come
    torch::Tensor s2;
    torch::Tensor stamps; // [rows, L + P, 5]
    RotaryTables rotary; // positions 0 .. min(L + P, max_context) - 1 of a window
    std::vector<AttentionCache> caches;
    AttentionCache depCache; // the dependency layer's keys/values over the window
    torch::Tensor lastHidden; // [rows, C], the window's last position after the final norm
};

AutoregressiveDecoder::AutoregressiveDecoder(KronosTokenizer tokenizer, KronosPredictor predictor)
    : m_tokenizer(std::move(tokenizer))
    , m_predictor(std::move(predictor))
{
}

// Runs the window [tokenCount - window, tokenCount) from position 0, chunk by chunk, and leaves
// its last hidden state and dependency keys/values in `state` (with the caches' room for
// positions, else the window's); with caches, they are filled for later steps.
void AutoregressiveDecoder::recompute(const DecodeInput &input, StepState &state,
    int64_t tokenCount, std::vector<AttentionCache> *caches, const ForecastControl &control)
{
    const int64_t window = std::min(tokenCount, input.maxContext);
    const int64_t depCapacity = caches ? caches->front().keys.size(2) : window;
    const int64_t start = tokenCount - window;
    const int64_t rows = state.s1.size(0);
    const PredictorConfig &config = m_predictor->config;
    const int64_t heads = m_predictor->dep_layer->cross_attn->nHeads;
    const auto floats = state.rotary.cos.options();
    state.lastHidden = torch::empty({ rows, config.dModel }, floats);
    const std::vector<int64_t> depShape { rows, heads, depCapacity,
        m_predictor->dep_layer->cross_attn->headDim };
    state.depCache = { torch::empty(depShape, floats), torch::empty(depShape, floats), window };
    forEachChunk(rows, window, [&](int64_t first, int64_t count) {
        const auto part = [&](const torch::Tensor &t) { return t.narrow(0, first, count); };
        std::vector<AttentionCache> chunkCaches;
        if (caches)
            for (const AttentionCache &cache : *caches)
                chunkCaches.push_back({ part(cache.keys), part(cache.values), 0 });
        if (control.beforeForward)
            control.beforeForward();
        const torch::Tensor hidden = m_predictor->forwardWindow(
            part(state.s1).narrow(1, start, window), part(state.s2).narrow(1, start, window),
            part(state.stamps).narrow(1, start, window), state.rotary.narrow(0, window),
            caches ? &chunkCaches : nullptr, cancellationCheck(control)); // [count, window, C]
        const auto keysValues = m_predictor->dep_layer->cross_attn->keysValues(hidden);
        part(state.depCache.keys).narrow(2, 0, window).copy_(keysValues.first);
        part(state.depCache.values).narrow(2, 0, window).copy_(keysValues.second);
        part(state.lastHidden).copy_(hidden.select(1, window - 1));
    });
    if (caches)
        for (AttentionCache &cache : *caches)
            cache.length = window;
}

void AutoregressiveDecoder::prefill(
    const DecodeInput &input, StepState &state, const ForecastControl &control)
{
    const int64_t contextLength = input.rows.size(1);
    // A context that fills the window rolls it at the next step, where positions restart and
    // caches are of no use.
    if (!input.useKvCache || contextLength >= input.maxContext) {
        recompute(input, state, contextLength, nullptr, control);
        return;
    }
    // Room for the positions the steps feed while the window has not rolled: the last step's
    // token is never fed.
    const int64_t capacity
        = std::min(input.maxContext, contextLength + std::max<int64_t>(input.predLen - 1, 0));
    state.caches = m_predictor->makeCaches(state.s1.size(0), capacity, input.rows.device());
    recompute(input, state, contextLength, &state.caches, control);
}

// Feeds the newest token (position tokenCount - 1 of a window that has not rolled) through the
// caches.
void AutoregressiveDecoder::advanceCached(
    StepState &state, int64_t tokenCount, const ForecastControl &control)
{
    const int64_t position = tokenCount - 1;
    if (control.beforeForward)
        control.beforeForward();
    const torch::Tensor hidden = m_predictor->forwardWindow(state.s1.narrow(1, position, 1),
        state.s2.narrow(1, position, 1), state.stamps.narrow(1, position, 1),
        state.rotary.narrow(position, 1), &state.caches); // [rows, 1, C]
    const auto keysValues = m_predictor->dep_layer->cross_attn->keysValues(hidden);
    AttentionCache &dep = state.depCache;
    dep.keys.narrow(2, dep.length, 1).copy_(keysValues.first);
    dep.values.narrow(2, dep.length, 1).copy_(keysValues.second);
    dep.length += 1;
    state.lastHidden = hidden.select(1, 0);
}

DecodeOutput AutoregressiveDecoder::run(
    const DecodeInput &input, TokenSampler &sampler, const ForecastControl &control)
{
    DecodeOutput output;
    const int64_t samples = input.sampleCount;
    const int64_t contextLength = input.rows.size(1);
    const int64_t total = contextLength + input.predLen;

    StepState state;
    const int64_t batch = input.rows.size(0);
    const auto longs = torch::TensorOptions().dtype(torch::kInt64).device(input.rows.device());
    state.s1 = torch::zeros({ batch, total }, longs);
    state.s2 = torch::zeros({ batch, total }, longs);
    state.stamps = input.stamps;

    // Each stage is a user scope for OpProfiler (named StageScopePrefix + stage).
    auto started = Clock::now();
    {
        RECORD_USER_SCOPE("kronos::encode");
        forEachChunk(batch, contextLength, [&](int64_t first, int64_t count) {
            const auto tokens = m_tokenizer->encode(
                input.rows.narrow(0, first, count), cancellationCheck(control));
            state.s1.narrow(0, first, count).narrow(1, 0, contextLength).copy_(tokens.first);
            state.s2.narrow(0, first, count).narrow(1, 0, contextLength).copy_(tokens.second);
        });
    }
    output.timings.encode = secondsSince(started);

    const PredictorConfig &config = m_predictor->config;
    state.rotary = makeRotaryTables(
        config.dModel / config.nHeads, 0, std::min(total, input.maxContext), input.rows.device());

    started = Clock::now();
    {
        RECORD_USER_SCOPE("kronos::prefill");
        prefill(input, state, control);
        if (samples > 1) {
            const auto replicate = [samples](torch::Tensor &tensor) {
                tensor = tensor.repeat_interleave(samples, 0);
            };
            replicate(state.s1);
            replicate(state.s2);
            replicate(state.stamps);
            replicate(state.lastHidden);
            replicate(state.depCache.keys);
            replicate(state.depCache.values);
            for (AttentionCache &cache : state.caches) {
                replicate(cache.keys);
                replicate(cache.values);
            }
        }
    }
    output.timings.prefill = secondsSince(started);

    started = Clock::now();
    for (int64_t step = 0; step < input.predLen; ++step) {
        RECORD_USER_SCOPE("kronos::decode steps");
        const int64_t tokenCount = contextLength + step; // tokens known before this step
        if (step > 0) {
            if (control.cancel && control.cancel->load())
                throw ForecastCancelled();
            if (!state.caches.empty() && tokenCount <= input.maxContext)
                advanceCached(state, tokenCount, control);
            else
                recompute(input, state, tokenCount, nullptr, control);
        }
        const torch::Tensor s1 = sampler.sample(m_predictor->s1Logits(state.lastHidden)); // [rows]
        const torch::Tensor s2 = sampler.sample(m_predictor->s2Logits(state.lastHidden, s1,
            state.depCache.keys.narrow(2, 0, state.depCache.length),
            state.depCache.values.narrow(2, 0, state.depCache.length)));
        state.s1.select(1, tokenCount).copy_(s1);
        state.s2.select(1, tokenCount).copy_(s2);
        if (control.onStep)
            control.onStep(int(step + 1), int(input.predLen));
    }
    output.timings.decodeSteps = secondsSince(started);

    // The tokenizer decodes the last max_context tokens of context + forecast, as upstream does.
    started = Clock::now();
    RECORD_USER_SCOPE("kronos::tokenizer decode");
    const int64_t window = std::min(total, input.maxContext);
    const int64_t rows = state.s1.size(0);
    output.values = torch::empty({ rows, input.predLen, input.rows.size(2) }, input.rows.options());
    forEachChunk(rows, window, [&](int64_t first, int64_t count) {
        const auto part = [&](const torch::Tensor &t) {
            return t.narrow(0, first, count).narrow(1, total - window, window);
        };
        const torch::Tensor decoded = m_tokenizer->decode(part(state.s1), part(state.s2));
        output.values.narrow(0, first, count)
            .copy_(decoded.narrow(1, window - input.predLen, input.predLen));
    });
    output.s1 = state.s1.narrow(1, contextLength, input.predLen).contiguous();
    output.s2 = state.s2.narrow(1, contextLength, input.predLen).contiguous();
    output.timings.tokenizerDecode = secondsSince(started);
    return output;
}

} // namespace kronos
