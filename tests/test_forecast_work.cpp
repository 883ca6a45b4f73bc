#include "inference/forecast_work.h"

#include <QtTest>

using namespace kronos;

// The floor kronos-cli bench prints rests on these counts: a tiny shape counted by hand.
class TestForecastWork : public QObject
{
    Q_OBJECT

private:
    // d 4, ff 8, one block, 2 + 2 bits; tokenizer d 2, ff 4, one encoder and one decoder block.
    static PredictorConfig predictor() { return { 2, 2, 1, 4, 1, 8, true }; }
    static TokenizerConfig tokenizer() { return { 6, 2, 1, 4, 2, 2, 2, 2 }; }
    static BatchShape shape() { return { 3, 2, 1, 8 }; } // 3 bars, 2 steps, 1 sample, window 8

private Q_SLOTS:
    void countsEveryStageByHand()
    {
        const StageWork work = forecastWork(predictor(), tokenizer(), 1, shape(), true);
        // Encode, per token: embed 2*6*2 + quant_embed 2*2*4 = 40; block linears
        // 2*(4*2*2 + 3*2*4) = 80; per window: attention 4*3*3*2 = 72.
        QCOMPARE(work.encode, 3 * 40.0 + 3 * 80.0 + 72.0);
        // Prefill, per token: fusion 2*8*4 = 64, block 2*(4*16 + 3*4*8) = 320, dependency keys
        // and values 2*2*16 = 64; attention 4*3*3*4 = 144.
        QCOMPARE(work.prefill, 3 * 448.0 + 144.0);
        // Step 0: heads only over 3 keys (s1 2*4*4, query and output 2*2*16, attention
        // 4*1*3*4, s2 2*4*4) = 176. Step 1: one cached token over 4 keys 448 + 64, heads over
        // 4 keys 192.
        QCOMPARE(work.decodeSteps, 176.0 + 512.0 + 192.0);
        // Decoding 5 tokens: post_quant_embed 2*4*2 + head 2*2*6 = 40 and the block's 80 per
        // token; attention 4*5*5*2 = 200.
        QCOMPARE(work.tokenizerDecode, 5 * 40.0 + 5 * 80.0 + 200.0);
        QCOMPARE(
            work.total(), work.encode + work.prefill + work.decodeSteps + work.tokenizerDecode);
    }

    void recomputingCountsTheWholeWindowEveryStep()
    {
        const StageWork work = forecastWork(predictor(), tokenizer(), 1, shape(), false);
        // Step 1 recomputes 4 tokens: 4 * 448 + attention 4*4*4*4.
        QCOMPARE(work.decodeSteps, 176.0 + (4 * 448.0 + 256.0) + 192.0);
    }

    void stepsReadTheWeightsOnceAndEachRowsCaches()
    {
        // Step 0, heads: weights s1 4*4 + query and output 2*16 + s2 4*4 = 64 floats; a row's
        // dependency keys and values 2*3*4 = 24. Step 1: weights fusion 2*16 + block 4*16 +
        // 3*4*8 + dependency keys and values 2*16 = 224, a row's cache 2*4*4 = 32; heads 64
        // and a row's 2*4*4 = 32.
        QCOMPARE(cachedStepReads(predictor(), 1, 1, shape()), 4 * (64 + 24 + 224 + 32 + 64 + 32.0));
        QCOMPARE(cachedStepReads(predictor(), 3, 1, shape()),
            4 * (64 + 3 * 24 + 224 + 3 * 32 + 64 + 3 * 32.0));
        BatchShape samples = shape();
        samples.sampleCount = 3;
        QCOMPARE(cachedStepReads(predictor(), 1, 1, samples),
            cachedStepReads(predictor(), 3, 1, shape()));
    }

    void aRecomputedStepReadsOnlyItsWeights()
    {
        // 8 bars fill the window of 8: step 1 recomputes it, its keys are not read. Step 0:
        // heads 64 and a row's 2*8*4 = 64; step 1: the forward's weights 224, heads 64 + 64.
        BatchShape rolled = shape();
        rolled.contextLength = 8;
        QCOMPARE(cachedStepReads(predictor(), 1, 1, rolled), 4 * (64 + 64 + 224 + 64 + 64.0));
        // 7 bars, 3 steps: step 1 still feeds the caches (8 keys, 2*8*4 = 64 a row), step 2
        // rolls the window and reads only the weights; the heads see at most 8 keys.
        BatchShape filling = shape();
        filling.contextLength = 7;
        filling.predLen = 3;
        QCOMPARE(cachedStepReads(predictor(), 1, 1, filling),
            4 * ((64 + 2 * 7 * 4) + (224 + 64 + 64 + 64) + (224 + 64 + 64.0)));
    }

    void theFloorWithReadsTakesTheStepsSlowerBound()
    {
        const StageWork work { 1, 2, 3, 4 }; // encode, prefill, steps, decode
        QCOMPARE(floorWithReads(work, 10, 1, 2), 1 + 2 + 5 + 4.0); // reads bound the steps
        QCOMPARE(floorWithReads(work, 2, 1, 2), 1 + 2 + 3 + 4.0); // arithmetic bounds them
        QCOMPARE(floorWithReads(work, 0, 2, 1), 10 / 2.0);
    }

    void samplesMultiplyTheStepsNotTheContext()
    {
        BatchShape three = shape();
        three.sampleCount = 3;
        const StageWork one = forecastWork(predictor(), tokenizer(), 2, shape(), true);
        const StageWork many = forecastWork(predictor(), tokenizer(), 2, three, true);
        QCOMPARE(many.encode, one.encode);
        QCOMPARE(many.prefill, one.prefill);
        QCOMPARE(many.decodeSteps, 3 * one.decodeSteps);
        QCOMPARE(many.tokenizerDecode, 3 * one.tokenizerDecode);
    }
};

QTEST_GUILESS_MAIN(TestForecastWork)
#include "test_forecast_work.moc"
