// RunEvaluator: a stored run judged from the database as `kronos-cli evaluate RUN_ID` and the
// GUI judge it — scores, predicted paths, sample paths, prices and sectors read back and
// evaluated; paths score horizons the run did not store and feed the IC decay; an old run
// without paths is evaluated at its own horizons only; a random-weights run never passes.

#include "run/run_evaluator.h"
#include "stored_run_fixture.h"

#include <QtTest>

using namespace StoredRunFixture;

class TestRunEvaluator : public QObject
{
    Q_OBJECT

private:
    MarketTestDatabase m_market;

    qint64 storeRun(bool withPaths, bool sampled, const QString &randomShape = {})
    {
        return StoredRunFixture::storeRun(m_market, withPaths, sampled, randomShape);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_market.isOpen());
        StoredRunFixture::writeMarket(m_market);
    }

    void pathsScoreOtherHorizonsAndFeedTheDecay()
    {
        const qint64 id = storeRun(true, false);
        QVERIFY(id > 0);
        Eval::EvaluationOptions options;
        options.horizons = { 5, 3 };
        const RunEvaluation evaluation = RunEvaluator(m_market.database()).evaluate(id, options);
        QCOMPARE(evaluation.run.id, id);
        QVERIFY(evaluation.notes.isEmpty());
        const Eval::EvaluationReport &report = evaluation.report;
        QVERIFY(!report.horizons[0].scoredFromPaths);
        QVERIFY(report.horizons[1].scoredFromPaths);
        QCOMPARE(report.horizons[1].model.perDate.size(), size_t(4));
        QVERIFY(report.horizons[1].model.overall.rankIc.mean);
        QCOMPARE(report.icDecay.size(), size_t(3 * kSteps));
        QCOMPARE(report.icDecay[kSteps - 1].horizon, kSteps);
        QVERIFY(!report.horizons[0].calibration); // not sampled
        // Sectors come from the database: two sectors, no Unknown.
        QCOMPARE(report.tickersWithoutSector, 0);
        QCOMPARE(report.horizons[0].model.sectorRankIc.size(), size_t(2));
    }

    void theRunsOwnHorizonsByDefault()
    {
        const qint64 id = storeRun(true, false);
        Eval::EvaluationOptions options;
        options.horizons.clear();
        const RunEvaluation evaluation = RunEvaluator(m_market.database()).evaluate(id, options);
        QCOMPARE(evaluation.report.horizons.size(), size_t(1));
        QCOMPARE(evaluation.report.horizons[0].horizon, 5);
    }

    // Sample returns at each evaluated horizon come from the sample paths; the run's bands from
    // its sampled percentiles would be the scores' p10/p90 (not stored by this hand-made run).
    void samplesComeFromTheDatabase()
    {
        const qint64 id = storeRun(true, true);
        Eval::EvaluationOptions options;
        options.horizons = { 5, 2 };
        const RunEvaluation evaluation = RunEvaluator(m_market.database()).evaluate(id, options);
        QCOMPARE(evaluation.report.sampledForecasts, 2 * kTickers * 4);
        for (const Eval::HorizonEvaluation &horizon : evaluation.report.horizons) {
            QVERIFY(horizon.calibration);
            // Every scored name has 61 closes behind it and a forward return.
            QCOMPARE(horizon.calibration->n, kTickers * 4);
            QVERIFY(horizon.calibration->crps && horizon.calibration->coverageBaseline);
        }
    }

    void anOldRunWithoutPathsKeepsItsHorizons()
    {
        const qint64 id = storeRun(false, false);
        Eval::EvaluationOptions options;
        options.horizons = { 5, 3 };
        const RunEvaluation evaluation = RunEvaluator(m_market.database()).evaluate(id, options);
        QCOMPARE(evaluation.notes.size(), 1);
        QVERIFY2(evaluation.notes[0].contains(QStringLiteral("no stored paths")),
            qPrintable(evaluation.notes[0]));
        QVERIFY(evaluation.report.horizons[1].model.perDate.empty());
        QCOMPARE(evaluation.report.icDecay.size(), size_t(3 * 2)); // the evaluated horizons
        QVERIFY(evaluation.report.horizons[0].model.overall.rankIc.mean);
    }

    void randomWeightsRunsNeverPass()
    {
        const qint64 id = storeRun(true, false, QStringLiteral("mini"));
        Eval::EvaluationOptions options;
        options.horizons = { 5 };
        options.gates.factorMinRankIc = -1.0; // whatever the figures, a control never passes
        options.gates.mlMinRankIc = -1.0;
        options.gates.minNeweyWestT = -100.0;
        const RunEvaluation evaluation = RunEvaluator(m_market.database()).evaluate(id, options);
        QVERIFY(evaluation.report.randomWeights);
        const Eval::HorizonGates &gates = evaluation.report.gates.perHorizon[0];
        QCOMPARE(gates.factor.status, Eval::GateStatus::NotApplicable);
        QCOMPARE(gates.ml.status, Eval::GateStatus::NotApplicable);
    }

    void unknownRunsFail()
    {
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
            RunEvaluator(m_market.database()).evaluate(9999, Eval::EvaluationOptions {}));
    }
};

QTEST_GUILESS_MAIN(TestRunEvaluator)
#include "test_run_evaluator.moc"
