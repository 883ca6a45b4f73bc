#include "interrupt_flag.h"

#include <csignal>

namespace {

// A lock-free atomic is the one thing a signal handler may safely touch.
std::atomic<bool> interrupted { false };
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void onInterrupt(int)
{
    interrupted.store(true);
    std::signal(SIGINT, SIG_DFL);
}

} // namespace

InterruptFlag::InterruptFlag()
{
    interrupted = false;
    m_previous = std::signal(SIGINT, onInterrupt);
}

InterruptFlag::~InterruptFlag()
{
    std::signal(SIGINT, m_previous == SIG_ERR ? SIG_DFL : m_previous);
}

bool InterruptFlag::isRaised() const
{
    return interrupted.load();
}
