#pragma once

#include "inference/batch_memory_model.h"

#include <QtGlobal>

namespace kronos {

// Chooses the size of each micro-batch of a run: a fixed size, or the largest size whose
// predicted peak fits 90% of the memory budget (automatic). An out-of-memory failure (real or
// the budget's) halves the size for the rest of the run, down to 1.
//
// Not thread-safe: lives on the worker thread that runs the batches.
class MicroBatchScheduler
{
public:
    // Share of the budget an automatic batch may be predicted to use: the rest absorbs the
    // model's error before the budget turns it into a soft OOM.
    static constexpr double BudgetShare = 0.9;

    // `fixedSize` > 0 sets the size; 0 chooses it from `model` under `budgetBytes`, at most
    // `automaticLimit` (beyond which batching no longer buys speed).
    MicroBatchScheduler(
        int fixedSize, qint64 budgetBytes, BatchMemoryModel model, int automaticLimit = 64);

    // The next batch's size, at most `remaining` (>= 1).
    int nextSize(int remaining) const;
    // A batch of `size` finished with `peakBytes` observed: refines the memory model.
    void recordFinished(int size, qint64 peakBytes);
    // A batch of `failedSize` ran out of memory. Returns false when it was a single series
    // already (nothing smaller to try).
    bool backOff(int failedSize);

    bool isAutomatic() const { return m_fixedSize == 0; }
    int ceiling() const { return m_ceiling; }
    MemoryModelFit memoryModel() const { return m_model.fit(); }

private:
    int m_fixedSize;
    qint64 m_budgetBytes;
    BatchMemoryModel m_model;
    int m_ceiling; // lowered by each backoff
};

} // namespace kronos
