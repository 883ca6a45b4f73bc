#pragma once

#include "inference/kronos_engine.h"

#include <ATen/core/Generator.h>
#include <torch/torch.h>

namespace kronos {

// Draws one token per row from logits with upstream's rules: logits / T; top-k when k > 0 (and
// then no top-p); else nucleus filtering when p < 1, keeping the first token past the threshold;
// then a multinomial draw. Greedy (T = 0 or k = 1) takes the arg-max and needs no generator.
// Each row has its own generator so a row's draws do not depend on its neighbours.
class TokenSampler
{
public:
    TokenSampler(const SamplingOptions &options, const std::vector<uint64_t> &rowSeeds);

    // logits: [R, V] -> token ids [R] (int64, on the logits' device)
    torch::Tensor sample(const torch::Tensor &logits);

    // The filtered, temperature-scaled logits upstream's sample_from_logits draws from.
    static torch::Tensor filterLogits(torch::Tensor logits, const SamplingOptions &options);

    // A generator seed for (run seed, series key, sample index); stable across runs and platforms.
    static uint64_t rowSeed(uint64_t runSeed, const QString &seriesKey, int sampleIndex);

private:
    SamplingOptions m_options;
    std::vector<at::Generator> m_generators;
};

} // namespace kronos
