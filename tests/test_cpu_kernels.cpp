// The model's CPU kernels (cpu_kernels.h): libtorch's results where they run — a row's outputs
// the same whatever rows come with it — and libtorch's path where they do not.

#include "inference/op_profile.h"
#include "model/cpu_kernels.h"
#include "model/kronos_modules.h"

#include <QtTest>
#include <limits>
#include <torch/torch.h>

using namespace kronos;

namespace {

// Largest |a - b| / (1 + |b|): float rounding of sums of a few hundred products stays near 1e-6.
double largestDifference(const torch::Tensor &a, const torch::Tensor &b)
{
    return ((a - b).abs() / (b.abs() + 1)).max().item<double>();
}

// softmax(q k^T / sqrt(D) + mask) v through libtorch's operators (mask undefined: none).
torch::Tensor referenceAttention(const torch::Tensor &q, const torch::Tensor &k,
    const torch::Tensor &v, const torch::Tensor &mask = {})
{
    torch::Tensor scores = torch::matmul(q, k.transpose(-2, -1)) / std::sqrt(double(q.size(3)));
    if (mask.defined())
        scores = scores + mask;
    return torch::matmul(torch::softmax(scores, -1), v);
}

using AttentionKernel
    = torch::Tensor (*)(const torch::Tensor &, const torch::Tensor &, const torch::Tensor &);

// Empty when attend(q, k, v) has q's shape, matches `expected` within float rounding and gives
// series 1 attended alone its rows bit for bit (a series' result does not depend on the others);
// otherwise what differs.
QString attentionMismatch(AttentionKernel attend, const torch::Tensor &q, const torch::Tensor &k,
    const torch::Tensor &v, const torch::Tensor &expected)
{
    const torch::Tensor result = attend(q, k, v);
    if (result.sizes() != q.sizes())
        return QStringLiteral("not q's shape");
    const double difference = largestDifference(result, expected);
    if (!(difference < 1e-5))
        return QStringLiteral("largest difference %1").arg(difference);
    const auto second = [](const torch::Tensor &t) { return t.narrow(0, 1, 1); };
    if (!torch::equal(attend(second(q), second(k), second(v)), second(result)))
        return QStringLiteral("series 1 alone differs from series 1 in the batch");
    return {};
}

} // namespace

class TestCpuKernels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::manual_seed(11); }

    void givesLibtorchsLinear_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("out");
        QTest::addColumn<bool>("withBias");
        QTest::addColumn<bool>("kernel"); // where the kernel is available
        QTest::newRow("a decode step's q, k, v") << 12 << 512 << 1536 << true << true;
        QTest::newRow("one series, no bias") << 1 << 512 << 2048 << false << true;
        QTest::newRow("rows past a block of 6") << 13 << 1024 << 512 << true << true;
        QTest::newRow("a step of 98 series") << 98 << 512 << 512 << false << true;
        QTest::newRow("a prefill: many rows") << 300 << 512 << 512 << true << false;
        QTest::newRow("in not a multiple of 16") << 12 << 40 << 64 << true << false;
        QTest::newRow("out not a multiple of 4") << 12 << 512 << 6 << true << false;
    }

    void givesLibtorchsLinear()
    {
        QFETCH(int, rows);
        QFETCH(int, in);
        QFETCH(int, out);
        QFETCH(bool, withBias);
        QFETCH(bool, kernel);
        torch::NoGradGuard noGrad;
        const torch::Tensor x = torch::randn({ rows, 1, in }); // [series, one step, features]
        const torch::Tensor weight = torch::randn({ out, in }) / std::sqrt(double(in));
        const torch::Tensor bias = withBias ? torch::randn({ out }) : torch::Tensor();
        QCOMPARE(usesFewRowsKernel(x, weight, bias), kernel && fewRowsKernelAvailable());
        const torch::Tensor result = applyLinear(x, weight, bias);
        QCOMPARE(result.sizes().vec(), (std::vector<int64_t> { rows, 1, out }));
        const double difference = largestDifference(result, torch::linear(x, weight, bias));
        QVERIFY2(difference < 1e-5, qPrintable(QString::number(difference)));
    }

    void aRowsOutputsDoNotDependOnTheOtherRows()
    {
        if (!fewRowsKernelAvailable())
            QSKIP("no AVX-512 here: the BLAS library multiplies, as torch::linear");
        torch::NoGradGuard noGrad;
        const torch::Tensor x = torch::randn({ 12, 512 });
        const torch::Tensor weight = torch::randn({ 1536, 512 });
        const torch::Tensor bias = torch::randn({ 1536 });
        const torch::Tensor all = applyLinear(x, weight, bias);
        for (const auto &[first, count] : { std::pair { 0, 1 }, { 5, 1 }, { 3, 7 }, { 6, 6 } })
            QVERIFY(torch::equal(
                applyLinear(x.narrow(0, first, count), weight, bias), all.narrow(0, first, count)));
    }

    // `kronos-cli bench --profile` splits a stage's time by operator class: the kernel is no
    // libtorch operator, and would otherwise be missing from the decode steps' GEMM time.
    void theProfilerCountsTheKernelAsGemm()
    {
        if (!fewRowsKernelAvailable())
            QSKIP("no AVX-512 here: the BLAS library multiplies, as torch::linear");
        torch::NoGradGuard noGrad;
        const torch::Tensor x = torch::randn({ 12, 1, 512 });
        const torch::Tensor weight = torch::randn({ 512, 512 });
        kronos::OpProfiler profiler;
        for (int call = 0; call < 3; ++call)
            applyLinear(x, weight);
        int gemmCalls = 0;
        for (const kronos::OpClassTime &entry : profiler.finish())
            if (entry.opClass == QLatin1String("GEMM"))
                gemmCalls += entry.calls;
        QCOMPARE(gemmCalls, 3);
    }

    void oneQueryAttentionGivesTheLibrarysAttention_data()
    {
        QTest::addColumn<int>("dim");
        QTest::addColumn<int>("keys");
        QTest::addColumn<double>("queryScale");
        QTest::newRow("Kronos-small's heads, a cache of 300") << 64 << 300 << 1.0;
        QTest::newRow("keys past a block of 4") << 32 << 37 << 1.0;
        QTest::newRow("one key") << 16 << 1 << 1.0;
        // Scores ~100 apart: the kernel's own exponential over its whole range, weights that
        // underflow to zero beside ones near 1.
        QTest::newRow("scores far apart") << 64 << 300 << 40.0;
    }

    // As a cached step calls it: the keys and values narrowed from caches of room for more.
    void oneQueryAttentionGivesTheLibrarysAttention()
    {
        QFETCH(int, dim);
        QFETCH(int, keys);
        QFETCH(double, queryScale);
        if (!fewRowsKernelAvailable())
            QSKIP("no AVX-512 here: the library attends");
        torch::NoGradGuard noGrad;
        const torch::Tensor q = torch::randn({ 3, 4, 1, dim }) * queryScale;
        const torch::Tensor k = torch::randn({ 3, 4, keys + 9, dim }).narrow(2, 0, keys);
        const torch::Tensor v = torch::randn({ 3, 4, keys + 9, dim }).narrow(2, 0, keys);
        QVERIFY(usesOneQueryKernel(q, k, v));
        const QString mismatch
            = attentionMismatch(attendOneQuery, q, k, v, referenceAttention(q, k, v));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    // Values one-hot by key: the output is the softmax weights themselves, so the kernel's own
    // exponential is held to libtorch's within a few float roundings over scores far apart.
    void oneQueryAttentionWeighsByLibtorchsSoftmax()
    {
        if (!fewRowsKernelAvailable())
            QSKIP("no AVX-512 here: the library attends");
        torch::NoGradGuard noGrad;
        const int64_t keys = 64;
        // Small integers: every score is exact in both, only the softmax can differ.
        const torch::Tensor q = torch::randint(-60, 61, { 2, 8, 1, keys }, torch::kFloat32);
        const torch::Tensor k = torch::randint(-3, 4, { 2, 8, keys, keys }, torch::kFloat32);
        const torch::Tensor v = torch::eye(keys).expand({ 2, 8, keys, keys }).contiguous();
        const torch::Tensor expected
            = torch::softmax(torch::matmul(q, k.transpose(-2, -1)) / std::sqrt(double(keys)), -1);
        const torch::Tensor weights = attendOneQuery(q, k, v);
        const double relative
            = ((weights - expected).abs() / (expected + 1e-30)).max().item<double>();
        QVERIFY2(relative < 2e-6, qPrintable(QString::number(relative)));
        QVERIFY(expected.min().item<float>() < 1e-30f); // some weights did underflow
    }

    void causalAttentionGivesTheLibrarysAttention_data()
    {
        QTest::addColumn<int>("dim");
        QTest::addColumn<int>("count");
        QTest::newRow("Kronos-small's heads, a window of 252") << 64 << 252;
        QTest::newRow("the tokenizer's narrow heads, 37 positions") << 16 << 37;
        QTest::newRow("one position") << 32 << 1;
    }

    // As a prefill calls it: q from the rotary kernel, keys and values the first T positions of
    // caches with room for more. Query t sees keys 0 .. t.
    void causalAttentionGivesTheLibrarysAttention()
    {
        QFETCH(int, dim);
        QFETCH(int, count);
        if (!fewRowsKernelAvailable())
            QSKIP("no AVX-512 here: the library attends");
        torch::NoGradGuard noGrad;
        const torch::Tensor q = torch::randn({ 3, 4, count, dim });
        const torch::Tensor k = torch::randn({ 3, 4, count + 9, dim }).narrow(2, 0, count);
        const torch::Tensor v = torch::randn({ 3, 4, count + 9, dim }).narrow(2, 0, count);
        QVERIFY(usesCausalKernel(q, k, v));
        const torch::Tensor mask
            = torch::full({ count, count }, -std::numeric_limits<float>::infinity()).triu(1);
        const QString mismatch
            = attentionMismatch(attendCausally, q, k, v, referenceAttention(q, k, v, mask));
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        // Merging the heads ([B, T, H * D]) reads the kernel's memory as it is.
        QVERIFY(attendCausally(q, k, v).transpose(1, 2).is_contiguous());
    }

    void oneQueryAttentionLeavesOtherShapesToTheLibrary()
    {
        torch::NoGradGuard noGrad;
        const torch::Tensor k = torch::randn({ 2, 4, 10, 64 });
        QVERIFY(!usesOneQueryKernel(torch::randn({ 2, 4, 2, 64 }), k, k)); // two queries
        const torch::Tensor k52 = torch::randn({ 2, 4, 10, 52 }); // Kronos-base's heads
        QVERIFY(!usesOneQueryKernel(torch::randn({ 2, 4, 1, 52 }), k52, k52));
        // Keys split by heads from a [B, S, H * D] projection: one key's floats do not follow the
        // last's.
        const torch::Tensor split = torch::randn({ 2, 10, 4, 64 }).transpose(1, 2);
        QVERIFY(!usesOneQueryKernel(torch::randn({ 2, 4, 1, 64 }), split, split));
        QCOMPARE(usesOneQueryKernel(torch::randn({ 2, 4, 1, 64 }), k, k), fewRowsKernelAvailable());
        QVERIFY_THROWS_EXCEPTION(
            std::exception, attendOneQuery(torch::randn({ 2, 4, 1, 52 }), k52, k52));
        // The causal kernel: a window from position 0 only (as many keys as queries).
        QVERIFY(!usesCausalKernel(torch::randn({ 2, 4, 3, 64 }), k, k));
        QCOMPARE(usesCausalKernel(k, k, k), fewRowsKernelAvailable());
        QVERIFY_THROWS_EXCEPTION(std::exception, attendCausally(k52, k52, k52));
    }

    // As the prefill calls it: 3024 rows (split into parts where threads run them) and a step's 12.
    void rmsNormGivesLibtorchsOperators_data()
    {
        QTest::addColumn<int>("rows");
        QTest::newRow("a chunk's prefill") << 3024;
        QTest::newRow("a step") << 12;
    }

    void rmsNormGivesLibtorchsOperators()
    {
        QFETCH(int, rows);
        torch::NoGradGuard noGrad;
        const torch::Tensor x = torch::randn({ rows, 512 }) * 3;
        const torch::Tensor weight = torch::rand({ 512 }) + 0.5;
        QVERIFY(usesRmsNormKernel(x, weight));
        const torch::Tensor expected = x * torch::rsqrt((x * x).mean(-1, true) + 1e-5) * weight;
        const torch::Tensor result = rmsNorm(x, weight, 1e-5);
        const double difference = largestDifference(result, expected);
        QVERIFY2(difference < 1e-6, qPrintable(QString::number(difference)));
        QVERIFY(torch::equal(rmsNorm(x.narrow(0, 5, 1), weight, 1e-5), result.narrow(0, 5, 1)));
    }

    // q and k of a fused projection rotated as upstream's apply_rotary_pos_emb does, v copied,
    // k and v written into the next positions of a cache of room for more.
    void rotaryKernelGivesLibtorchsRotationIntoTheCache()
    {
        torch::NoGradGuard noGrad;
        const int64_t batch = 3, count = 5, heads = 4, dim = 64, first = 7;
        const torch::Tensor qkv = torch::randn({ batch, count, 3, heads, dim });
        const torch::Tensor angles = torch::rand({ count, dim }) * 6;
        const torch::Tensor cos = angles.cos(), sin = angles.sin();
        QVERIFY(usesRotaryKernel(qkv, cos, sin));
        const torch::Tensor keys = torch::zeros({ batch, heads, 20, dim });
        const torch::Tensor values = torch::zeros({ batch, heads, 20, dim });
        const torch::Tensor q = torch::empty({ batch, heads, count, dim });
        rotateIntoHeads(
            qkv, cos, sin, q, keys.narrow(2, first, count), values.narrow(2, first, count));

        const auto rotated = [&](const torch::Tensor &x) { // [B, T, H, D] -> [B, H, T, D]
            const auto halves = x.chunk(2, -1);
            const torch::Tensor half = torch::cat({ -halves[1], halves[0] }, -1);
            const torch::Tensor c = cos.view({ count, 1, dim }), s = sin.view({ count, 1, dim });
            return (x * c + half * s).transpose(1, 2);
        };
        QVERIFY(largestDifference(q, rotated(qkv.select(2, 0))) < 1e-6);
        QVERIFY(largestDifference(keys.narrow(2, first, count), rotated(qkv.select(2, 1))) < 1e-6);
        QVERIFY(torch::equal(values.narrow(2, first, count), qkv.select(2, 2).transpose(1, 2)));
        // Nothing written outside the positions given.
        const int64_t after = 20 - first - count;
        for (const torch::Tensor &cache : { keys, values }) {
            QVERIFY(torch::equal(
                cache.narrow(2, 0, first), torch::zeros({ batch, heads, first, dim })));
            QVERIFY(torch::equal(
                cache.narrow(2, first + count, after), torch::zeros({ batch, heads, after, dim })));
        }
    }

    // Gradient-tracking or strided inputs take libtorch's operators, which the model then runs.
    void rowKernelsLeaveOtherTensorsToLibtorch()
    {
        const torch::Tensor weight = torch::ones({ 512 }, torch::requires_grad());
        const torch::Tensor x = torch::randn({ 4, 512 });
        QVERIFY(!usesRmsNormKernel(x, weight));
        torch::NoGradGuard noGrad;
        QVERIFY(usesRmsNormKernel(x, weight.detach()));
        QVERIFY(!usesRmsNormKernel(x.t(), torch::ones({ 4 }))); // columns: not contiguous
        const torch::Tensor table = torch::rand({ 5, 64 });
        QVERIFY(!usesRotaryKernel(
            torch::randn({ 2, 5, 3, 4, 64 }), table.t().contiguous().t(), table)); // strided cos
        QVERIFY(!usesRotaryKernel(torch::randn({ 2, 6, 3, 4, 64 }), table, table)); // 6 positions
        QVERIFY_THROWS_EXCEPTION(
            std::exception, rmsNorm(torch::randn({ 4, 512 }).t(), torch::ones({ 4 }), 1e-5));
    }

    // A NaN key makes its pair's output NaN, as libtorch's softmax does, and no other pair's.
    void aNanScoreMakesItsPairNan()
    {
        if (!fewRowsKernelAvailable())
            QSKIP("no AVX-512 here: the library attends");
        torch::NoGradGuard noGrad;
        const torch::Tensor q = torch::randn({ 2, 4, 1, 64 });
        const torch::Tensor k = torch::randn({ 2, 4, 40, 64 });
        const torch::Tensor v = torch::randn({ 2, 4, 40, 64 });
        k[1][2][17][3] = std::numeric_limits<float>::quiet_NaN();
        const torch::Tensor result = attendOneQuery(q, k, v);
        QVERIFY(torch::isnan(result[1][2]).all().item<bool>());
        QCOMPARE(torch::isnan(result).sum().item<int64_t>(), int64_t(64));
        QVERIFY(torch::isnan(referenceAttention(q, k, v)[1][2]).all().item<bool>());
    }

    // A transformer block's prefill and cached step on the kernels give what libtorch's operators
    // give (the path of the Mac's MPS device, of gradient-tracking callers and of other dtypes)
    // and fill the cache alike. The operators' side runs a float64 copy of the block: no kernel
    // takes float64, and nothing is tracked (a graph through the caches' in-place writes
    // outlives the test under LeakSanitizer).
    void aBlockOnTheKernelsGivesWhatLibtorchsOperatorsGive()
    {
        torch::NoGradGuard noGrad;
        TransformerBlock kernels(128, 4, 256);
        fillRandomly(*kernels, 5);
        for (torch::Tensor &parameter : kernels->parameters())
            if (parameter.dim() == 1) // norms' scales and biases other than fillRandomly's 1 and 0
                parameter.normal_(1.0, 0.2);
        TransformerBlock operators(128, 4, 256);
        for (size_t i = 0; i < kernels->parameters().size(); ++i)
            operators->parameters()[i].copy_(kernels->parameters()[i]);
        operators->to(torch::kFloat64);
        FusedProjections::fuseAll(*operators);

        const int64_t series = 3, prefill = 37, capacity = 40;
        // Small inputs: RMSNorm's epsilon is then a visible part of their mean square.
        const torch::Tensor x = 0.01 * torch::randn({ series, prefill + 1, 128 });
        const torch::Tensor doubles = x.to(torch::kFloat64);
        QVERIFY(usesRmsNormKernel(x, kernels->norm1->weight));
        QVERIFY(!usesRmsNormKernel(doubles, operators->norm1->weight));
        const auto linearKernelTakes
            = [](const torch::Tensor &input, const TransformerBlock &block) {
                  return usesFewRowsKernel(input.narrow(1, 0, 1),
                      block->self_attn->out_proj->weight, block->self_attn->out_proj->bias);
              };
        // Where the machine has no AVX-512 only the row kernels are on the float32 side.
        QCOMPARE(linearKernelTakes(x, kernels), fewRowsKernelAvailable());
        QVERIFY(!linearKernelTakes(doubles, operators));
        struct Side
        {
            TransformerBlock block;
            torch::Dtype dtype;
            AttentionCache cache;
        };
        const auto cacheOf = [&](torch::Dtype dtype) {
            const auto options = torch::TensorOptions().dtype(dtype);
            return AttentionCache { torch::zeros({ series, 4, capacity, 32 }, options),
                torch::zeros({ series, 4, capacity, 32 }, options), 0 };
        };
        Side sides[] = { { kernels, torch::kFloat32, cacheOf(torch::kFloat32) },
            { operators, torch::kFloat64, cacheOf(torch::kFloat64) } };
        torch::Tensor whole[2], prefilled[2], step[2];
        for (int i = 0; i < 2; ++i) {
            Side &side = sides[i];
            const auto tables = [&](int64_t first, int64_t count) {
                const RotaryTables rotary = makeRotaryTables(32, first, count, torch::kCPU);
                return RotaryTables { rotary.cos.to(side.dtype), rotary.sin.to(side.dtype) };
            };
            const torch::Tensor input = side.dtype == torch::kFloat64 ? doubles : x;
            whole[i] = side.block->forward(input, tables(0, prefill + 1),
                AttentionPattern::causalOver(prefill + 1, torch::kCPU), nullptr);
            prefilled[i] = side.block->forward(input.narrow(1, 0, prefill), tables(0, prefill),
                AttentionPattern::causalOver(prefill, torch::kCPU), &side.cache);
            step[i] = side.block->forward(input.narrow(1, prefill, 1), tables(prefill, 1),
                AttentionPattern::allKeys(), &side.cache);
        }
        QVERIFY(largestDifference(whole[0], whole[1].to(torch::kFloat32)) < 1e-5);
        QVERIFY(largestDifference(prefilled[0], prefilled[1].to(torch::kFloat32)) < 1e-5);
        QVERIFY(largestDifference(step[0], step[1].to(torch::kFloat32)) < 1e-5);
        // The step with the cache is the whole window's last position.
        QVERIFY(largestDifference(step[0], whole[0].narrow(1, prefill, 1)) < 1e-5);
        QCOMPARE(sides[0].cache.length, prefill + 1);
        QCOMPARE(sides[1].cache.length, prefill + 1);
        QVERIFY(
            largestDifference(sides[0].cache.keys, sides[1].cache.keys.to(torch::kFloat32)) < 1e-5);
        QVERIFY(largestDifference(sides[0].cache.values, sides[1].cache.values.to(torch::kFloat32))
            < 1e-5);
    }

    // A bias libtorch broadcasts (one value for every output) is not the kernel's to read.
    void aBroadcastBiasTakesLibtorchsPath()
    {
        torch::NoGradGuard noGrad;
        const torch::Tensor x = torch::randn({ 4, 512 });
        const torch::Tensor weight = torch::randn({ 512, 512 });
        const torch::Tensor bias = torch::randn({ 1 });
        QVERIFY(!usesFewRowsKernel(x, weight, bias));
        QVERIFY(torch::equal(applyLinear(x, weight, bias), torch::linear(x, weight, bias)));
    }

    void trackedGradientsTakeLibtorchsPath()
    {
        const torch::Tensor x = torch::randn({ 4, 512 });
        const torch::Tensor weight = torch::randn({ 512, 512 }, torch::requires_grad());
        QVERIFY(!usesFewRowsKernel(x, weight));
        applyLinear(x, weight).sum().backward();
        QVERIFY(weight.grad().defined());
        torch::NoGradGuard noGrad;
        QCOMPARE(usesFewRowsKernel(x, weight), fewRowsKernelAvailable());
    }
};

QTEST_GUILESS_MAIN(TestCpuKernels)
#include "test_cpu_kernels.moc"
