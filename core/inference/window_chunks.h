#pragma once

#include <algorithm>
#include <cstdint>

namespace kronos {

// The work over whole windows (encoding, the prefill, recomputed windows, the tokenizer's
// decoding) runs over at most this many tokens at a time, series by series: its elementwise
// passes and copies then stay in the processor's caches, and its activations stay those of one
// chunk whatever the batch. Measured with `kronos-cli bench --pred-len 2` (2 threads, 252 bars):
// the prefill's seconds per series are flat from 4 to 24 series and 1.9x at 98, where those
// passes made up most of it. Every series' result is the same whatever its chunk, within float
// rounding (a chunk of at most 128 token rows takes the few-rows linear kernel, a larger one BLAS).
constexpr int64_t ChunkTokens = 3072;

// How many series of `tokens` tokens one chunk holds (at least one).
constexpr int64_t seriesPerChunk(int64_t tokens)
{
    return std::max<int64_t>(1, ChunkTokens / std::max<int64_t>(1, tokens));
}

} // namespace kronos
