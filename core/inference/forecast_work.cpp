#include "inference/forecast_work.h"

#include <algorithm>

namespace kronos {
namespace {

// One transformer block's linear layers for one token: q, k, v, out (4 d^2) and the
// feed-forward's w1, w3, w2 (3 d ff).
double blockLinearFlops(double dModel, double ffDim)
{
    return 2 * (4 * dModel * dModel + 3 * dModel * ffDim);
}

// Attention products of `queries` queries over `keys` keys of width dModel (all heads).
double attentionFlops(double queries, double keys, double dModel)
{
    return 2 * 2 * queries * keys * dModel;
}

// A causal pass of `rows` windows of `tokens` tokens through `layers` blocks.
double blocksFlops(double rows, double tokens, double layers, double dModel, double ffDim)
{
    return layers * rows
        * (tokens * blockLinearFlops(dModel, ffDim) + attentionFlops(tokens, tokens, dModel));
}

// The predictor over `rows` windows of `tokens` new tokens attending to `keys` keys each: the
// token embedding's fusion projection, the blocks, the dependency layer's keys and values.
double predictorPassFlops(const PredictorConfig &p, double rows, double tokens, double keys)
{
    const double d = double(p.dModel);
    const double perToken
        = 2 * (2 * d * d) + p.nLayers * blockLinearFlops(d, double(p.ffDim)) + 2 * (2 * d * d);
    return rows * (tokens * perToken + p.nLayers * attentionFlops(tokens, keys, d));
}

// Both heads for one row: s1 logits, then the dependency layer's query over `window` keys and
// the s2 logits.
double headsFlops(const PredictorConfig &p, double window)
{
    const double d = double(p.dModel);
    return 2 * d * double(int64_t(1) << p.s1Bits) + 2 * (2 * d * d) + attentionFlops(1, window, d)
        + 2 * d * double(int64_t(1) << p.s2Bits);
}

} // namespace

StageWork forecastWork(const PredictorConfig &predictor, const TokenizerConfig &tokenizer,
    int series, const BatchShape &shape, bool useKvCache)
{
    StageWork work;
    const double b = series;
    const double rows = b * shape.sampleCount;
    const int64_t context = shape.contextLength;
    const int64_t maxContext = shape.maxContext;
    const double td = double(tokenizer.dModel);
    const double codebook = double(tokenizer.s1Bits + tokenizer.s2Bits);

    work.encode = b * double(context) * 2 * (6 * td + td * codebook)
        + blocksFlops(
            b, double(context), double(tokenizer.nEncLayers - 1), td, double(tokenizer.ffDim));

    const int64_t window = std::min(context, maxContext);
    work.prefill = predictorPassFlops(predictor, b, double(window), double(window));

    const bool cached = useKvCache && context < maxContext;
    for (int64_t step = 0; step < shape.predLen; ++step) {
        const int64_t tokens = context + step; // known before this step
        const int64_t seen = std::min(tokens, maxContext);
        if (step > 0)
            work.decodeSteps += cached && tokens <= maxContext
                ? predictorPassFlops(predictor, rows, 1, double(tokens))
                : predictorPassFlops(predictor, rows, double(seen), double(seen));
        work.decodeSteps += rows * headsFlops(predictor, double(seen));
    }

    const double decoded = double(std::min(context + shape.predLen, maxContext));
    work.tokenizerDecode = rows * decoded * 2 * (codebook * td + td * 6)
        + blocksFlops(rows, decoded, double(tokenizer.nDecLayers - 1), td, double(tokenizer.ffDim));
    return work;
}

double cachedStepReads(
    const PredictorConfig &predictor, int series, int batches, const BatchShape &shape)
{
    // One row's multiply-adds (half its FLOPs) in the linear maps and the attention over `keys`:
    // without keys, the weights' floats; each key and value adds one float per multiply-add.
    const auto forwardFloats
        = [&](double keys) { return predictorPassFlops(predictor, 1, 1, keys) / 2; };
    const auto headsFloats = [&](double keys) { return headsFlops(predictor, keys) / 2; };
    const bool cached = shape.contextLength < shape.maxContext;
    double weights = 0, perRow = 0; // floats a batch's steps read once, and once per row
    for (int64_t step = 0; step < shape.predLen; ++step) {
        const int64_t tokens = shape.contextLength + step; // known before this step
        const double seen = double(std::min<int64_t>(tokens, shape.maxContext));
        // A step past the window recomputes it (AutoregressiveDecoder): its keys are computed
        // from the weights, not read.
        if (step > 0) {
            weights += forwardFloats(0);
            if (cached && tokens <= shape.maxContext)
                perRow += forwardFloats(double(tokens)) - forwardFloats(0);
        }
        weights += headsFloats(0);
        perRow += headsFloats(seen) - headsFloats(0);
    }
    const double rows = double(series) * shape.sampleCount;
    return (batches * weights + rows * perRow) * sizeof(float);
}

double floorWithReads(const StageWork &work, double stepReads, double sgemmRate, double readRate)
{
    return (work.total() - work.decodeSteps) / sgemmRate
        + std::max(work.decodeSteps / sgemmRate, stepReads / readRate);
}

} // namespace kronos
