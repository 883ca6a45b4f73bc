#pragma once

#include <atomic>

// What stops or holds one run (or one probe) while the worker computes: the user's cancel and
// pause, and the stop of the forecast under way. A new RunControl is made for every run, so a
// request meant for one run never reaches the next, and nothing is ever reset or repeated.
//
// Thread-safety: every member may be called from any thread — the worker's event loop is busy
// while it computes, so requests are lock-free atomics it polls (a signal handler may call
// cancel()). The worker checks the pause between batches and the cancel between decode steps.
class RunControl
{
public:
    // Stops the run within one decoding step (one transformer block of a long pass); it ends
    // as cancelled and can be resumed.
    void cancel()
    {
        m_cancelled = true;
        m_stopForecast = true;
    }
    bool isCancelled() const { return m_cancelled; }

    // Holds the run after the batch under way. Returns the request's number: the worker names
    // it when it starts holding (ScoringWorker::pausedBetweenBatches), so a late report of an
    // earlier pause is told apart.
    int pause()
    {
        m_paused = true;
        return ++m_pauseRequests;
    }
    void resume() { m_paused = false; }
    bool isPaused() const { return m_paused; }
    int pauseRequest() const { return m_pauseRequests; }

    // The engine's cancel flag for the forecast under way: set by cancel() and by the memory
    // watch when a batch crosses the budget (stopForecast()).
    const std::atomic<bool> *forecastStopFlag() const { return &m_stopForecast; }
    void stopForecast() { m_stopForecast = true; }
    // Before each forecast: clears the last forecast's stop, then tells whether the run may go
    // on. In this order, so a cancel arriving in between still stops the forecast.
    bool armForecast()
    {
        m_stopForecast = false;
        return !m_cancelled;
    }

private:
    std::atomic<bool> m_cancelled { false };
    std::atomic<bool> m_paused { false };
    std::atomic<int> m_pauseRequests { 0 };
    std::atomic<bool> m_stopForecast { false };
};
