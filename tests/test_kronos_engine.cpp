#include "cli/forecast_csv.h"
#include "inference/kronos_engine.h"
#include "inference/token_sampler.h"
#include "model/kronos_modules.h"
#include "model/safetensors_file.h"
#include "test_paths.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>
#include <limits>
#include <torch/torch.h>

using namespace kronos;

namespace {

const QString FixtureRoot = testDataPath("kronos-narrow");

struct FixtureCase
{
    QString name;
    int predLen = 0;
    int maxContext = 0;
    int sampleCount = 1;
    std::vector<SeriesInput> inputs;
    std::vector<std::vector<Candle>> expected;
    torch::Tensor s1; // [series * samples, pred_len]
    torch::Tensor s2;
};

FixtureCase loadCase(const QString &name)
{
    const QDir dir(FixtureRoot + QStringLiteral("/cases/") + name);
    QFile caseFile(dir.filePath(QStringLiteral("case.json")));
    if (!caseFile.open(QIODevice::ReadOnly))
        throw std::runtime_error("missing case.json");
    const QJsonObject json = QJsonDocument::fromJson(caseFile.readAll()).object();
    FixtureCase fixture;
    fixture.name = name;
    fixture.predLen = json.value(QLatin1String("pred_len")).toInt();
    fixture.maxContext = json.value(QLatin1String("max_context")).toInt();
    fixture.sampleCount = json.value(QLatin1String("sample_count")).toInt();
    for (int i = 0;; ++i) {
        const QString suffix = QStringLiteral("_%1.csv").arg(i, 2, 10, QLatin1Char('0'));
        if (!dir.exists(QStringLiteral("input") + suffix))
            break;
        // The expected file reads like an input whose bars are the forecast.
        const ForecastInputFile expected
            = readForecastInput(dir.filePath(QStringLiteral("expected") + suffix), fixture.predLen);
        ForecastInputFile input
            = readForecastInput(dir.filePath(QStringLiteral("input") + suffix), fixture.predLen);
        input.series.futureTimestamps = expected.series.timestamps;
        fixture.inputs.push_back(input.series);
        fixture.expected.push_back(expected.series.bars);
    }
    const SafetensorsFile tokens(dir.filePath(QStringLiteral("generated_tokens.safetensors")));
    fixture.s1 = tokens.tensor("s1");
    fixture.s2 = tokens.tensor("s2");
    return fixture;
}

std::unique_ptr<KronosEngine> loadFixtureEngine(int maxContext, bool useKvCache = true)
{
    EngineOptions options;
    options.maxContext = maxContext;
    options.useKvCache = useKvCache;
    return KronosEngine::load(FixtureRoot + QStringLiteral("/model"),
        FixtureRoot + QStringLiteral("/tokenizer"), options);
}

std::array<double, 6> fields(const Candle &bar)
{
    return { bar.open, bar.high, bar.low, bar.close, bar.volume, bar.amount };
}

// Largest relative difference; values near zero (upstream's denormalized zero columns, ~1e-6)
// are compared against a floor of 1e-3 instead of their own size.
double largestRelativeDifference(
    const std::vector<Candle> &actual, const std::vector<Candle> &expected)
{
    double largest = 0;
    for (size_t t = 0; t < expected.size(); ++t) {
        const auto a = fields(actual[t]);
        const auto e = fields(expected[t]);
        for (int f = 0; f < 6; ++f)
            largest = std::max(largest, std::abs(a[f] - e[f]) / std::max(std::abs(e[f]), 1e-3));
    }
    return largest;
}

std::vector<int64_t> tokenRow(const torch::Tensor &tokens, int64_t row)
{
    const torch::Tensor r = tokens[row].contiguous();
    return std::vector<int64_t>(r.data_ptr<int64_t>(), r.data_ptr<int64_t>() + r.numel());
}

} // namespace

// The engine against upstream's own outputs on the fixture checkpoint, and the properties the
// fast path must keep: cache = recompute, batch invariance, horizon prefixes, seeded sampling.
class TestKronosEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reproducesUpstream_data()
    {
        QTest::addColumn<QString>("caseName");
        for (const char *name : { "daily_single", "daily_batch12", "context_crop", "sample_count3",
                 "price_only", "no_amount", "intraday_5min" })
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void reproducesUpstream()
    {
        QFETCH(QString, caseName);
        const FixtureCase fixture = loadCase(caseName);
        QVERIFY(!fixture.inputs.empty());
        const auto engine = loadFixtureEngine(fixture.maxContext);
        SamplingOptions sampling = SamplingOptions::greedy();
        sampling.sampleCount = fixture.sampleCount;
        const ForecastResult result = engine->forecast(fixture.inputs, fixture.predLen, sampling);

        double largest = 0;
        for (size_t b = 0; b < fixture.inputs.size(); ++b) {
            const SeriesForecast &forecast = result.series[b];
            QCOMPARE(int(forecast.s1Tokens.size()), fixture.sampleCount);
            for (int s = 0; s < fixture.sampleCount; ++s) {
                const int64_t row = int64_t(b) * fixture.sampleCount + s;
                QCOMPARE(forecast.s1Tokens[size_t(s)], tokenRow(fixture.s1, row));
                QCOMPARE(forecast.s2Tokens[size_t(s)], tokenRow(fixture.s2, row));
            }
            largest
                = std::max(largest, largestRelativeDifference(forecast.mean, fixture.expected[b]));
        }
        qInfo("%s: largest relative difference %.3g", qPrintable(caseName), largest);
        QVERIFY2(largest < 1e-5,
            qPrintable(QStringLiteral("largest relative difference %1").arg(largest)));
    }

    void cacheGivesTheSameTokensAsRecompute_data()
    {
        QTest::addColumn<QString>("caseName");
        QTest::newRow("window fits") << QStringLiteral("daily_batch12");
        QTest::newRow("window rolls") << QStringLiteral("context_crop");
        QTest::newRow("samples") << QStringLiteral("sample_count3");
    }

    void cacheGivesTheSameTokensAsRecompute()
    {
        QFETCH(QString, caseName);
        const FixtureCase fixture = loadCase(caseName);
        SamplingOptions sampling = SamplingOptions::greedy();
        sampling.sampleCount = fixture.sampleCount;
        const ForecastResult cached = loadFixtureEngine(fixture.maxContext, true)
                                          ->forecast(fixture.inputs, fixture.predLen, sampling);
        const ForecastResult recomputed = loadFixtureEngine(fixture.maxContext, false)
                                              ->forecast(fixture.inputs, fixture.predLen, sampling);
        for (size_t b = 0; b < fixture.inputs.size(); ++b) {
            QCOMPARE(cached.series[b].s1Tokens, recomputed.series[b].s1Tokens);
            QCOMPARE(cached.series[b].s2Tokens, recomputed.series[b].s2Tokens);
            QVERIFY(
                largestRelativeDifference(cached.series[b].mean, recomputed.series[b].mean) < 1e-5);
        }
    }

    // The modules allocate their parameters unfilled; random weights fill every one of them
    // (a parameter left out would stay NaN here), and the same seed fills them alike.
    void randomWeightsFillEveryParameterFromTheSeed()
    {
        const PublishedShape mini = publishedShape(QStringLiteral("mini"));
        const auto filled = [](torch::nn::Module &module, uint64_t seed) {
            torch::NoGradGuard noGrad;
            for (torch::Tensor &parameter : module.parameters())
                parameter.fill_(std::numeric_limits<float>::quiet_NaN());
            fillRandomly(module, seed);
            std::vector<torch::Tensor> values;
            for (const torch::Tensor &parameter : module.parameters())
                values.push_back(parameter.clone());
            return values;
        };
        KronosTokenizer tokenizer(mini.tokenizer);
        KronosPredictor predictor(mini.predictor);
        const std::vector<torch::nn::Module *> modules { tokenizer.get(), predictor.get() };
        for (torch::nn::Module *module : modules) {
            const std::vector<torch::Tensor> first = filled(*module, 3);
            const std::vector<torch::Tensor> again = filled(*module, 3);
            const std::vector<torch::Tensor> other = filled(*module, 4);
            QVERIFY(!first.empty());
            bool anyDiffers = false;
            for (size_t i = 0; i < first.size(); ++i) {
                QVERIFY(torch::isfinite(first[i]).all().item<bool>());
                QVERIFY(torch::equal(first[i], again[i]));
                anyDiffers = anyDiffers || !torch::equal(first[i], other[i]);
            }
            QVERIFY(anyDiffers);
        }
    }

    void greedyResultsDoNotDependOnTheBatch()
    {
        const FixtureCase fixture = loadCase(QStringLiteral("daily_batch12"));
        const auto engine = loadFixtureEngine(fixture.maxContext);
        const ForecastResult whole
            = engine->forecast(fixture.inputs, fixture.predLen, SamplingOptions::greedy());
        for (const size_t batchSize : { size_t(1), size_t(5) }) {
            for (size_t start = 0; start < fixture.inputs.size(); start += batchSize) {
                const size_t end = std::min(fixture.inputs.size(), start + batchSize);
                const std::vector<SeriesInput> part(
                    fixture.inputs.begin() + long(start), fixture.inputs.begin() + long(end));
                const ForecastResult result
                    = engine->forecast(part, fixture.predLen, SamplingOptions::greedy());
                for (size_t i = 0; i < part.size(); ++i) {
                    const SeriesForecast &reference = whole.series[start + i];
                    QCOMPARE(result.series[i].s1Tokens, reference.s1Tokens);
                    QCOMPARE(result.series[i].s2Tokens, reference.s2Tokens);
                    QVERIFY(
                        largestRelativeDifference(result.series[i].mean, reference.mean) < 1e-5);
                }
            }
        }
    }

    void aBatchOfSeveralChunksGivesEachSeriesItsOwnForecast_data()
    {
        QTest::addColumn<bool>("useKvCache");
        QTest::newRow("cached steps") << true;
        QTest::newRow("every step recomputed") << false;
    }

    // One series, then the fixture's 12 three times over: encoding, prefill, recomputed windows
    // and the tokenizer's decoding run in chunks (ChunkTokens: 12 series of 252 bars), so the
    // copies straddle chunks, each chunk holds different series, and every series must still
    // get the forecast it gets in the fixture's own batch.
    void aBatchOfSeveralChunksGivesEachSeriesItsOwnForecast()
    {
        QFETCH(bool, useKvCache);
        const FixtureCase fixture = loadCase(QStringLiteral("daily_batch12"));
        const auto engine = loadFixtureEngine(fixture.maxContext, useKvCache);
        const ForecastResult whole
            = engine->forecast(fixture.inputs, fixture.predLen, SamplingOptions::greedy());
        const size_t first = 5; // the series put in front
        std::vector<SeriesInput> batch { fixture.inputs[first] };
        for (int copy = 0; copy < 3; ++copy)
            batch.insert(batch.end(), fixture.inputs.begin(), fixture.inputs.end());
        const ForecastResult result
            = engine->forecast(batch, fixture.predLen, SamplingOptions::greedy());
        QCOMPARE(result.series.size(), batch.size());
        for (size_t i = 0; i < batch.size(); ++i) {
            const SeriesForecast &reference
                = whole.series[i == 0 ? first : (i - 1) % fixture.inputs.size()];
            QCOMPARE(result.series[i].s1Tokens, reference.s1Tokens);
            QCOMPARE(result.series[i].s2Tokens, reference.s2Tokens);
            QVERIFY(largestRelativeDifference(result.series[i].mean, reference.mean) < 1e-5);
        }
    }

    void shorterHorizonIsAPrefixOfTheLonger()
    {
        const FixtureCase fixture = loadCase(QStringLiteral("daily_single"));
        const auto engine = loadFixtureEngine(fixture.maxContext);
        const ForecastResult longer
            = engine->forecast(fixture.inputs, 20, SamplingOptions::greedy());
        std::vector<SeriesInput> shortInputs = fixture.inputs;
        shortInputs[0].futureTimestamps.resize(7);
        const ForecastResult shorter = engine->forecast(shortInputs, 7, SamplingOptions::greedy());
        const SeriesForecast &l = longer.series[0];
        const SeriesForecast &s = shorter.series[0];
        QCOMPARE(
            s.s1Tokens[0], std::vector<int64_t>(l.s1Tokens[0].begin(), l.s1Tokens[0].begin() + 7));
        QCOMPARE(
            s.s2Tokens[0], std::vector<int64_t>(l.s2Tokens[0].begin(), l.s2Tokens[0].begin() + 7));
        const std::vector<Candle> prefix(l.mean.begin(), l.mean.begin() + 7);
        QVERIFY(largestRelativeDifference(s.mean, prefix) < 1e-5);
    }

    void seededSamplingIsReproducibleAndBatchInvariant()
    {
        const FixtureCase fixture = loadCase(QStringLiteral("daily_batch12"));
        const auto engine = loadFixtureEngine(fixture.maxContext);
        SamplingOptions sampling; // T 1, top-p 0.9: upstream's defaults
        sampling.seed = 7;
        sampling.sampleCount = 2;
        const std::vector<SeriesInput> three(fixture.inputs.begin(), fixture.inputs.begin() + 3);
        const ForecastResult first = engine->forecast(withFuture(three, 10), 10, sampling);
        const ForecastResult again = engine->forecast(withFuture(three, 10), 10, sampling);
        const std::vector<SeriesInput> alone(
            fixture.inputs.begin() + 2, fixture.inputs.begin() + 3);
        const ForecastResult single = engine->forecast(withFuture(alone, 10), 10, sampling);
        QCOMPARE(first.series[2].s1Tokens, again.series[2].s1Tokens);
        QCOMPARE(first.series[2].s1Tokens, single.series[0].s1Tokens);
        QCOMPARE(first.series[2].s2Tokens, single.series[0].s2Tokens);
        // Two samples of one series draw differently, and a different seed changes the draws.
        QVERIFY(first.series[0].s1Tokens[0] != first.series[0].s1Tokens[1]);
        sampling.seed = 8;
        const ForecastResult reseeded = engine->forecast(withFuture(three, 10), 10, sampling);
        QVERIFY(reseeded.series[0].s1Tokens != first.series[0].s1Tokens);
    }

    void topPKeepsTheFirstTokenPastTheThreshold()
    {
        // Probabilities 0.5, 0.3, 0.15, 0.05 (in shuffled order): p = 0.6 keeps 0.5 and 0.3.
        const torch::Tensor logits = torch::log(torch::tensor({ { 0.15f, 0.5f, 0.05f, 0.3f } }));
        SamplingOptions options;
        options.topK = 0;
        options.topP = 0.6;
        const torch::Tensor filtered = TokenSampler::filterLogits(logits.clone(), options);
        const auto kept = torch::isfinite(filtered)[0];
        QCOMPARE(kept[0].item<bool>(), false);
        QCOMPARE(kept[1].item<bool>(), true);
        QCOMPARE(kept[2].item<bool>(), false);
        QCOMPARE(kept[3].item<bool>(), true);
        // top-k wins over top-p, as upstream.
        options.topK = 3;
        options.topP = 0.1;
        QCOMPARE(torch::isfinite(TokenSampler::filterLogits(logits.clone(), options))
                     .sum()
                     .item<int64_t>(),
            3);
    }

    void zeroTemperatureIsGreedy()
    {
        SamplingOptions options;
        options.temperature = 0;
        options.topK = 0;
        QVERIFY(options.isGreedy());
        TokenSampler sampler(options, { 1, 2 });
        const torch::Tensor logits = torch::tensor({ { 0.1f, 2.0f, 1.9f }, { 3.0f, -1.0f, 2.0f } });
        const torch::Tensor tokens = sampler.sample(logits);
        QCOMPARE(tokens[0].item<int64_t>(), int64_t(1));
        QCOMPARE(tokens[1].item<int64_t>(), int64_t(0));
    }

    void rejectsRequestsUpstreamWouldCrashOn()
    {
        const FixtureCase fixture = loadCase(QStringLiteral("daily_single"));
        const auto engine = loadFixtureEngine(64);
        std::vector<SeriesInput> inputs = fixture.inputs;
        const auto expectError
            = [&](const std::vector<SeriesInput> &batch, int predLen, const char *text) {
                  try {
                      engine->forecast(batch, predLen, SamplingOptions::greedy());
                  } catch (const ForecastError &error) {
                      QVERIFY2(QString::fromUtf8(error.what()).contains(QLatin1String(text)),
                          error.what());
                      return;
                  }
                  QFAIL("no error");
              };
        inputs[0].futureTimestamps = continueTimestamps(inputs[0].timestamps, 65);
        expectError(inputs, 65, "pred_len 65 exceeds max_context 64");
        expectError(inputs, 20, "has 65 future timestamps, pred_len is 20");
        inputs[0].futureTimestamps.resize(20);
        inputs[0].bars[3].close = std::nan("");
        expectError(inputs, 20,
            "series 'input_00', row 4 (2018-07-03T00:00:00Z): close is not a finite number");
    }

    void cancelStopsBetweenSteps()
    {
        const FixtureCase fixture = loadCase(QStringLiteral("daily_single"));
        const auto engine = loadFixtureEngine(fixture.maxContext);
        std::atomic<bool> cancel { false };
        ForecastControl control;
        control.cancel = &cancel;
        int stepsSeen = 0;
        control.onStep = [&](int done, int) {
            stepsSeen = done;
            if (done == 3)
                cancel = true;
        };
        QVERIFY_THROWS_EXCEPTION(ForecastCancelled,
            engine->forecast(fixture.inputs, fixture.predLen, SamplingOptions::greedy(), control));
        QCOMPARE(stepsSeen, 3);
    }

    void cancelStopsAPrefillBetweenBlocks()
    {
        // Set before the call: the encoder's first block already sees it, before any step.
        const FixtureCase fixture = loadCase(QStringLiteral("daily_batch12"));
        const auto engine = loadFixtureEngine(fixture.maxContext);
        std::atomic<bool> cancel { true };
        ForecastControl control;
        control.cancel = &cancel;
        int forwards = 0;
        control.beforeForward = [&] { ++forwards; };
        QVERIFY_THROWS_EXCEPTION(ForecastCancelled,
            engine->forecast(fixture.inputs, fixture.predLen, SamplingOptions::greedy(), control));
        QCOMPARE(forwards, 0);
    }

private:
    static std::vector<SeriesInput> withFuture(std::vector<SeriesInput> inputs, int predLen)
    {
        for (SeriesInput &input : inputs)
            input.futureTimestamps = continueTimestamps(input.timestamps, predLen);
        return inputs;
    }
};

QTEST_GUILESS_MAIN(TestKronosEngine)
#include "test_kronos_engine.moc"
