#include "model/worker_team.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <system_error>

namespace kronos {
namespace {

uint64_t pieceOf(uint64_t claims)
{
    return claims >> 32;
}

int64_t partsOf(uint64_t claims)
{
    return int64_t((claims >> 16) & 0xffff);
}

int64_t nextOf(uint64_t claims)
{
    return int64_t(claims & 0xffff);
}

// A spinning thread's pause: lets the core's other hardware thread (if any) run meanwhile.
void relax()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#else
    std::this_thread::yield();
#endif
}

// Spins until `done()` or SpinBudget has passed; returns done().
template <typename Done> bool spinFor(const Done &done)
{
    const auto end = std::chrono::steady_clock::now() + WorkerTeam::SpinBudget;
    for (int turn = 1; !done(); ++turn) {
        relax();
        if (turn % 64 == 0 && std::chrono::steady_clock::now() > end)
            return done();
    }
    return true;
}

} // namespace

WorkerTeam &WorkerTeam::shared()
{
    // Never destroyed: a helper may still be asleep in it while the process exits.
    static WorkerTeam *const team = new WorkerTeam;
    return *team;
}

WorkerTeam::WorkerTeam(int64_t mostHelpers)
    : m_mostHelpers(mostHelpers)
{
}

WorkerTeam::~WorkerTeam()
{
    {
        const std::lock_guard<std::mutex> lock(m_sleeping);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (std::thread &helper : m_helpers)
        helper.join();
}

void WorkerTeam::run(int64_t parts, const std::function<void(int64_t)> &part)
{
    if (parts > MostParts)
        throw std::invalid_argument("WorkerTeam::run: more than MostParts parts");
    std::unique_lock<std::mutex> posting(m_posting, std::try_to_lock);
    if (parts <= 1 || !posting.owns_lock()) {
        for (int64_t p = 0; p < parts; ++p)
            part(p);
        return;
    }
    startHelpers(std::min(parts - 1, m_mostHelpers));
    m_part = &part;
    m_unfinished.store(parts, std::memory_order_relaxed);
    // Piece numbers take 32 bits of the claims word; 0 is the one no helper waits past.
    uint64_t piece = ++m_lastPiece & 0xffffffff;
    if (piece == 0)
        piece = ++m_lastPiece & 0xffffffff;
    {
        // Under the sleepers' mutex: a helper that found no new piece and is about to sleep
        // either sees this one or is woken by the notification.
        const std::lock_guard<std::mutex> lock(m_sleeping);
        m_claims.store((piece << 32) | (uint64_t(parts) << 16), std::memory_order_release);
    }
    m_wake.notify_all();
    runClaimedParts(piece);
    // The parts still running are a helper's; past SpinBudget (the helper lost its core), this
    // thread gives its core away between looks.
    const auto finished = [this] { return m_unfinished.load(std::memory_order_acquire) == 0; };
    if (!spinFor(finished)) {
        while (!finished())
            std::this_thread::yield();
    }
}

void WorkerTeam::startHelpers(int64_t count)
{
    try {
        while (int64_t(m_helpers.size()) < count)
            m_helpers.emplace_back([this] { helperLoop(); });
    } catch (const std::system_error &) {
        // No more threads now: the parts go to the helpers there are and the caller.
    }
}

void WorkerTeam::runClaimedParts(uint64_t piece)
{
    uint64_t claims = m_claims.load(std::memory_order_acquire);
    while (pieceOf(claims) == piece && nextOf(claims) < partsOf(claims)) {
        if (!m_claims.compare_exchange_weak(claims, claims + 1, std::memory_order_acq_rel))
            continue; // `claims` now holds the current word
        // The claimed part keeps the piece unfinished, so m_part is still its function.
        (*m_part)(nextOf(claims));
        m_unfinished.fetch_sub(1, std::memory_order_release);
        claims = m_claims.load(std::memory_order_acquire);
    }
}

void WorkerTeam::helperLoop()
{
    uint64_t seen = 0;
    for (;;) {
        uint64_t piece = seen;
        const auto posted = [&] {
            piece = pieceOf(m_claims.load(std::memory_order_acquire));
            return piece != seen;
        };
        if (!spinFor(posted)) {
            std::unique_lock<std::mutex> lock(m_sleeping);
            m_wake.wait(lock, [&] { return posted() || m_stopping; });
            if (m_stopping)
                return;
        }
        seen = piece;
        runClaimedParts(piece);
    }
}

} // namespace kronos
