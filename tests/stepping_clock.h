#pragma once

#include "run/clock.h"

#include <atomic>

// A clock for tests: it starts at `start` and moves `stepMs` forward each time it is read, from
// any thread.
class SteppingClock : public Clock
{
public:
    SteppingClock(const QDateTime &start, qint64 stepMs)
        : m_nextMs(start.toMSecsSinceEpoch())
        , m_stepMs(stepMs)
    {
    }

    QDateTime now() const override
    {
        return QDateTime::fromMSecsSinceEpoch(m_nextMs.fetch_add(m_stepMs), Qt::UTC);
    }

private:
    mutable std::atomic<qint64> m_nextMs;
    qint64 m_stepMs;
};
