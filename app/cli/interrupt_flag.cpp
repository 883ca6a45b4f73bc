#include "cli/interrupt_flag.h"

#include <csignal>

namespace {

// A lock-free atomic is the one thing a signal handler may safely touch.
std::atomic<bool> interrupted { false };
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void onInterrupt(int signal)
{
    interrupted.store(true);
    std::signal(signal, SIG_DFL);
}

void (*restored(void (*previous)(int)))(int)
{
    return previous == SIG_ERR ? SIG_DFL : previous;
}

} // namespace

InterruptFlag::InterruptFlag()
{
    interrupted = false;
    m_previousInterrupt = std::signal(SIGINT, onInterrupt);
    m_previousTerminate = std::signal(SIGTERM, onInterrupt);
}

InterruptFlag::~InterruptFlag()
{
    std::signal(SIGINT, restored(m_previousInterrupt));
    std::signal(SIGTERM, restored(m_previousTerminate));
}

bool InterruptFlag::isRaised() const
{
    return interrupted.load();
}
