#pragma once

#include <initializer_list>
#include <torch/torch.h>

namespace kronos {

// The model's one linear map: x [..., in] times weight [out, in] transposed, plus bias [out]
// (undefined: none) — torch::linear's contract and results within float rounding.
//
// Why not always torch::linear: a cached decode step multiplies a few rows (one per series) by
// every weight of the model, ~92 MB for Kronos-small, which do not stay in any cache between
// steps. The BLAS libraries, made for many rows, read them at 6-8 GB/s at 12 rows here. With few
// rows and a CPU with AVX-512 the map runs a kernel of its own instead (10-11 GB/s): it reads
// each weight row once, while the next rows are prefetched, and multiplies it with every input
// row held in cache, the outputs split between threads (worker_team.h). Inside the kernel each
// output's sum runs in the same order whatever the other rows; the batch decides only whether
// an input takes the kernel or libtorch's path (more rows than FewRowsLimit), which agree
// within float rounding.
torch::Tensor applyLinear(
    const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &bias = {});

// The few-rows kernel runs on this machine (CPU with AVX-512F, x86-64 build).
bool fewRowsKernelAvailable();

// applyLinear(x, weight, bias) runs the kernel: it is available, nothing tracks gradients, float
// tensors on the CPU, at most FewRowsLimit rows, `in` a multiple of 16 and `out` of 4.
bool usesFewRowsKernel(
    const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &bias = {});

// The kernel's name in libtorch's profiler (`kronos-cli bench --profile` counts it as GEMM).
constexpr const char *FewRowsKernelName = "kw::few_rows_linear";

// Inputs of at most this many rows take the kernel (where it is available). It was faster than
// both BLAS libraries at Kronos-small's shapes at 1, 12, 24, 48 and 98 rows (as fast at 98);
// the limit keeps steps of up to 128 series on it, unmeasured past 98.
constexpr int64_t FewRowsLimit = 128;

// Attention of one query per (series, head) over the keys so far, as in a cached decode step:
// q [B, H, 1, D], k and v [B, H, S, D] whose S keys of D floats follow each other (the caches'
// layout: narrowed, not copied) -> [B, H, 1, D]. The library paths multiply the B x H pairs one by
// one (libtorch 1.13's batched product costs more in each pair's bookkeeping than in arithmetic);
// the kernel reads each pair's keys and values once and takes the softmax in between itself
// (libtorch's softmax woke the OpenMP threads for each call: ~0.17 ms, 9 calls a step). Where it
// runs (usesOneQueryKernel): the few-rows kernel is available, nothing tracks gradients, float
// tensors on the CPU, D a multiple of 16 from 16 to 128. attendOneQuery throws where it does not
// run.
bool usesOneQueryKernel(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v);
torch::Tensor attendOneQuery(
    const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v);

// The attention kernel's name in libtorch's profiler (counted as attention).
constexpr const char *OneQueryKernelName = "kw::one_query_attention";

// Causal attention of a pass over a whole window from position 0 (the prefill, the tokenizer's
// passes): q, k, v [B, H, T, D], query t attends keys 0 .. t, as the one-query kernel attends
// each query in turn (same conditions, T keys). The library paths spent ~0.19 s of a 12-series
// prefill on libtorch 1.13 in per-series batched products and softmax for ~1 GFLOP of work.
// Both attention kernels return [B, H, T, D] as a view of [B, T, H, D] memory (not contiguous
// for T > 1): merging the heads copies nothing.
bool usesCausalKernel(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v);
torch::Tensor attendCausally(
    const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v);
constexpr const char *CausalKernelName = "kw::causal_attention";

// Row kernels: the passes of a transformer block between its GEMMs, one pass over the rows
// each instead of a chain of libtorch operators that each read and write the whole tensor (the
// prefill spent about as long in those as in its GEMMs). Plain C++ for any CPU, rows split
// between threads as the kernels above. They run (usesRowKernels) on float CPU tensors no
// gradient is tracked through whose last dimension is contiguous; otherwise libtorch's operators
// (the Mac's MPS device, CUDA). Each row's values are computed from that row alone.
bool usesRowKernels(std::initializer_list<const torch::Tensor *> tensors);

// Their names in libtorch's profiler (counted as elementwise).
constexpr const char *RmsNormKernelName = "kw::rms_norm";
constexpr const char *RotaryKernelName = "kw::rotate_into_heads";

// x * rsqrt(mean(x * x, -1) + eps) * weight (RMSNorm), x contiguous, weight [C]; throws where
// usesRmsNormKernel is false.
bool usesRmsNormKernel(const torch::Tensor &x, const torch::Tensor &weight);
torch::Tensor rmsNorm(const torch::Tensor &x, const torch::Tensor &weight, double eps);

// The fused projection's output qkv [B, T, 3, H, D] (contiguous) into head-major q, k, v
// [B, H, T, D] (each row of D contiguous; k and v may be the next T positions of a cache): q
// and k rotated by the tables cos/sin [T, D] (contiguous) of their positions, v as it is; throws
// where usesRotaryKernel is false.
bool usesRotaryKernel(const torch::Tensor &qkv, const torch::Tensor &cos, const torch::Tensor &sin);
void rotateIntoHeads(const torch::Tensor &qkv, const torch::Tensor &cos, const torch::Tensor &sin,
    const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v);

} // namespace kronos
