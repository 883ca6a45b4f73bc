#include "run/memory_sampler.h"

MemorySampler::MemorySampler(Probe probe, Observer observer, int intervalMs, const Clock &clock)
    : m_probe(std::move(probe))
    , m_observer(std::move(observer))
    , m_intervalMs(intervalMs)
    , m_clock(clock)
{
}

kronos::MemoryReading MemorySampler::read() const
{
    const kronos::MemoryReading reading = m_probe();
    if (m_observer)
        m_observer(reading);
    return reading;
}

void MemorySampler::start()
{
    m_timer = std::make_unique<QTimer>();
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer.get(), &QTimer::timeout, this, &MemorySampler::tick);
    m_timer->start(m_intervalMs);
    tick();
}

void MemorySampler::stop()
{
    m_timer.reset();
}

void MemorySampler::tick()
{
    const kronos::MemoryReading reading = read();
    Q_EMIT sampled(m_clock.now(), reading);
}
