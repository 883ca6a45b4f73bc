// The run session's one state (RunState) through a run's life on the fixture checkpoint:
// starting, running, pausing until the worker holds, cancelling, resuming the cancelled run, a
// probe in between, a failure. Each wait is for a state the session reports, never a fixed time.

#include "scoring_run_fixture.h"
#include "workbench/run_session.h"

#include <QSignalSpy>
#include <QtTest>

namespace {

constexpr int TimeoutMs = 120000;

QList<RunState> statesOf(const QSignalSpy &spy)
{
    QList<RunState> states;
    for (const QList<QVariant> &arguments : spy)
        states << arguments.first().value<RunState>();
    return states;
}

} // namespace

class TestRunSession : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScoringRunFixture> m_fixture;

    std::unique_ptr<RunSession> newSession()
    {
        auto session = std::make_unique<RunSession>(m_fixture->databasePath());
        session->worker()->setEngine(ScoringRunFixture::fixtureEngine());
        return session;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fixture = std::make_unique<ScoringRunFixture>();
        QVERIFY(m_fixture->isOpen());
    }

    void pauseHoldsUntilTheWorkerHoldsAndACancelledRunResumes()
    {
        const auto session = newSession();
        QSignalSpy states(session.get(), &RunSession::stateChanged);
        QSignalSpy finishedBatches(session.get(), &RunSession::batchFinished);
        QSignalSpy startedBatches(session.get(), &RunSession::batchStarted);
        QCOMPARE(session->state(), RunState::Idle);
        session->start(ScoringRunFixture::spec(1));
        QCOMPARE(session->state(), RunState::Starting);
        QVERIFY(!session->canResume());
        QTRY_VERIFY_WITH_TIMEOUT(finishedBatches.count() >= 1, TimeoutMs);

        session->pause();
        QCOMPARE(session->state(), RunState::Pausing);
        QVERIFY(session->canResume());
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), RunState::Paused, TimeoutMs);
        // The worker holds between batches: every batch it started has finished.
        QCOMPARE(startedBatches.count(), finishedBatches.count());

        session->cancel();
        QCOMPARE(session->state(), RunState::Cancelling);
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), RunState::Cancelled, TimeoutMs);
        QVERIFY(session->canResume());
        QCOMPARE(statesOf(states),
            (QList<RunState> { RunState::Starting, RunState::Running, RunState::Pausing,
                RunState::Paused, RunState::Cancelling, RunState::Cancelled }));

        // Resume continues the cancelled run with a control of its own: the old cancel is gone.
        states.clear();
        QSignalSpy finished(session.get(), &RunSession::runFinished);
        session->resume();
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), RunState::Finished, TimeoutMs);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().value<RunSummary>().status, RunStatus::Finished);
        QVERIFY(!session->canResume());
        QCOMPARE(statesOf(states),
            (QList<RunState> { RunState::Starting, RunState::Running, RunState::Finished }));
    }

    void aCancelWhileStartingEndsTheRunCancelled()
    {
        const auto session = newSession();
        session->start(ScoringRunFixture::spec(7));
        session->cancel();
        QCOMPARE(session->state(), RunState::Cancelling);
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), RunState::Cancelled, TimeoutMs);
        QVERIFY(session->canResume());
    }

    void aProbeReturnsToTheStateBeforeIt()
    {
        const auto session = newSession();
        session->start(ScoringRunFixture::spec(7));
        session->cancel();
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), RunState::Cancelled, TimeoutMs);

        QSignalSpy probeFinished(session.get(), &RunSession::probeFinished);
        session->probe(ScoringRunFixture::spec(7), { 1, 2 });
        QCOMPARE(session->state(), RunState::Probing);
        QVERIFY(session->isBusy());
        // One thing at a time: no run starts while the trials go.
        session->start(ScoringRunFixture::spec(7));
        QCOMPARE(session->state(), RunState::Probing);
        QTRY_COMPARE_WITH_TIMEOUT(probeFinished.count(), 1, TimeoutMs);
        QCOMPARE(probeFinished.first().first().toString(), QString());
        QCOMPARE(session->state(), RunState::Cancelled);
        QVERIFY(session->canResume());
    }

    void aFailedRunIsNotResumedByResume()
    {
        const auto session = newSession();
        RunSpec spec = ScoringRunFixture::spec(7);
        spec.universe = QStringLiteral("No such universe");
        QSignalSpy failed(session.get(), &RunSession::runFailed);
        session->start(spec);
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), RunState::Failed, TimeoutMs);
        QCOMPARE(failed.first().first().toString(),
            QStringLiteral("no universe named 'No such universe'"));
        QVERIFY(!session->canResume());
        session->resume();
        QCOMPARE(session->state(), RunState::Failed);
    }
};

QTEST_GUILESS_MAIN(TestRunSession)
#include "test_run_session.moc"
