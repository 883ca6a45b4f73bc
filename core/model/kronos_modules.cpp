#include "model/kronos_modules.h"

#include <ATen/CPUGeneratorImpl.h>
#include <cmath>
#include <limits>
#include <torch/version.h>

namespace kronos {
namespace {

// [B, T, C] -> [B, H, T, D]
torch::Tensor splitHeads(const torch::Tensor &x, int64_t heads, int64_t headDim)
{
    return x.view({ x.size(0), x.size(1), heads, headDim }).transpose(1, 2);
}

// [B, H, T, D] -> [B, T, C]
torch::Tensor mergeHeads(const torch::Tensor &x)
{
    return x.transpose(1, 2).contiguous().view({ x.size(0), x.size(2), x.size(1) * x.size(3) });
}

torch::Tensor rotateHalf(const torch::Tensor &x)
{
    const auto halves = x.chunk(2, -1);
    return torch::cat({ -halves[1], halves[0] }, -1);
}

// x: [B, T, ..., D] with tables [T, D] for its T positions.
torch::Tensor applyRotary(const torch::Tensor &x, const RotaryTables &rotary)
{
    std::vector<int64_t> shape(size_t(x.dim() - 1), 1); // [T, 1, ..., D]
    shape.front() = x.size(1);
    shape.back() = x.size(-1);
    return x * rotary.cos.view(shape) + rotateHalf(x) * rotary.sin.view(shape);
}

// Scaled dot-product attention. q: [B, H, T, D], k/v: [B, H, S, D] -> [B, H, T, D].
#if TORCH_VERSION_MAJOR >= 2
// libtorch 2.x's fused kernel (flash attention on the CPU: blocked, the masked half of a causal
// square skipped, no [T, S] scores in memory).
torch::Tensor libraryAttention(const torch::Tensor &q, const torch::Tensor &k,
    const torch::Tensor &v, const AttentionPattern &pattern)
{
    return at::scaled_dot_product_attention(q, k, v, {}, 0.0, pattern.causal);
}
#else
// Causal (S == T): one series at a time, so the scores of a long window stay small and in cache;
// the mask and the scale ride on the score GEMM (baddbmm: mask + scale x q k^T, which rounds
// exactly as scaling the product does). Otherwise one batched product over all keys.
torch::Tensor libraryAttention(const torch::Tensor &q, const torch::Tensor &k,
    const torch::Tensor &v, const AttentionPattern &pattern)
{
    const double scale = 1.0 / std::sqrt(double(q.size(3)));
    if (!pattern.causal) {
        torch::Tensor scores = torch::matmul(q, k.transpose(-2, -1)); // [B, H, T, S]
        scores.mul_(scale);
        return torch::matmul(torch::softmax(scores, -1), v);
    }
    const int64_t heads = q.size(1);
    const int64_t count = q.size(2);
    torch::Tensor out = torch::empty({ q.size(0), heads, count, v.size(3) }, q.options());
    torch::Tensor scores = torch::empty({ heads, count, count }, q.options());
    torch::Tensor weights = torch::empty_like(scores);
    for (int64_t b = 0; b < q.size(0); ++b) {
        at::baddbmm_out(scores, pattern.additiveMask, q[b], k[b].transpose(1, 2), 1, scale);
        at::_softmax_out(weights, scores, -1, false);
        torch::Tensor series = out[b]; // [H, T, D]
        at::bmm_out(series, weights, v[b]);
    }
    return out;
}
#endif

// A cached step's single query and a whole window's causal pass take the CPU kernels where
// they run (cpu_kernels.h).
torch::Tensor attention(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v,
    const AttentionPattern &pattern)
{
    if (!pattern.causal && usesOneQueryKernel(q, k, v))
        return attendOneQuery(q, k, v);
    if (pattern.causal && usesCausalKernel(q, k, v))
        return attendCausally(q, k, v);
    return libraryAttention(q, k, v, pattern);
}

class FixedEmbeddingImpl : public torch::nn::Module
{
public:
    FixedEmbeddingImpl(int64_t size, int64_t dModel)
    {
        emb = register_module("emb", UnfilledEmbedding(size, dModel));
    }
    UnfilledEmbedding emb { nullptr };
};
TORCH_MODULE(FixedEmbedding);

} // namespace

void fillRandomly(torch::nn::Module &module, uint64_t seed)
{
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    torch::NoGradGuard noGrad;
    for (auto &item : module.named_parameters()) {
        const std::string &name = item.key();
        torch::Tensor &parameter = item.value();
        const bool isNorm = parameter.dim() == 1 && name.find("norm") != std::string::npos;
        if (isNorm)
            parameter.fill_(1.0);
        else if (parameter.dim() == 1)
            parameter.zero_();
        else if (name.find("emb") != std::string::npos)
            parameter.normal_(0.0, 1.0 / std::sqrt(double(parameter.size(1))), generator);
        else
            parameter.normal_(
                0.0, std::sqrt(2.0 / double(parameter.size(0) + parameter.size(1))), generator);
    }
}

UnfilledLinearImpl::UnfilledLinearImpl(int64_t in, int64_t out, bool withBias)
{
    weight = register_parameter("weight", torch::empty({ out, in }));
    if (withBias)
        bias = register_parameter("bias", torch::empty({ out }));
}

UnfilledEmbeddingImpl::UnfilledEmbeddingImpl(int64_t size, int64_t dim)
{
    weight = register_parameter("weight", torch::empty({ size, dim }));
}

RotaryTables makeRotaryTables(
    int64_t headDim, int64_t firstPosition, int64_t count, const torch::Device &device)
{
    const auto floats = torch::TensorOptions().dtype(torch::kFloat32).device(device);
    const torch::Tensor invFreq
        = 1.0 / torch::pow(10000.0, torch::arange(0, headDim, 2, floats) / double(headDim));
    const torch::Tensor positions = torch::arange(firstPosition, firstPosition + count, floats);
    const torch::Tensor freqs = torch::outer(positions, invFreq); // [T, D / 2]
    const torch::Tensor angles = torch::cat({ freqs, freqs }, -1); // [T, D]
    return { angles.cos(), angles.sin() };
}

RotaryTables RotaryTables::narrow(int64_t first, int64_t count) const
{
    return { cos.narrow(0, first, count), sin.narrow(0, first, count) };
}

AttentionPattern AttentionPattern::causalOver(
    int64_t count, [[maybe_unused]] const torch::Device &device)
{
    if (count == 1)
        return allKeys();
#if TORCH_VERSION_MAJOR >= 2
    return { true, {} }; // the fused kernel masks by itself
#else
    const auto floats = torch::TensorOptions().dtype(torch::kFloat32).device(device);
    return { true,
        torch::full({ count, count }, -std::numeric_limits<float>::infinity(), floats).triu(1) };
#endif
}

void FusedProjections::fuseAll(torch::nn::Module &root)
{
    for (const auto &module : root.modules())
        if (auto *fused = dynamic_cast<FusedProjections *>(module.get()))
            fused->fuseProjections();
}

void FusedProjections::stack(torch::Tensor &fused, const std::vector<torch::Tensor *> &parts)
{
    const int64_t rows = parts.front()->size(0);
    bool already = fused.defined() && fused.device() == parts.front()->device();
    for (size_t i = 0; already && i < parts.size(); ++i)
        already = parts[i]->data_ptr() == fused.narrow(0, int64_t(i) * rows, rows).data_ptr();
    if (already)
        return;
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> values;
    for (const torch::Tensor *part : parts)
        values.push_back(*part);
    fused = torch::cat(values);
    for (size_t i = 0; i < parts.size(); ++i)
        parts[i]->set_data(fused.narrow(0, int64_t(i) * rows, rows));
}

RMSNormImpl::RMSNormImpl(int64_t dim)
{
    weight = register_parameter("weight", torch::ones({ dim }));
}

torch::Tensor RMSNormImpl::forward(const torch::Tensor &x)
{
    // Float32 throughout (upstream computes the norm in float32; these weights are float32).
    constexpr double Epsilon = 1e-5;
    if (usesRmsNormKernel(x, weight))
        return rmsNorm(x, weight, Epsilon);
    torch::Tensor normed = x * torch::rsqrt((x * x).mean(-1, true) + Epsilon);
    return normed.mul_(weight);
}

FeedForwardImpl::FeedForwardImpl(int64_t dModel, int64_t ffDim)
{
    w1 = register_module("w1", UnfilledLinear(dModel, ffDim, false));
    w3 = register_module("w3", UnfilledLinear(dModel, ffDim, false));
    w2 = register_module("w2", UnfilledLinear(ffDim, dModel, false));
    fuseProjections();
}

void FeedForwardImpl::fuseProjections()
{
    stack(m_w13, { &w1->weight, &w3->weight });
}

torch::Tensor FeedForwardImpl::forward(const torch::Tensor &x)
{
    const int64_t ffDim = w1->weight.size(0);
    const torch::Tensor both = applyLinear(x, m_w13); // [B, T, 2F]: w1(x), then w3(x)
    torch::Tensor gate = both.narrow(-1, 0, ffDim);
    torch::silu_(gate);
    return w2(gate.mul_(both.narrow(-1, ffDim, ffDim)));
}

AttentionProjections::AttentionProjections(int64_t dModel, int64_t heads)
    : nHeads(heads)
    , headDim(dModel / heads)
{
    q_proj = register_module("q_proj", UnfilledLinear(dModel, dModel));
    k_proj = register_module("k_proj", UnfilledLinear(dModel, dModel));
    v_proj = register_module("v_proj", UnfilledLinear(dModel, dModel));
    out_proj = register_module("out_proj", UnfilledLinear(dModel, dModel));
    fuseProjections();
}

void AttentionProjections::fuseProjections()
{
    stack(m_qkvWeight, { &q_proj->weight, &k_proj->weight, &v_proj->weight });
    stack(m_qkvBias, { &q_proj->bias, &k_proj->bias, &v_proj->bias });
}

torch::Tensor SelfAttentionImpl::forward(const torch::Tensor &x, const RotaryTables &rotary,
    const AttentionPattern &pattern, AttentionCache *cache)
{
    const int64_t batch = x.size(0);
    const int64_t count = x.size(1);
    const torch::Tensor qkv = applyLinear(x, m_qkvWeight, m_qkvBias)
                                  .view({ batch, count, 3, nHeads, headDim }); // [B, T, 3, H, D]
    torch::Tensor q, k, v; // [B, H, T, D]
    if (usesRotaryKernel(qkv, rotary.cos, rotary.sin)) {
        // One pass: k and v straight into the cache's next positions.
        q = torch::empty({ batch, nHeads, count, headDim }, x.options());
        k = cache ? cache->keys.narrow(2, cache->length, count) : torch::empty_like(q);
        v = cache ? cache->values.narrow(2, cache->length, count) : torch::empty_like(q);
        rotateIntoHeads(qkv, rotary.cos, rotary.sin, q, k, v);
    } else {
        const torch::Tensor rotated = applyRotary(qkv.narrow(2, 0, 2), rotary); // [B, T, 2, H, D]
        q = rotated.select(2, 0).transpose(1, 2);
        k = rotated.select(2, 1).transpose(1, 2);
        v = qkv.select(2, 2).transpose(1, 2);
        if (cache) {
            cache->keys.narrow(2, cache->length, count).copy_(k);
            cache->values.narrow(2, cache->length, count).copy_(v);
        }
    }
    if (cache) {
        cache->length += count;
        k = cache->keys.narrow(2, 0, cache->length); // [B, H, S, D]
        v = cache->values.narrow(2, 0, cache->length);
    }
    return out_proj(mergeHeads(attention(q, k, v, pattern)));
}

AttentionCache SelfAttentionImpl::makeCache(
    int64_t batch, int64_t capacity, const torch::Device &device) const
{
    const auto options = torch::TensorOptions().dtype(torch::kFloat32).device(device);
    return { torch::empty({ batch, nHeads, capacity, headDim }, options),
        torch::empty({ batch, nHeads, capacity, headDim }, options), 0 };
}

TransformerBlockImpl::TransformerBlockImpl(int64_t dModel, int64_t heads, int64_t ffDim)
{
    norm1 = register_module("norm1", RMSNorm(dModel));
    self_attn = register_module("self_attn", SelfAttention(dModel, heads));
    norm2 = register_module("norm2", RMSNorm(dModel));
    ffn = register_module("ffn", FeedForward(dModel, ffDim));
}

torch::Tensor TransformerBlockImpl::forward(const torch::Tensor &x, const RotaryTables &rotary,
    const AttentionPattern &pattern, AttentionCache *cache)
{
    const torch::Tensor attended = x + self_attn(norm1(x), rotary, pattern, cache);
    return attended + ffn(norm2(attended));
}

KronosTokenizerImpl::KronosTokenizerImpl(const TokenizerConfig &tokenizerConfig)
    : config(tokenizerConfig)
{
    const int64_t codebookDim = config.s1Bits + config.s2Bits;
    embed = register_module("embed", UnfilledLinear(config.dIn, config.dModel));
    head = register_module("head", UnfilledLinear(config.dModel, config.dIn));
    encoder = register_module("encoder", torch::nn::ModuleList());
    for (int64_t i = 0; i < config.nEncLayers - 1; ++i)
        encoder->push_back(TransformerBlock(config.dModel, config.nHeads, config.ffDim));
    decoder = register_module("decoder", torch::nn::ModuleList());
    for (int64_t i = 0; i < config.nDecLayers - 1; ++i)
        decoder->push_back(TransformerBlock(config.dModel, config.nHeads, config.ffDim));
    quant_embed = register_module("quant_embed", UnfilledLinear(config.dModel, codebookDim));
    // Used only by upstream's training objective; registered so its published weights load.
    post_quant_embed_pre
        = register_module("post_quant_embed_pre", UnfilledLinear(config.s1Bits, config.dModel));
    post_quant_embed
        = register_module("post_quant_embed", UnfilledLinear(codebookDim, config.dModel));
}

torch::Tensor KronosTokenizerImpl::runBlocks(
    torch::nn::ModuleList &blocks, torch::Tensor z, const BlockCallback &afterBlock)
{
    const RotaryTables rotary
        = makeRotaryTables(config.dModel / config.nHeads, 0, z.size(1), z.device());
    const AttentionPattern pattern = AttentionPattern::causalOver(z.size(1), z.device());
    for (const auto &block : *blocks) {
        z = block->as<TransformerBlockImpl>()->forward(z, rotary, pattern, nullptr);
        if (afterBlock)
            afterBlock();
    }
    return z;
}

std::pair<torch::Tensor, torch::Tensor> KronosTokenizerImpl::encode(
    const torch::Tensor &x, const BlockCallback &afterBlock)
{
    // Upstream L2-normalizes before taking signs; normalizing never changes a sign, so the bits
    // come straight from the projection: bit i set when component i > 0, weighted 2^i.
    const torch::Tensor z
        = quant_embed(runBlocks(encoder, embed(x), afterBlock)); // [B, T, s1 + s2]
    const torch::Tensor bits = (z > 0).to(torch::kInt64);
    const torch::Tensor weights = torch::pow(2,
        torch::arange(
            config.s1Bits, torch::TensorOptions().dtype(torch::kInt64).device(x.device())));
    const torch::Tensor s1 = (bits.narrow(-1, 0, config.s1Bits) * weights).sum(-1);
    const torch::Tensor s2 = (bits.narrow(-1, config.s1Bits, config.s2Bits) * weights).sum(-1);
    return { s1, s2 };
}

torch::Tensor KronosTokenizerImpl::decode(const torch::Tensor &s1, const torch::Tensor &s2)
{
    const int64_t codebookDim = config.s1Bits + config.s2Bits;
    const torch::Tensor masks = torch::pow(2,
        torch::arange(
            config.s1Bits, torch::TensorOptions().dtype(torch::kInt64).device(s1.device())));
    const torch::Tensor bits = torch::cat({ torch::bitwise_and(s1.unsqueeze(-1), masks).ne(0),
                                              torch::bitwise_and(s2.unsqueeze(-1), masks).ne(0) },
        -1); // [B, T, s1 + s2]
    const torch::Tensor codes
        = (bits.to(torch::kFloat32) * 2 - 1) * (1.0 / std::sqrt(double(codebookDim)));
    return head(runBlocks(decoder, post_quant_embed(codes)));
}

TemporalEmbeddingImpl::TemporalEmbeddingImpl(int64_t dModel, bool learned)
{
    m_tables = { addTable("minute_embed", 60, dModel, learned),
        addTable("hour_embed", 24, dModel, learned), addTable("weekday_embed", 7, dModel, learned),
        addTable("day_embed", 32, dModel, learned), addTable("month_embed", 13, dModel, learned) };
}

UnfilledEmbedding TemporalEmbeddingImpl::addTable(
    const char *name, int64_t size, int64_t dModel, bool learned)
{
    if (learned)
        return register_module(name, UnfilledEmbedding(size, dModel));
    // Upstream's FixedEmbedding wraps its sinusoid table in an `emb` submodule.
    return register_module(name, FixedEmbedding(size, dModel))->emb;
}

torch::Tensor TemporalEmbeddingImpl::forward(const torch::Tensor &stamps)
{
    const auto column = [&](int index) { return m_tables[index](stamps.select(-1, index)); };
    // Summed in upstream's order (hour, weekday, day, month, minute) for bit-identical floats.
    return column(1) + column(2) + column(3) + column(4) + column(0);
}

HierarchicalEmbeddingImpl::HierarchicalEmbeddingImpl(int64_t s1Bits, int64_t s2Bits, int64_t dModel)
    : scale(std::sqrt(double(dModel)))
{
    emb_s1 = register_module("emb_s1", UnfilledEmbedding(int64_t(1) << s1Bits, dModel));
    emb_s2 = register_module("emb_s2", UnfilledEmbedding(int64_t(1) << s2Bits, dModel));
    fusion_proj = register_module("fusion_proj", UnfilledLinear(2 * dModel, dModel));
}

torch::Tensor HierarchicalEmbeddingImpl::forward(const torch::Tensor &s1, const torch::Tensor &s2)
{
    return fusion_proj(torch::cat({ emb_s1(s1) * scale, emb_s2(s2) * scale }, -1));
}

std::pair<torch::Tensor, torch::Tensor> CrossAttentionImpl::keysValues(const torch::Tensor &context)
{
    const int64_t dModel = nHeads * headDim;
    const torch::Tensor both = applyLinear(context, m_qkvWeight.narrow(0, dModel, 2 * dModel),
        m_qkvBias.narrow(0, dModel, 2 * dModel)); // [B, T, 2C]: keys, then values
    return { splitHeads(both.narrow(-1, 0, dModel), nHeads, headDim),
        splitHeads(both.narrow(-1, dModel, dModel), nHeads, headDim) };
}

torch::Tensor CrossAttentionImpl::attend(
    const torch::Tensor &query, const torch::Tensor &keys, const torch::Tensor &values)
{
    // Upstream rotates with tables sized by the query length; a single query gets position 0's
    // rotation (cos 1, sin 0) on query and keys alike, so no rotation is applied at all.
    const torch::Tensor q = splitHeads(q_proj(query), nHeads, headDim); // [B, H, 1, D]
    return out_proj(mergeHeads(attention(q, keys, values, AttentionPattern::allKeys())));
}

DependencyAwareLayerImpl::DependencyAwareLayerImpl(int64_t dModel)
{
    cross_attn = register_module("cross_attn", CrossAttention(dModel, DependencyLayerHeads));
    norm = register_module("norm", RMSNorm(dModel));
}

DualHeadImpl::DualHeadImpl(int64_t s1Bits, int64_t s2Bits, int64_t dModel)
{
    proj_s1 = register_module("proj_s1", UnfilledLinear(dModel, int64_t(1) << s1Bits));
    proj_s2 = register_module("proj_s2", UnfilledLinear(dModel, int64_t(1) << s2Bits));
}

KronosPredictorImpl::KronosPredictorImpl(const PredictorConfig &predictorConfig)
    : config(predictorConfig)
{
    embedding = register_module(
        "embedding", HierarchicalEmbedding(config.s1Bits, config.s2Bits, config.dModel));
    time_emb = register_module("time_emb", TemporalEmbedding(config.dModel, config.learnTe));
    transformer = register_module("transformer", torch::nn::ModuleList());
    for (int64_t i = 0; i < config.nLayers; ++i)
        transformer->push_back(TransformerBlock(config.dModel, config.nHeads, config.ffDim));
    norm = register_module("norm", RMSNorm(config.dModel));
    dep_layer = register_module("dep_layer", DependencyAwareLayer(config.dModel));
    head = register_module("head", DualHead(config.s1Bits, config.s2Bits, config.dModel));
}

torch::Tensor KronosPredictorImpl::forwardWindow(const torch::Tensor &s1, const torch::Tensor &s2,
    const torch::Tensor &stamps, const RotaryTables &rotary, std::vector<AttentionCache> *caches,
    const BlockCallback &afterBlock)
{
    torch::Tensor x = embedding(s1, s2) + time_emb(stamps); // [B, T, C]
    const AttentionPattern pattern = AttentionPattern::causalOver(s1.size(1), s1.device());
    for (size_t i = 0; i < transformer->size(); ++i) {
        x = transformer[i]->as<TransformerBlockImpl>()->forward(
            x, rotary, pattern, caches ? &(*caches)[i] : nullptr);
        if (afterBlock)
            afterBlock();
    }
    return norm(x);
}

torch::Tensor KronosPredictorImpl::s1Logits(const torch::Tensor &lastHidden)
{
    return head->proj_s1(lastHidden);
}

torch::Tensor KronosPredictorImpl::s2Logits(const torch::Tensor &lastHidden,
    const torch::Tensor &sampledS1, const torch::Tensor &depKeys, const torch::Tensor &depValues)
{
    const torch::Tensor sibling = embedding->emb_s1(sampledS1).unsqueeze(1); // [B, 1, C], no scale
    const torch::Tensor attended = dep_layer->cross_attn->attend(sibling, depKeys, depValues);
    // Upstream adds the attention output to every position and reads the last one.
    return head->proj_s2(dep_layer->norm(lastHidden + attended.squeeze(1)));
}

std::vector<AttentionCache> KronosPredictorImpl::makeCaches(
    int64_t batch, int64_t capacity, const torch::Device &device) const
{
    std::vector<AttentionCache> caches;
    for (const auto &block : *transformer)
        caches.push_back(
            block->as<TransformerBlockImpl>()->self_attn->makeCache(batch, capacity, device));
    return caches;
}

} // namespace kronos
