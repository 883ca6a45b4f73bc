#include "model/checkpoint_layout.h"

namespace kronos {
namespace {

class LayoutBuilder
{
public:
    void add(const std::string &name, std::vector<int64_t> shape)
    {
        m_layout.push_back({ name, std::move(shape) });
    }

    void linear(const std::string &prefix, int64_t in, int64_t out, bool bias = true)
    {
        add(prefix + ".weight", { out, in });
        if (bias)
            add(prefix + ".bias", { out });
    }

    void attention(const std::string &prefix, int64_t dModel)
    {
        for (const char *projection : { "q_proj", "k_proj", "v_proj", "out_proj" })
            linear(prefix + "." + projection, dModel, dModel);
    }

    // TransformerBlock: norm1, self_attn, norm2, ffn (w1, w3, w2 without bias).
    void block(const std::string &prefix, int64_t dModel, int64_t ffDim)
    {
        add(prefix + ".norm1.weight", { dModel });
        attention(prefix + ".self_attn", dModel);
        add(prefix + ".norm2.weight", { dModel });
        linear(prefix + ".ffn.w1", dModel, ffDim, false);
        linear(prefix + ".ffn.w3", dModel, ffDim, false);
        linear(prefix + ".ffn.w2", ffDim, dModel, false);
    }

    TensorLayout take() { return std::move(m_layout); }

private:
    TensorLayout m_layout;
};

} // namespace

TensorLayout tokenizerLayout(const TokenizerConfig &c)
{
    LayoutBuilder layout;
    const int64_t codebookDim = c.s1Bits + c.s2Bits;
    layout.linear("embed", c.dIn, c.dModel);
    layout.linear("head", c.dModel, c.dIn);
    for (int64_t i = 0; i < c.nEncLayers - 1; ++i)
        layout.block("encoder." + std::to_string(i), c.dModel, c.ffDim);
    for (int64_t i = 0; i < c.nDecLayers - 1; ++i)
        layout.block("decoder." + std::to_string(i), c.dModel, c.ffDim);
    layout.linear("quant_embed", c.dModel, codebookDim);
    layout.linear("post_quant_embed_pre", c.s1Bits, c.dModel);
    layout.linear("post_quant_embed", codebookDim, c.dModel);
    return layout.take();
}

TensorLayout predictorLayout(const PredictorConfig &c)
{
    LayoutBuilder layout;
    layout.add("embedding.emb_s1.weight", { int64_t(1) << c.s1Bits, c.dModel });
    layout.add("embedding.emb_s2.weight", { int64_t(1) << c.s2Bits, c.dModel });
    layout.linear("embedding.fusion_proj", 2 * c.dModel, c.dModel);
    const std::pair<const char *, int64_t> tables[]
        = { { "minute", 60 }, { "hour", 24 }, { "weekday", 7 }, { "day", 32 }, { "month", 13 } };
    for (const auto &[table, size] : tables)
        layout.add(
            std::string("time_emb.") + table + (c.learnTe ? "_embed.weight" : "_embed.emb.weight"),
            { size, c.dModel });
    for (int64_t i = 0; i < c.nLayers; ++i)
        layout.block("transformer." + std::to_string(i), c.dModel, c.ffDim);
    layout.add("norm.weight", { c.dModel });
    layout.attention("dep_layer.cross_attn", c.dModel);
    layout.add("dep_layer.norm.weight", { c.dModel });
    layout.linear("head.proj_s1", c.dModel, int64_t(1) << c.s1Bits);
    layout.linear("head.proj_s2", c.dModel, int64_t(1) << c.s2Bits);
    return layout.take();
}

int64_t elementCount(const TensorLayout &layout)
{
    int64_t count = 0;
    for (const ExpectedTensor &tensor : layout) {
        int64_t elements = 1;
        for (const int64_t size : tensor.shape)
            elements *= size;
        count += elements;
    }
    return count;
}

} // namespace kronos
