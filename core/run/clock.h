#pragma once

#include <QDateTime>

// Where "now" comes from when a run's records, memory samples and evaluations are timestamped:
// the system clock, or one a test sets (a seam for deterministic tests).
//
// Thread-safety: now() may be called from any thread (the memory sampler's included).
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0; // UTC

    static const Clock &system();
};
