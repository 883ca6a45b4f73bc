#pragma once

#include <QString>
#include <cstdint>

namespace kronos {

// Constructor arguments of upstream's KronosTokenizer, as its config.json publishes them.
// Only what inference needs is kept; training-only keys (dropouts, BSQ loss weights) are ignored.
struct TokenizerConfig
{
    int64_t dIn = 6;
    int64_t dModel = 0;
    int64_t nHeads = 0;
    int64_t ffDim = 0;
    int64_t nEncLayers = 0; // upstream builds nEncLayers - 1 encoder blocks
    int64_t nDecLayers = 0; // and nDecLayers - 1 decoder blocks
    int64_t s1Bits = 0;
    int64_t s2Bits = 0;
};

// Constructor arguments of upstream's Kronos predictor.
struct PredictorConfig
{
    int64_t s1Bits = 0;
    int64_t s2Bits = 0;
    int64_t nLayers = 0;
    int64_t dModel = 0;
    int64_t nHeads = 0;
    int64_t ffDim = 0;
    bool learnTe = true; // learned temporal embeddings; false = fixed sinusoidal tables
};

// The dependency-aware layer always has 4 heads, whatever the predictor's n_heads.
constexpr int64_t DependencyLayerHeads = 4;

// Read and validate <folder>/config.json. Throws CheckpointError naming the file and the key:
// required keys present, sizes positive, d_model divisible by n_heads with an even head size,
// s1_bits == s2_bits (upstream's half decoding assumes it).
TokenizerConfig loadTokenizerConfig(const QString &configPath);
PredictorConfig loadPredictorConfig(const QString &configPath);

} // namespace kronos
