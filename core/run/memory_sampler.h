#pragma once

#include "inference/memory_probe.h"
#include "run/clock.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>

// Reads memory on a timer (10 Hz by default) on the thread it is moved to, so the samples keep
// coming while the inference thread is saturated; read() takes an extra reading from any thread
// (the worker does so before every forward pass, so even a batch shorter than the interval is
// judged against the budget).
//
// Every reading — timed or not — goes to the observer given at construction; only timed ones
// are announced by sampled(), keeping the signal rate fixed. Thread-safety: read() and the
// observer may run on two threads at once; start()/stop() on the sampler's own thread.
class MemorySampler : public QObject
{
    Q_OBJECT
public:
    using Probe = std::function<kronos::MemoryReading()>;
    using Observer = std::function<void(const kronos::MemoryReading &)>;

    // Timed samples are stamped by `clock`, which must outlive the sampler.
    static constexpr int DefaultIntervalMs = 100; // 10 Hz
    MemorySampler(Probe probe, Observer observer, int intervalMs = DefaultIntervalMs,
        const Clock &clock = Clock::system());

    kronos::MemoryReading read() const;

public Q_SLOTS:
    void start();
    void stop();

Q_SIGNALS:
    void sampled(const QDateTime &time, const kronos::MemoryReading &reading);

private:
    void tick();

    Probe m_probe;
    Observer m_observer;
    int m_intervalMs;
    const Clock &m_clock;
    std::unique_ptr<QTimer> m_timer; // created in start(), on the sampler's thread
};

Q_DECLARE_METATYPE(kronos::MemoryReading)
