#pragma once

// The dense arithmetic of one forecast call, per stage, counted from the model's shape: what a
// machine's matrix-multiply rate puts under the time (kronos-cli bench's "floor"). Counted, at
// two FLOPs per multiply-add: every linear layer and the attention products (scores and
// weighted values, the masked half of a causal square included, as the kernels compute it).
// Not counted: normalization, rotary, softmax and other elementwise work (a few percent).

#include "inference/batch_memory_model.h"
#include "model/kronos_config.h"

namespace kronos {

struct StageWork // FLOPs, the stages of StageTimings
{
    double encode = 0;
    double prefill = 0;
    double decodeSteps = 0;
    double tokenizerDecode = 0;
    double total() const { return encode + prefill + decodeSteps + tokenizerDecode; }
};

// `series` series of shape.contextLength bars, shape.predLen steps, shape.sampleCount samples,
// decoded as AutoregressiveDecoder does (with or without its KV cache).
StageWork forecastWork(const PredictorConfig &predictor, const TokenizerConfig &tokenizer,
    int series, const BatchShape &shape, bool useKvCache);

// Bytes the decode steps of `series` series decoded in `batches` batches read, with the KV
// cache: each batch's step reads every weight it multiplies once, whatever its rows, and each
// row's keys and values in
// every layer's cache and the dependency layer's (one float per multiply-add of a one-query
// attention). A step does a few multiply-adds per float it reads, so the machine's memory read
// rate, not its SGEMM rate, bounds it (kronos-cli bench's "floor with reads"). The other stages
// multiply each weight by thousands of tokens: arithmetic bounds them. Float32 throughout.
double cachedStepReads(
    const PredictorConfig &predictor, int series, int batches, const BatchShape &shape);

// Seconds that work cannot beat at these rates (FLOP/s, bytes/s): every stage's FLOPs at the
// SGEMM rate, the steps no faster than their reads at the read rate either.
double floorWithReads(const StageWork &work, double stepReads, double sgemmRate, double readRate);

} // namespace kronos
