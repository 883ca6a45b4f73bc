// WorkerTeam: every part of a piece runs once and the piece is done when run() returns, from one
// thread or two at once, with helpers spinning or asleep, with more parts than helpers; a helper
// takes a part while the caller runs another.

#include "model/worker_team.h"

#include <QtTest>
#include <atomic>
#include <thread>
#include <vector>

using namespace kronos;

namespace {

// Runs `pieces` pieces of `parts` parts on `team`; true when every part of every piece ran
// exactly once before its run() returned.
bool everyPartRanOnce(WorkerTeam &team, int pieces, int parts)
{
    std::vector<std::atomic<int>> runs(static_cast<size_t>(parts));
    for (int piece = 0; piece < pieces; ++piece) {
        for (std::atomic<int> &count : runs)
            count.store(0);
        team.run(parts, [&](int64_t part) { runs[size_t(part)].fetch_add(1); });
        for (const std::atomic<int> &count : runs) {
            if (count.load() != 1)
                return false;
        }
    }
    return true;
}

// True when, of a piece of two parts, part 1 started on another thread while the caller ran
// part 0 (which waits for it, 30 s at most).
bool aHelperRanBesideTheCaller(WorkerTeam &team)
{
    std::atomic<bool> secondStarted { false };
    std::atomic<bool> sawIt { false };
    team.run(2, [&](int64_t part) {
        if (part == 1) {
            secondStarted.store(true);
            return;
        }
        for (int i = 0; i < 30000 && !secondStarted.load(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        sawIt.store(secondStarted.load());
    });
    return sawIt.load();
}

} // namespace

class TestWorkerTeam : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyPartRunsOnceBeforeRunReturns()
    {
        WorkerTeam team;
        for (int parts = 1; parts <= 5; ++parts)
            QVERIFY2(everyPartRanOnce(team, 2000, parts), qPrintable(QString::number(parts)));
    }

    void aHelperRunsAPartWhileTheCallerRunsAnother()
    {
        WorkerTeam team;
        QVERIFY(aHelperRanBesideTheCaller(team));
    }

    // Past the spin budget the helper sleeps; the next piece wakes it.
    void aSleepingHelperIsWokenForTheNextPiece()
    {
        WorkerTeam team;
        for (int piece = 0; piece < 5; ++piece) {
            QVERIFY(aHelperRanBesideTheCaller(team));
            std::this_thread::sleep_for(WorkerTeam::SpinBudget * 4);
        }
    }

    // The second caller runs its parts itself while the first's piece holds the team.
    void twoThreadsRunningPiecesAtOnceBothComplete()
    {
        WorkerTeam team;
        bool first = false;
        bool second = false;
        std::thread other([&] { first = everyPartRanOnce(team, 2000, 2); });
        second = everyPartRanOnce(team, 2000, 3);
        other.join();
        QVERIFY(first);
        QVERIFY(second);
    }

    void morePartsThanHelpersAllRun()
    {
        WorkerTeam team(2);
        QVERIFY(everyPartRanOnce(team, 200, 7));
    }

    void morePartsThanTheLimitAreRefused()
    {
        WorkerTeam team;
        std::atomic<int> runs { 0 };
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
            team.run(WorkerTeam::MostParts + 1, [&](int64_t) { runs.fetch_add(1); }));
        QCOMPARE(runs.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestWorkerTeam)
#include "test_worker_team.moc"
