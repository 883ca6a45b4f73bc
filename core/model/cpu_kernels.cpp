#include "model/cpu_kernels.h"

#include "model/worker_team.h"

#include <ATen/Parallel.h>
#include <ATen/record_function.h>
#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define KW_FEW_ROWS_KERNEL 1
#include <immintrin.h>
#endif

namespace kronos {
namespace {

constexpr int64_t Lanes = 16; // floats in an AVX-512 register
constexpr int64_t BlockColumns = 4; // outputs computed together: 4 weight rows read at once
constexpr int64_t MostChunks = 8; // attention heads of up to 8 x 16 floats, summed in registers

#ifdef KW_FEW_ROWS_KERNEL

// GCC 12.2's AVX-512 intrinsics fill their unused merge operand with a self-initialized
// variable and then warn about it where they are inlined (GCC bug 105593, fixed in 12.3).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

constexpr int64_t BlockRows = 6; // input rows per pass: 6 x 4 sums in registers

// out[r][c] = x[r] . weight[c] + bias[c] for `Rows` input rows and the 4 outputs whose weight
// rows start at `weight`; each sum runs over 16 lanes and ends in the same reduction tree,
// whatever the rows. `next` is the block after this one, prefetched while this one is used.
template <int Rows>
__attribute__((target("avx512f"))) void multiplyBlock(const float *x, int64_t in,
    const float *weight, const float *next, const float *bias, float *out, int64_t outStride)
{
    __m512 sums[Rows][BlockColumns];
#pragma GCC unroll 8
    for (int r = 0; r < Rows; ++r)
#pragma GCC unroll 4
        for (int c = 0; c < BlockColumns; ++c)
            sums[r][c] = _mm512_setzero_ps();
    for (int64_t k = 0; k < in; k += Lanes) {
        __m512 w[BlockColumns];
#pragma GCC unroll 4
        for (int c = 0; c < BlockColumns; ++c) {
            w[c] = _mm512_loadu_ps(weight + c * in + k);
            _mm_prefetch(reinterpret_cast<const char *>(next + c * in + k), _MM_HINT_T0);
        }
#pragma GCC unroll 8
        for (int r = 0; r < Rows; ++r) {
            const __m512 row = _mm512_loadu_ps(x + r * in + k);
#pragma GCC unroll 4
            for (int c = 0; c < BlockColumns; ++c)
                sums[r][c] = _mm512_fmadd_ps(row, w[c], sums[r][c]);
        }
    }
    const __m128 biases = bias ? _mm_loadu_ps(bias) : _mm_setzero_ps();
#pragma GCC unroll 8
    for (int r = 0; r < Rows; ++r) {
        __m256 halves[BlockColumns]; // each sum's 16 lanes folded to 8
#pragma GCC unroll 4
        for (int c = 0; c < BlockColumns; ++c)
            halves[c] = _mm512_castps512_ps256(_mm512_add_ps(
                sums[r][c], _mm512_shuffle_f32x4(sums[r][c], sums[r][c], _MM_SHUFFLE(1, 0, 3, 2))));
        // Pairwise sums of the four, then the two 128-bit halves: [sum0, sum1, sum2, sum3].
        const __m256 pairs = _mm256_hadd_ps(
            _mm256_hadd_ps(halves[0], halves[1]), _mm256_hadd_ps(halves[2], halves[3]));
        const __m128 four
            = _mm_add_ps(_mm256_castps256_ps128(pairs), _mm256_extractf128_ps(pairs, 1));
        _mm_storeu_ps(out + r * outStride, _mm_add_ps(four, biases));
    }
}

// multiplyBlock for the 1 to 5 rows left after blocks of 6, by their number.
using BlockFunction = void (*)(
    const float *, int64_t, const float *, const float *, const float *, float *, int64_t);
constexpr BlockFunction RowTails[BlockRows] = { nullptr, multiplyBlock<1>, multiplyBlock<2>,
    multiplyBlock<3>, multiplyBlock<4>, multiplyBlock<5> };

// Outputs [first, last) (multiples of 4) for every input row: the 4 weight rows of a block stay
// in the first-level cache while the rows pass over them, 6 at a time.
__attribute__((target("avx512f"))) void multiplyColumns(const float *x, int64_t rows, int64_t in,
    const float *weight, int64_t out, const float *bias, float *result, int64_t first, int64_t last)
{
    for (int64_t c = first; c < last; c += BlockColumns) {
        const float *block = weight + c * in;
        const float *next = c + BlockColumns < out ? block + BlockColumns * in : block;
        const float *blockBias = bias ? bias + c : nullptr;
        int64_t r = 0;
        for (; r + BlockRows <= rows; r += BlockRows)
            multiplyBlock<BlockRows>(
                x + r * in, in, block, next, blockBias, result + r * out + c, out);
        if (r < rows)
            RowTails[rows - r](x + r * in, in, block, next, blockBias, result + r * out + c, out);
    }
}

// scores[s] = q . keys[s] for the `count` keys (rows of `dim` floats): four at a time as the
// linear map's outputs, the last few one by one.
__attribute__((target("avx512f"))) void scoreKeys(
    const float *q, const float *keys, int64_t count, int64_t dim, float *scores)
{
    int64_t s = 0;
    for (; s + BlockColumns <= count; s += BlockColumns) {
        const float *block = keys + s * dim;
        const float *next = s + 2 * BlockColumns <= count ? block + BlockColumns * dim : block;
        multiplyBlock<1>(q, dim, block, next, nullptr, scores + s, 0);
    }
    for (; s < count; ++s) {
        __m512 sum = _mm512_setzero_ps();
        for (int64_t k = 0; k < dim; k += Lanes)
            sum = _mm512_fmadd_ps(_mm512_loadu_ps(q + k), _mm512_loadu_ps(keys + s * dim + k), sum);
        scores[s] = _mm512_reduce_add_ps(sum);
    }
}

// e^x for x <= 0 (scores less their largest), 16 at a time: x = n ln2 + r with |r| <= ln2 / 2,
// e^r by Cephes' expf polynomial (within 2 ulp of float's e^r), times 2^n (denormals below
// -87.3). Below -104, where e^x is under float's smallest denormal, x is taken as -104 (~0).
__attribute__((target("avx512f"))) __m512 expOfNonPositive(__m512 x)
{
    // This operand order keeps a NaN score NaN (MAXPS returns its second operand then): the
    // sum and so the whole row become NaN, as libtorch's softmax gives.
    x = _mm512_max_ps(_mm512_set1_ps(-104.0f), x);
    const __m512 n = _mm512_roundscale_ps(
        _mm512_mul_ps(x, _mm512_set1_ps(1.44269504088896341f)), _MM_FROUND_TO_NEAREST_INT);
    // r = x - n ln2, ln2 in two parts so that n * the first is exact.
    __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693359375f), x);
    r = _mm512_fnmadd_ps(n, _mm512_set1_ps(-2.12194440e-4f), r);
    __m512 p = _mm512_set1_ps(1.9875691500e-4f);
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.3981999507e-3f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(8.3334519073e-3f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(4.1665795894e-2f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.6666665459e-1f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(5.0000001201e-1f));
    const __m512 er
        = _mm512_add_ps(_mm512_fmadd_ps(p, _mm512_mul_ps(r, r), r), _mm512_set1_ps(1.0f));
    return _mm512_scalef_ps(er, n);
}

// The lanes of a 16-float load at s that hold one of `count` floats.
__mmask16 lanesFrom(int64_t s, int64_t count)
{
    return count - s >= Lanes ? __mmask16(0xffff) : __mmask16((1u << (count - s)) - 1);
}

// weights = softmax(scores * scale) over `count` scores, in place: the largest, e^(s - largest)
// and their sum, then each times 1 / sum (libtorch's order on the CPU; equal within rounding).
__attribute__((target("avx512f"))) void softmaxScaled(float *scores, int64_t count, float scale)
{
    const __m512 scales = _mm512_set1_ps(scale);
    __m512 largest = _mm512_set1_ps(-std::numeric_limits<float>::infinity());
    for (int64_t s = 0; s < count; s += Lanes) {
        const __mmask16 lanes = lanesFrom(s, count);
        const __m512 scaled = _mm512_mul_ps(_mm512_maskz_loadu_ps(lanes, scores + s), scales);
        largest = _mm512_mask_max_ps(largest, lanes, largest, scaled);
    }
    const __m512 top = _mm512_set1_ps(_mm512_reduce_max_ps(largest));
    __m512 sums = _mm512_setzero_ps();
    for (int64_t s = 0; s < count; s += Lanes) {
        const __mmask16 lanes = lanesFrom(s, count);
        const __m512 scaled = _mm512_mul_ps(_mm512_maskz_loadu_ps(lanes, scores + s), scales);
        const __m512 e = _mm512_maskz_mov_ps(lanes, expOfNonPositive(_mm512_sub_ps(scaled, top)));
        sums = _mm512_add_ps(sums, e);
        _mm512_mask_storeu_ps(scores + s, lanes, e);
    }
    const __m512 inverse = _mm512_set1_ps(1.0f / _mm512_reduce_add_ps(sums));
    for (int64_t s = 0; s < count; s += Lanes) {
        const __mmask16 lanes = lanesFrom(s, count);
        _mm512_mask_storeu_ps(
            scores + s, lanes, _mm512_mul_ps(_mm512_maskz_loadu_ps(lanes, scores + s), inverse));
    }
}

// out = sum over s of weights[s] * values[s], `Chunks` x 16 floats per row, in registers.
template <int Chunks>
__attribute__((target("avx512f"))) void weighValues(
    const float *weights, const float *values, int64_t count, float *out)
{
    __m512 sums[Chunks];
#pragma GCC unroll 8
    for (int c = 0; c < Chunks; ++c)
        sums[c] = _mm512_setzero_ps();
    for (int64_t s = 0; s < count; ++s) {
        const __m512 weight = _mm512_set1_ps(weights[s]);
#pragma GCC unroll 8
        for (int c = 0; c < Chunks; ++c)
            sums[c] = _mm512_fmadd_ps(
                weight, _mm512_loadu_ps(values + (s * Chunks + c) * Lanes), sums[c]);
    }
#pragma GCC unroll 8
    for (int c = 0; c < Chunks; ++c)
        _mm512_storeu_ps(out + c * Lanes, sums[c]);
}

// weighValues for rows of 16 to 128 floats, by their number of 16-float chunks.
using WeighFunction = void (*)(const float *, const float *, int64_t, float *);
constexpr WeighFunction WeighByChunks[MostChunks + 1]
    = { nullptr, weighValues<1>, weighValues<2>, weighValues<3>, weighValues<4>, weighValues<5>,
          weighValues<6>, weighValues<7>, weighValues<8> };

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#endif

// Runs work(begin, end) over [0, count) in up to at::get_num_threads() parts on the worker team
// (worker_team.h), and returns when all are done. at::parallel_for is not used: it is inlined
// from libtorch's headers, and a libtorch built with OpenMP runs it in parallel only in code
// compiled with OpenMP too, which would tie this file to the compiler's OpenMP runtime being
// libtorch's (it ran on one thread here: half the speed). A part has `leastPart` items at least:
// a hand-over costs more than less work. `work` must not throw.
template <typename Work> void runInParts(int64_t count, int64_t leastPart, const Work &work)
{
    const int64_t parts
        = std::max<int64_t>(1, std::min<int64_t>(at::get_num_threads(), count / leastPart));
    const int64_t size = (count + parts - 1) / parts;
    WorkerTeam::shared().run(parts, [&](int64_t part) {
        work(std::min(count, part * size), std::min(count, (part + 1) * size));
    });
}

} // namespace

bool fewRowsKernelAvailable()
{
#ifdef KW_FEW_ROWS_KERNEL
    static const bool available = __builtin_cpu_supports("avx512f");
    return available;
#else
    return false;
#endif
}

namespace {

// Float tensors on the CPU that no gradient is tracked through: what the kernels take.
bool plainCpuFloats(std::initializer_list<const torch::Tensor *> tensors)
{
    for (const torch::Tensor *t : tensors)
        if (!t->device().is_cpu() || t->scalar_type() != torch::kFloat32
            || (torch::GradMode::is_enabled() && t->requires_grad()))
            return false;
    return true;
}

} // namespace

bool usesFewRowsKernel(
    const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &bias)
{
    if (!fewRowsKernelAvailable() || x.dim() == 0 || weight.dim() != 2)
        return false;
    const int64_t in = weight.size(1);
    const bool biasFits = !bias.defined()
        || (plainCpuFloats({ &bias }) && bias.is_contiguous() && bias.dim() == 1
            && bias.size(0) == weight.size(0));
    return plainCpuFloats({ &x, &weight }) && biasFits && weight.is_contiguous() && x.size(-1) == in
        && in % Lanes == 0 && weight.size(0) % BlockColumns == 0 && x.numel() > 0
        && x.numel() / in <= FewRowsLimit;
}

torch::Tensor applyLinear(
    const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &bias)
{
#ifdef KW_FEW_ROWS_KERNEL
    if (usesFewRowsKernel(x, weight, bias)) {
        RECORD_FUNCTION(FewRowsKernelName, std::vector<c10::IValue>());
        const int64_t in = weight.size(1);
        const int64_t out = weight.size(0);
        const torch::Tensor rows = x.reshape({ -1, in }).contiguous();
        torch::Tensor result = torch::empty({ rows.size(0), out }, x.options());
        const float *input = rows.data_ptr<float>();
        const float *weights = weight.data_ptr<float>();
        const float *biases = bias.defined() ? bias.data_ptr<float>() : nullptr;
        float *output = result.data_ptr<float>();
        runInParts(out / BlockColumns, 16, [&](int64_t begin, int64_t end) {
            multiplyColumns(input, rows.size(0), in, weights, out, biases, output,
                begin * BlockColumns, end * BlockColumns);
        });
        std::vector<int64_t> shape = x.sizes().vec();
        shape.back() = out;
        return result.view(shape);
    }
#endif
    return torch::linear(x, weight, bias);
}

namespace {

#ifdef KW_FEW_ROWS_KERNEL
// Query t of the T in q [B, H, T, D] attends keys 0 .. S - T + t of k and v [B, H, S, D] (all S
// for a single query, the causal triangle when S == T): the scores, their softmax and the
// weighted values of one query at a time, pair by pair, the pair's keys and values in cache.
// Returns [B, H, T, D] as a view of [B, T, H, D] memory: merging the heads then copies nothing.
torch::Tensor attendKeysSoFar(
    const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v)
{
    const int64_t heads = q.size(1);
    const int64_t pairs = q.size(0) * heads;
    const int64_t count = q.size(2);
    const int64_t keyCount = k.size(2);
    const int64_t dim = q.size(3);
    const torch::Tensor queries = q.stride(3) == 1 ? q : q.contiguous();
    torch::Tensor out = torch::empty({ q.size(0), count, heads, dim }, q.options());
    // The rows of pair (series b, head h) start at b * stride(0) + h * stride(1).
    const auto rowsOf = [heads](const torch::Tensor &t, int64_t pair) {
        return t.data_ptr<float>() + (pair / heads) * t.stride(0) + (pair % heads) * t.stride(1);
    };
    const float scale = float(1.0 / std::sqrt(double(dim)));
    // One row of scores per pair, allocated here: the parts' work must not throw.
    torch::Tensor scores = torch::empty({ pairs, keyCount }, q.options());
    runInParts(pairs, 1, [&](int64_t begin, int64_t end) {
        for (int64_t pair = begin; pair < end; ++pair) {
            float *weights = scores.data_ptr<float>() + pair * keyCount;
            const float *query = rowsOf(queries, pair);
            const float *keys = rowsOf(k, pair);
            const float *values = rowsOf(v, pair);
            float *result = out.data_ptr<float>() + (pair / heads) * count * heads * dim
                + (pair % heads) * dim;
            for (int64_t t = 0; t < count; ++t) {
                const int64_t seen = keyCount - count + t + 1;
                scoreKeys(query + t * queries.stride(2), keys, seen, dim, weights);
                softmaxScaled(weights, seen, scale);
                WeighByChunks[dim / Lanes](weights, values, seen, result + t * heads * dim);
            }
        }
    });
    return out.transpose(1, 2);
}
#endif

// q, k, v as the kernel takes them: the machine runs it, float CPU tensors, nothing tracked,
// [B, H, *, D] alike with D a multiple of 16 up to 128, each key's and value's D floats following
// the last's (the caches' layout: narrowed, not copied), the query rows contiguous.
bool attentionKernelTakes(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v)
{
    if (!fewRowsKernelAvailable() || q.dim() != 4 || k.dim() != 4 || v.dim() != 4)
        return false;
    const int64_t dim = q.size(3);
    const auto cacheLayout = [&](const torch::Tensor &t) {
        return t.size(0) == q.size(0) && t.size(1) == q.size(1) && t.size(2) == k.size(2)
            && t.size(3) == dim && t.stride(3) == 1 && t.stride(2) == dim;
    };
    return plainCpuFloats({ &q, &k, &v }) && dim % Lanes == 0 && dim >= Lanes
        && dim <= MostChunks * Lanes && k.size(2) > 0 && q.size(2) > 0 && cacheLayout(k)
        && cacheLayout(v);
}

// attendKeysSoFar as the profiler's operator `name`; checked by the caller.
torch::Tensor attendProfiledAs(
    const char *name, const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v)
{
#ifdef KW_FEW_ROWS_KERNEL
    RECORD_FUNCTION(name, std::vector<c10::IValue>());
    return attendKeysSoFar(q, k, v);
#else
    (void)q;
    (void)k;
    (void)v;
    throw std::logic_error(std::string(name) + ": no kernel in this build");
#endif
}

} // namespace

bool usesOneQueryKernel(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v)
{
    return attentionKernelTakes(q, k, v) && q.size(2) == 1;
}

torch::Tensor attendOneQuery(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v)
{
    TORCH_CHECK(usesOneQueryKernel(q, k, v), "attendOneQuery: not a shape or machine it runs on");
    return attendProfiledAs(OneQueryKernelName, q, k, v);
}

bool usesCausalKernel(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v)
{
    return attentionKernelTakes(q, k, v) && k.size(2) == q.size(2);
}

torch::Tensor attendCausally(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v)
{
    TORCH_CHECK(usesCausalKernel(q, k, v), "attendCausally: not a shape or machine it runs on");
    return attendProfiledAs(CausalKernelName, q, k, v);
}

bool usesRowKernels(std::initializer_list<const torch::Tensor *> tensors)
{
    if (!plainCpuFloats(tensors))
        return false;
    for (const torch::Tensor *t : tensors)
        if (t->dim() == 0 || t->stride(-1) != 1)
            return false;
    return true;
}

bool usesRmsNormKernel(const torch::Tensor &x, const torch::Tensor &weight)
{
    return usesRowKernels({ &x, &weight }) && x.is_contiguous() && weight.dim() == 1
        && weight.size(0) == x.size(-1) && x.size(-1) > 0;
}

torch::Tensor rmsNorm(const torch::Tensor &x, const torch::Tensor &weight, double eps)
{
    TORCH_CHECK(usesRmsNormKernel(x, weight), "rmsNorm: not a tensor it runs on");
    RECORD_FUNCTION(RmsNormKernelName, std::vector<c10::IValue>());
    const int64_t width = x.size(-1);
    const int64_t rows = x.numel() / width;
    torch::Tensor out = torch::empty_like(x);
    const float *in = x.data_ptr<float>();
    const float *scale = weight.data_ptr<float>();
    float *result = out.data_ptr<float>();
    const float epsilon = float(eps);
    runInParts(rows, 256, [&](int64_t begin, int64_t end) {
        for (int64_t r = begin; r < end; ++r) {
            const float *row = in + r * width;
            // The sum of squares in double: within float rounding of libtorch's float sum.
            double squares = 0;
            for (int64_t j = 0; j < width; ++j)
                squares += double(row[j]) * row[j];
            const float inverse = 1.0f / std::sqrt(float(squares / double(width)) + epsilon);
            float *target = result + r * width;
            for (int64_t j = 0; j < width; ++j)
                target[j] = (row[j] * inverse) * scale[j];
        }
    });
    return out;
}

bool usesRotaryKernel(const torch::Tensor &qkv, const torch::Tensor &cos, const torch::Tensor &sin)
{
    return usesRowKernels({ &qkv, &cos, &sin }) && qkv.dim() == 5 && qkv.is_contiguous()
        && qkv.size(2) == 3 && qkv.size(4) % 2 == 0 && cos.is_contiguous() && sin.is_contiguous()
        && cos.sizes() == sin.sizes() && cos.dim() == 2 && cos.size(0) == qkv.size(1)
        && cos.size(1) == qkv.size(4);
}

void rotateIntoHeads(const torch::Tensor &qkv, const torch::Tensor &cos, const torch::Tensor &sin,
    const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v)
{
    TORCH_CHECK(usesRotaryKernel(qkv, cos, sin), "rotateIntoHeads: not a tensor it runs on");
    RECORD_FUNCTION(RotaryKernelName, std::vector<c10::IValue>());
    const int64_t batch = qkv.size(0);
    const int64_t count = qkv.size(1);
    const int64_t heads = qkv.size(3);
    const int64_t dim = qkv.size(4);
    const int64_t half = dim / 2;
    for (const torch::Tensor *head : { &q, &k, &v })
        TORCH_CHECK(usesRowKernels({ head })
                && head->sizes() == torch::IntArrayRef({ batch, heads, count, dim }),
            "rotateIntoHeads: a destination is not [B, H, T, D] float rows");
    const float *source = qkv.data_ptr<float>();
    const float *cosines = cos.data_ptr<float>();
    const float *sines = sin.data_ptr<float>();
    const auto at = [](const torch::Tensor &t, int64_t b, int64_t h, int64_t position) {
        return t.data_ptr<float>() + b * t.stride(0) + h * t.stride(1) + position * t.stride(2);
    };
    // x * cos + rotate_half(x) * sin, rotate_half(x) = [-x2, x1]: libtorch's operators' values.
    const auto rotate = [&](const float *x, const float *c, const float *s, float *target) {
        for (int64_t j = 0; j < half; ++j)
            target[j] = x[j] * c[j] - x[j + half] * s[j];
        for (int64_t j = half; j < dim; ++j)
            target[j] = x[j] * c[j] + x[j - half] * s[j];
    };
    runInParts(batch * count, 64, [&](int64_t begin, int64_t end) {
        for (int64_t row = begin; row < end; ++row) {
            const int64_t b = row / count;
            const int64_t position = row % count;
            const float *c = cosines + position * dim;
            const float *s = sines + position * dim;
            const float *projected = source + row * 3 * heads * dim; // q, then k, then v
            for (int64_t h = 0; h < heads; ++h) {
                rotate(projected + h * dim, c, s, at(q, b, h, position));
                rotate(projected + (heads + h) * dim, c, s, at(k, b, h, position));
                std::copy_n(projected + (2 * heads + h) * dim, dim, at(v, b, h, position));
            }
        }
    });
}

} // namespace kronos
