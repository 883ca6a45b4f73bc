#pragma once

#include <atomic>

// Turns Ctrl-C (SIGINT) and SIGTERM (kill, a scheduler's scancel or preemption) into a flag the
// command polls, so a run is cancelled cleanly and stays resumable. A second signal gets the
// default behaviour (the process ends at once).
//
// One instance at a time; the handler is installed for the object's lifetime.
class InterruptFlag
{
public:
    InterruptFlag();
    ~InterruptFlag();
    InterruptFlag(const InterruptFlag &) = delete;
    InterruptFlag &operator=(const InterruptFlag &) = delete;

    bool isRaised() const;

    // The exit status of a process ended by SIGINT, by shell convention (128 + 2).
    static constexpr int ExitStatus = 130;

private:
    void (*m_previousInterrupt)(int);
    void (*m_previousTerminate)(int);
};
