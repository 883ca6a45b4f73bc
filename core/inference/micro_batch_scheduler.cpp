#include "inference/micro_batch_scheduler.h"

#include <algorithm>

namespace kronos {

MicroBatchScheduler::MicroBatchScheduler(
    int fixedSize, qint64 budgetBytes, BatchMemoryModel model, int automaticLimit)
    : m_fixedSize(std::max(0, fixedSize))
    , m_budgetBytes(budgetBytes)
    , m_model(std::move(model))
    , m_ceiling(fixedSize > 0 ? fixedSize : std::max(1, automaticLimit))
{
}

int MicroBatchScheduler::nextSize(int remaining) const
{
    const int limit = std::max(1, std::min(m_ceiling, remaining));
    if (!isAutomatic() || m_budgetBytes <= 0)
        return limit;
    return m_model.largestBatchWithin(BudgetShare * double(m_budgetBytes), limit);
}

void MicroBatchScheduler::recordFinished(int size, qint64 peakBytes)
{
    if (peakBytes > 0)
        m_model.addObservation(size, peakBytes);
}

bool MicroBatchScheduler::backOff(int failedSize)
{
    if (failedSize <= 1)
        return false;
    m_ceiling = std::max(1, failedSize / 2);
    return true;
}

} // namespace kronos
