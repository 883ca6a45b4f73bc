#pragma once

// The memory a micro-batch needs, as a straight line in its size:
//   peak(b) = base + b × perSeries   (bytes)
// first estimated from the checkpoint's shape, then fitted by least squares to the peaks a run
// observes. The automatic batch size and the GUI's memory-tuning view both read it.

#include "model/kronos_config.h"
#include "model/published_checkpoints.h"

#include <QtGlobal>
#include <vector>

namespace kronos {

struct MemoryModelFit
{
    double baseBytes = 0;
    double perSeriesBytes = 0;
    double rSquared = 0; // of the fit to the observations; 0 before two batch sizes are seen
    int observations = 0; // (batch size, peak) pairs behind the fit
    bool fitted = false; // false: still the estimate from the checkpoint's shape
};

// What one batch looks like, for the shape-based estimate.
struct BatchShape
{
    int contextLength = 0; // bars per series
    int predLen = 0; // steps generated
    int sampleCount = 1;
    int maxContext = UpstreamMaxContext; // the engine's (ModelSummary::maxContext)
};

// Value type; not thread-safe (the scheduler that owns it runs on the worker thread).
class BatchMemoryModel
{
public:
    BatchMemoryModel(double baseBytes, double perSeriesBytes);

    // base = memory already in use (`baselineBytes`, weights included once loaded) + the largest
    // activations of one chunk of whole-window passes (attention scores of one layer, the
    // feed-forward's hidden rows; window_chunks.h: a batch runs them chunk by chunk); per series
    // = KV caches of every layer and of the dependency layer (the decoder's capacity, per sample).
    static BatchMemoryModel estimate(const PredictorConfig &predictor,
        const TokenizerConfig &tokenizer, const BatchShape &shape, qint64 baselineBytes);

    void addObservation(int batchSize, qint64 peakBytes);
    MemoryModelFit fit() const;
    double predictedPeakBytes(int batchSize) const;
    // The largest size in [1, limit] whose predicted peak is at most `bytes`.
    int largestBatchWithin(double bytes, int limit) const;

private:
    double m_priorPerSeries;
    std::vector<std::pair<int, qint64>> m_observations;
    MemoryModelFit m_fit;
};

} // namespace kronos
