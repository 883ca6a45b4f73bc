#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kronos {

// Runs the parts of one piece of work at the same time: on the calling thread and on helper
// threads that, after a part, wait for the next piece spinning for a short while before they
// sleep.
//
// Why not libtorch's inter-op pool (at::launch): a cached decode step hands its few-rows kernels
// over about 56 times, and a pool thread asleep on a condition variable takes tens of
// microseconds to wake on a virtual machine — at 12 rows a linear map's half ran at 16-20 GB/s
// handed over that way against 25-28 GB/s to a spinning helper (a stand-alone loop of the
// kernel, 2 threads). The helpers spin through the short gaps between a step's kernels (the
// small libtorch operators between them run on one thread), and sleep within SpinBudget of the
// last part, so they take no core from libtorch's and the BLAS's own threads in longer work
// (a prefill, the tokenizer). Parts run without libtorch's thread-local state (grad mode, the
// profiler), which at::launch would hand over: they work on raw memory only.
//
// The caller claims parts too: a part no helper has started when the caller is free runs on the
// caller, so a helper's late wake-up costs nothing. One piece at a time: a second thread that
// calls run() while another's piece runs runs all of its parts itself.
class WorkerTeam
{
public:
    // How long a helper spins for the next piece before it sleeps.
    static constexpr std::chrono::microseconds SpinBudget { 500 };
    // At most this many helper threads by default; more parts are shared between them.
    static constexpr int64_t MostHelpers = 63;
    // At most this many parts in one piece (16 bits of the claims word).
    static constexpr int64_t MostParts = 0xffff;

    // The process's team. Its helpers are started on first use, as many as the parts asked for
    // need (a thread that cannot be started leaves its parts to the others), and live as long
    // as the process.
    static WorkerTeam &shared();

    // Runs part(0) .. part(parts - 1) and returns when all have returned. `part` must not throw
    // nor call run(). Throws std::invalid_argument for more than MostParts parts.
    void run(int64_t parts, const std::function<void(int64_t)> &part);

    explicit WorkerTeam(int64_t mostHelpers = MostHelpers);
    ~WorkerTeam();
    WorkerTeam(const WorkerTeam &) = delete;
    WorkerTeam &operator=(const WorkerTeam &) = delete;

private:
    void startHelpers(int64_t count);
    void helperLoop();
    // Claims and runs parts of piece `piece` until none is left unclaimed.
    void runClaimedParts(uint64_t piece);

    const int64_t m_mostHelpers;
    std::mutex m_posting; // held by the thread whose piece runs
    uint64_t m_lastPiece = 0; // under m_posting
    const std::function<void(int64_t)> *m_part = nullptr; // the running piece's
    // (piece number << 32) | (parts << 16) | next unclaimed part: one word, so that a claim
    // made by a helper that saw an older piece fails.
    std::atomic<uint64_t> m_claims { 0 };
    std::atomic<int64_t> m_unfinished { 0 };
    std::mutex m_sleeping;
    std::condition_variable m_wake;
    bool m_stopping = false; // under m_sleeping
    std::vector<std::thread> m_helpers; // under m_posting
};

} // namespace kronos
