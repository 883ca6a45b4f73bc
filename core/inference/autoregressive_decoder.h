#pragma once

#include "inference/kronos_engine.h"
#include "inference/token_sampler.h"
#include "model/kronos_modules.h"

namespace kronos {

// Inputs of one batch, already normalized. B series, L context bars, P steps, S samples.
struct DecodeInput
{
    torch::Tensor rows; // [B, L, 6] float32, normalized and clipped
    torch::Tensor stamps; // [B, L + P, 5] int64: context then future calendar features
    int64_t predLen = 0; // P
    int64_t maxContext = 0; // tokens the predictor sees at once
    int64_t sampleCount = 1; // S
    bool useKvCache = true;
};

struct DecodeOutput
{
    torch::Tensor s1; // [B * S, P] int64, rows grouped by series (series-major)
    torch::Tensor s2; // [B * S, P]
    torch::Tensor values; // [B * S, P, 6] float32, normalized space
    StageTimings timings;
};

// Upstream's auto_regressive_inference, with the work it repeats removed:
// - the context is encoded and prefilled once per series, then replicated for S samples;
// - while the window has not rolled, each step feeds only the new token through a KV cache
//   (its query and key rotated at its true window position) and appends one key/value to the
//   dependency layer's cache; once the window rolls, positions restart, so every step
//   recomputes the window like upstream;
// - only the last position's logits are computed.
// With useKvCache = false every step recomputes the window, exactly upstream's loop.
class AutoregressiveDecoder
{
public:
    AutoregressiveDecoder(KronosTokenizer tokenizer, KronosPredictor predictor);

    DecodeOutput run(
        const DecodeInput &input, TokenSampler &sampler, const ForecastControl &control);

private:
    struct StepState;
    void prefill(const DecodeInput &input, StepState &state, const ForecastControl &control);
    void recompute(const DecodeInput &input, StepState &state, int64_t tokenCount,
        std::vector<AttentionCache> *caches, const ForecastControl &control);
    void advanceCached(StepState &state, int64_t tokenCount, const ForecastControl &control);

    KronosTokenizer m_tokenizer;
    KronosPredictor m_predictor;
};

} // namespace kronos
