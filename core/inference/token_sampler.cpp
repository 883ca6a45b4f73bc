#include "inference/token_sampler.h"

#include <ATen/CPUGeneratorImpl.h>
#include <limits>

namespace kronos {
namespace {

uint64_t splitMix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// FNV-1a over UTF-8: unlike qHash it is not randomized per process.
uint64_t stableHash(const QString &text)
{
    uint64_t hash = 0xCBF29CE484222325ull;
    for (const char byte : text.toUtf8()) {
        hash ^= static_cast<unsigned char>(byte);
        hash *= 0x100000001B3ull;
    }
    return hash;
}

} // namespace

TokenSampler::TokenSampler(const SamplingOptions &options, const std::vector<uint64_t> &rowSeeds)
    : m_options(options)
{
    if (!options.isGreedy())
        for (const uint64_t seed : rowSeeds)
            m_generators.push_back(at::make_generator<at::CPUGeneratorImpl>(seed));
}

uint64_t TokenSampler::rowSeed(uint64_t runSeed, const QString &seriesKey, int sampleIndex)
{
    return splitMix64(splitMix64(runSeed ^ stableHash(seriesKey)) + uint64_t(sampleIndex));
}

torch::Tensor TokenSampler::filterLogits(torch::Tensor logits, const SamplingOptions &options)
{
    const float minusInfinity = -std::numeric_limits<float>::infinity();
    logits = logits / options.temperature;
    if (options.topK > 0) {
        const int64_t k = std::min<int64_t>(options.topK, logits.size(-1));
        const torch::Tensor kth = std::get<0>(torch::topk(logits, k)).narrow(-1, k - 1, 1);
        return logits.masked_fill(logits < kth, minusInfinity);
    }
    if (options.topP < 1.0) {
        const auto sorted = torch::sort(logits, -1, /*descending=*/true);
        const torch::Tensor cumulative = torch::softmax(std::get<0>(sorted), -1).cumsum(-1);
        torch::Tensor removeSorted = cumulative > options.topP;
        // Shift right: the first token past the threshold stays, and so does the most likely.
        removeSorted = torch::cat({ torch::zeros_like(removeSorted.narrow(-1, 0, 1)),
                                      removeSorted.narrow(-1, 0, removeSorted.size(-1) - 1) },
            -1);
        const torch::Tensor remove = removeSorted.scatter(-1, std::get<1>(sorted), removeSorted);
        return logits.masked_fill(remove, minusInfinity);
    }
    return logits;
}

torch::Tensor TokenSampler::sample(const torch::Tensor &logits)
{
    if (m_options.isGreedy())
        return logits.argmax(-1);
    const torch::Tensor probabilities
        = torch::softmax(filterLogits(logits, m_options), -1).to(torch::kCPU).contiguous();
    if (probabilities.size(0) != int64_t(m_generators.size()))
        throw ForecastError("sampler: one generator per row is required");
    torch::Tensor tokens = torch::empty({ probabilities.size(0) }, torch::kInt64);
    for (int64_t row = 0; row < probabilities.size(0); ++row)
        tokens[row] = torch::multinomial(probabilities[row], 1, false, m_generators[size_t(row)])
                          .item<int64_t>();
    return tokens.to(logits.device());
}

} // namespace kronos
