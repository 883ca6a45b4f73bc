#pragma once

// The Kronos tokenizer and predictor as libtorch modules. Every registered name equals the
// attribute name in upstream's model/module.py and model/kronos.py, so a published state_dict
// loads by name. Inference only: no dropout, no losses.
//
// Shapes: B batch, T tokens in this call, S keys (cached + new), C d_model, H heads, D head size.

#include "model/kronos_config.h"
#include "model/cpu_kernels.h"

#include <functional>
#include <torch/torch.h>

namespace kronos {

// Called between transformer blocks of a long forward pass, so a caller can stop it (by
// throwing) without waiting for the whole pass. May be empty.
using BlockCallback = std::function<void()>;

// cos/sin of rotary embeddings (base 10000, rotate-half convention) for `count` positions
// starting at `firstPosition`: [T, D] each, computed exactly as upstream's float32 tables.
struct RotaryTables
{
    torch::Tensor cos;
    torch::Tensor sin;

    // The rows of `count` positions from `first` (a view): the same values a table made for
    // those positions alone holds, since each entry is one position times one frequency.
    RotaryTables narrow(int64_t first, int64_t count) const;
};
RotaryTables makeRotaryTables(
    int64_t headDim, int64_t firstPosition, int64_t count, const torch::Device &device);

// Which keys the T queries of one forward pass see, decided once per pass and shared by its
// layers. Causal: T new positions attend to themselves only (query t sees keys 0 .. t), the
// prefill or a full-window pass, where the keys are exactly the T new ones. Otherwise every key:
// one new query (a cached step) or the dependency layer's cross attention.
struct AttentionPattern
{
    bool causal = false;
    // [T, T]: 0 where seen, -inf above the diagonal; causal only, for libtorch 1.x's matmul
    // path (2.x's fused attention masks by itself).
    torch::Tensor additiveMask;

    static AttentionPattern causalOver(int64_t count, const torch::Device &device);
    static AttentionPattern allKeys() { return {}; }
};

// Keys and values of one self-attention layer, preallocated for `capacity` positions.
struct AttentionCache
{
    torch::Tensor keys; // [B, H, capacity, D]
    torch::Tensor values; // [B, H, capacity, D]
    int64_t length = 0; // positions filled
};

// A linear layer and an embedding table (upstream's nn.Linear and nn.Embedding, same parameter
// names) whose parameters are allocated, not initialized: each is then filled, from a checkpoint
// (whose loader requires every parameter) or by fillRandomly(). libtorch's own
// modules draw random values first, which took 0.2 s of each Kronos-small model built.
class UnfilledLinearImpl : public torch::nn::Module
{
public:
    UnfilledLinearImpl(int64_t in, int64_t out, bool withBias = true);
    torch::Tensor forward(const torch::Tensor &x) { return applyLinear(x, weight, bias); }

    torch::Tensor weight; // [out, in]
    torch::Tensor bias; // [out], undefined without
};
TORCH_MODULE(UnfilledLinear);

class UnfilledEmbeddingImpl : public torch::nn::Module
{
public:
    UnfilledEmbeddingImpl(int64_t size, int64_t dim);
    torch::Tensor forward(const torch::Tensor &indices)
    {
        return torch::embedding(weight, indices);
    }

    torch::Tensor weight; // [size, dim]
};
TORCH_MODULE(UnfilledEmbedding);

// Fills every parameter of `module` the way upstream initializes a new model, seeded (random
// weights of a published shape, for benchmarks and control runs): xavier-normal linear weights,
// embeddings N(0, d^-1/2), zero biases, unit norms.
void fillRandomly(torch::nn::Module &module, uint64_t seed);

class RMSNormImpl : public torch::nn::Module
{
public:
    explicit RMSNormImpl(int64_t dim);
    torch::Tensor forward(const torch::Tensor &x);

    torch::Tensor weight;
};
TORCH_MODULE(RMSNorm);

// Modules whose projections run as one GEMM over weights stored side by side. The registered
// parameters (upstream's names, loaded and counted as usual) are views into one matrix.
class FusedProjections
{
public:
    virtual ~FusedProjections() = default;
    // Makes the parameters views into one matrix (copying their values) unless they already
    // are, on their current device. Modules call it when built; call it again after moving a
    // module to another device, which copies each parameter on its own.
    virtual void fuseProjections() = 0;

    // Calls fuseProjections() on every such module in `root`'s tree.
    static void fuseAll(torch::nn::Module &root);

protected:
    // Views `parts` (same shape [N, ...]) as consecutive slices of `fused` ([parts x N, ...]),
    // allocated on the parts' device unless they already are its slices.
    static void stack(torch::Tensor &fused, const std::vector<torch::Tensor *> &parts);
};

class FeedForwardImpl : public torch::nn::Module, public FusedProjections
{
public:
    FeedForwardImpl(int64_t dModel, int64_t ffDim);
    // w2(silu(w1(x)) * w3(x)), with w1 and w3 as one GEMM.
    torch::Tensor forward(const torch::Tensor &x);
    void fuseProjections() override;

    UnfilledLinear w1 { nullptr }, w2 { nullptr }, w3 { nullptr };

private:
    torch::Tensor m_w13; // [2F, C]: w1's rows, then w3's
};
TORCH_MODULE(FeedForward);

// Causal multi-head self-attention with rotary positions. Upstream's MultiHeadAttentionWithRoPE.
// The four projections every Kronos attention has (q_proj, k_proj, v_proj, out_proj, with
// biases) and its head layout; q, k and v are one [3C, C] GEMM.
class AttentionProjections : public torch::nn::Module, public FusedProjections
{
public:
    AttentionProjections(int64_t dModel, int64_t nHeads);
    void fuseProjections() override;

    UnfilledLinear q_proj { nullptr }, k_proj { nullptr }, v_proj { nullptr }, out_proj { nullptr };
    int64_t nHeads;
    int64_t headDim;

protected:
    torch::Tensor m_qkvWeight; // [3C, C]: q_proj's rows, k_proj's, v_proj's
    torch::Tensor m_qkvBias; // [3C]
};

class SelfAttentionImpl : public AttentionProjections
{
public:
    using AttentionProjections::AttentionProjections;

    // x: [B, T, C], rotary tables for the T positions of x. With a cache, the new keys and values
    // are appended and the queries attend to every cached position (a causal pattern needs an
    // empty cache: its T keys are the new ones).
    torch::Tensor forward(const torch::Tensor &x, const RotaryTables &rotary,
        const AttentionPattern &pattern, AttentionCache *cache);

    AttentionCache makeCache(int64_t batch, int64_t capacity, const torch::Device &device) const;
};
TORCH_MODULE(SelfAttention);

class TransformerBlockImpl : public torch::nn::Module
{
public:
    TransformerBlockImpl(int64_t dModel, int64_t nHeads, int64_t ffDim);
    torch::Tensor forward(const torch::Tensor &x, const RotaryTables &rotary,
        const AttentionPattern &pattern, AttentionCache *cache);

    RMSNorm norm1 { nullptr }, norm2 { nullptr };
    SelfAttention self_attn { nullptr };
    FeedForward ffn { nullptr };
};
TORCH_MODULE(TransformerBlock);

// Upstream's KronosTokenizer: OHLCV rows <-> (s1, s2) token pairs through binary spherical
// quantization.
class KronosTokenizerImpl : public torch::nn::Module
{
public:
    explicit KronosTokenizerImpl(const TokenizerConfig &config);

    // x: [B, T, 6] normalized rows -> (s1, s2) int64 [B, T] each.
    std::pair<torch::Tensor, torch::Tensor> encode(
        const torch::Tensor &x, const BlockCallback &afterBlock = {});
    // (s1, s2) [B, T] -> rows [B, T, 6] in normalized space.
    torch::Tensor decode(const torch::Tensor &s1, const torch::Tensor &s2);

    const TokenizerConfig config;
    UnfilledLinear embed { nullptr }, head { nullptr }, quant_embed { nullptr },
        post_quant_embed_pre { nullptr }, post_quant_embed { nullptr };
    torch::nn::ModuleList encoder { nullptr }, decoder { nullptr };

private:
    torch::Tensor runBlocks(
        torch::nn::ModuleList &blocks, torch::Tensor z, const BlockCallback &afterBlock = {});
};
TORCH_MODULE(KronosTokenizer);

// Sum of minute, hour, weekday, day and month embeddings (no year), learned or fixed.
class TemporalEmbeddingImpl : public torch::nn::Module
{
public:
    TemporalEmbeddingImpl(int64_t dModel, bool learned);
    // stamps: [B, T, 5] int64 (minute, hour, weekday with Monday 0, day, month) -> [B, T, C]
    torch::Tensor forward(const torch::Tensor &stamps);

private:
    UnfilledEmbedding addTable(const char *name, int64_t size, int64_t dModel, bool learned);
    std::vector<UnfilledEmbedding> m_tables; // in the stamp's column order
};
TORCH_MODULE(TemporalEmbedding);

class HierarchicalEmbeddingImpl : public torch::nn::Module
{
public:
    HierarchicalEmbeddingImpl(int64_t s1Bits, int64_t s2Bits, int64_t dModel);
    // s1, s2: [B, T] -> fusion_proj(cat(emb_s1(s1) * sqrt(C), emb_s2(s2) * sqrt(C))): [B, T, C]
    torch::Tensor forward(const torch::Tensor &s1, const torch::Tensor &s2);

    UnfilledEmbedding emb_s1 { nullptr }, emb_s2 { nullptr };
    UnfilledLinear fusion_proj { nullptr };
    double scale;
};
TORCH_MODULE(HierarchicalEmbedding);

// The dependency-aware layer's cross attention: a query from the sampled s1 token attends,
// without a causal mask, to every position of the window.
class CrossAttentionImpl : public AttentionProjections
{
public:
    using AttentionProjections::AttentionProjections;
    // context: [B, T, C] -> keys and values [B, H, T, D] each (one GEMM), for appending to a
    // cache.
    std::pair<torch::Tensor, torch::Tensor> keysValues(const torch::Tensor &context);
    // query: [B, 1, C]; keys/values: [B, H, S, D] -> [B, 1, C]
    torch::Tensor attend(
        const torch::Tensor &query, const torch::Tensor &keys, const torch::Tensor &values);
};
TORCH_MODULE(CrossAttention);

class DependencyAwareLayerImpl : public torch::nn::Module
{
public:
    explicit DependencyAwareLayerImpl(int64_t dModel);
    CrossAttention cross_attn { nullptr };
    RMSNorm norm { nullptr };
};
TORCH_MODULE(DependencyAwareLayer);

class DualHeadImpl : public torch::nn::Module
{
public:
    DualHeadImpl(int64_t s1Bits, int64_t s2Bits, int64_t dModel);
    UnfilledLinear proj_s1 { nullptr }, proj_s2 { nullptr };
};
TORCH_MODULE(DualHead);

// Upstream's Kronos predictor, split into the pieces the decoding loop calls.
class KronosPredictorImpl : public torch::nn::Module
{
public:
    explicit KronosPredictorImpl(const PredictorConfig &config);

    // Tokens s1, s2 [B, T] with stamps [B, T, 5] and the rotary tables of their window
    // positions -> the final-normed hidden states [B, T, C]. With caches (one per block), keys
    // and values are appended to them; T > 1 needs empty caches (a prefill).
    torch::Tensor forwardWindow(const torch::Tensor &s1, const torch::Tensor &s2,
        const torch::Tensor &stamps, const RotaryTables &rotary,
        std::vector<AttentionCache> *caches, const BlockCallback &afterBlock = {});
    // hidden: [B, C] at the last position -> s1 logits [B, 2^s1_bits]
    torch::Tensor s1Logits(const torch::Tensor &lastHidden);
    // s2 logits [B, 2^s2_bits] for the sampled s1 [B], given the dependency layer's keys and
    // values over the window and the last position's hidden state [B, C].
    torch::Tensor s2Logits(const torch::Tensor &lastHidden, const torch::Tensor &sampledS1,
        const torch::Tensor &depKeys, const torch::Tensor &depValues);

    std::vector<AttentionCache> makeCaches(
        int64_t batch, int64_t capacity, const torch::Device &device) const;

    const PredictorConfig config;
    HierarchicalEmbedding embedding { nullptr };
    TemporalEmbedding time_emb { nullptr };
    torch::nn::ModuleList transformer { nullptr };
    RMSNorm norm { nullptr };
    DependencyAwareLayer dep_layer { nullptr };
    DualHead head { nullptr };
};
TORCH_MODULE(KronosPredictor);

} // namespace kronos
