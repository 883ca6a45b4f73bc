#include "inference/batch_memory_model.h"

#include "inference/window_chunks.h"

#include <algorithm>
#include <cmath>

namespace kronos {

BatchMemoryModel::BatchMemoryModel(double baseBytes, double perSeriesBytes)
    : m_priorPerSeries(perSeriesBytes)
{
    m_fit.baseBytes = baseBytes;
    m_fit.perSeriesBytes = perSeriesBytes;
}

BatchMemoryModel BatchMemoryModel::estimate(const PredictorConfig &predictor,
    const TokenizerConfig &tokenizer, const BatchShape &shape, qint64 baselineBytes)
{
    constexpr double Float = 4;
    const double window = std::min(shape.contextLength + shape.predLen, shape.maxContext);
    // Keys and values of every layer plus the dependency layer, with room for the positions the
    // steps feed (the decoder's capacity), per sample.
    const double capacity
        = std::min(shape.contextLength + std::max(shape.predLen - 1, 0), shape.maxContext);
    const double kvCache = double(shape.sampleCount) * 2.0 * double(predictor.nLayers + 1)
        * capacity * double(predictor.dModel) * Float;
    // The largest activations of a pass over a whole window (attention scores of one layer, the
    // feed-forward's hidden rows), for one chunk of series (window_chunks.h) whatever the batch.
    // The predictor's passes grow to the capacity's length when the window rolls or every step
    // recomputes it.
    const double predictorPass = double(predictor.nHeads) * capacity * capacity * Float
        + capacity * double(2 * predictor.ffDim + 4 * predictor.dModel) * Float;
    const double tokenizerPass = double(tokenizer.nHeads) * window * window * Float
        + window * double(2 * tokenizer.ffDim + 4 * tokenizer.dModel) * Float;
    const double chunkActivations
        = std::max(double(seriesPerChunk(int64_t(capacity))) * predictorPass,
            double(seriesPerChunk(int64_t(window))) * tokenizerPass);
    return BatchMemoryModel(double(baselineBytes) + chunkActivations, kvCache);
}

void BatchMemoryModel::addObservation(int batchSize, qint64 peakBytes)
{
    m_observations.emplace_back(batchSize, peakBytes);
    const double n = double(m_observations.size());
    double meanX = 0, meanY = 0;
    for (const auto &[x, y] : m_observations) {
        meanX += x / n;
        meanY += double(y) / n;
    }
    double sxx = 0, sxy = 0, syy = 0;
    for (const auto &[x, y] : m_observations) {
        sxx += (x - meanX) * (x - meanX);
        sxy += (x - meanX) * (double(y) - meanY);
        syy += (double(y) - meanY) * (double(y) - meanY);
    }
    m_fit.observations = int(m_observations.size());
    m_fit.fitted = true;
    // One batch size (a fixed-size run) cannot tell base from slope, and a falling slope is the
    // allocator keeping memory from an earlier, larger batch: keep the shape-based slope then
    // and fit only the base.
    const double slope = sxx > 0 ? sxy / sxx : 0;
    if (sxx > 0 && slope > 0) {
        m_fit.perSeriesBytes = slope;
        m_fit.baseBytes = meanY - slope * meanX;
        double residual = 0;
        for (const auto &[x, y] : m_observations) {
            const double error = double(y) - (m_fit.baseBytes + slope * x);
            residual += error * error;
        }
        m_fit.rSquared = syy > 0 ? 1.0 - residual / syy : 1.0;
    } else {
        m_fit.perSeriesBytes = m_priorPerSeries;
        m_fit.baseBytes = meanY - m_priorPerSeries * meanX;
        m_fit.rSquared = 0;
    }
}

MemoryModelFit BatchMemoryModel::fit() const
{
    return m_fit;
}

double BatchMemoryModel::predictedPeakBytes(int batchSize) const
{
    return m_fit.baseBytes + batchSize * m_fit.perSeriesBytes;
}

int BatchMemoryModel::largestBatchWithin(double bytes, int limit) const
{
    if (m_fit.perSeriesBytes <= 0)
        return std::max(1, limit);
    const double fits = std::floor((bytes - m_fit.baseBytes) / m_fit.perSeriesBytes);
    return int(std::clamp(fits, 1.0, double(std::max(1, limit))));
}

} // namespace kronos
