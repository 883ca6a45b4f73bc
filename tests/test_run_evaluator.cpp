// RunEvaluator: a stored run judged from the database as `kronos-cli evaluate RUN_ID` and the
// GUI judge it — scores, predicted paths, sample paths, prices and sectors read back and
// evaluated; paths score horizons the run did not store and feed the IC decay; an old run
// without paths is evaluated at its own horizons only; a random-weights run never passes.

#include "evaluation_scores.h"
#include "market_test_database.h"
#include "price_store.h"
#include "run_evaluator.h"

#include <QtTest>
#include <cmath>

namespace {

constexpr int kTickers = 12;
constexpr int kRows = 100;
constexpr int kSteps = 8;
const int kScoredRows[] = { 65, 70, 75, 80 };

QDateTime dayAt(int row)
{
    return QDateTime(QDate(2020, 1, 1).addDays(row), QTime(0, 0), Qt::UTC);
}

QString tickerAt(int column)
{
    return QStringLiteral("T%1").arg(column, 2, 10, QLatin1Char('0'));
}

double closeAt(int row, int column)
{
    double logPrice = std::log(50.0 + column);
    for (int k = 1; k <= row; ++k)
        logPrice += 0.02 * std::sin(1.7 * k + 2.3 * column * column + column);
    return std::exp(logPrice);
}

} // namespace

class TestRunEvaluator : public QObject
{
    Q_OBJECT

private:
    MarketTestDatabase m_market;

    // A run scored at horizon 5 on kScoredRows, with 8-step paths and, `sampled`, 4 samples.
    qint64 storeRun(bool withPaths, bool sampled, const QString &randomShape = {})
    {
        RunRepository runs(m_market.database());
        RunSpec spec;
        spec.universe = QStringLiteral("U");
        spec.horizons = { 5 };
        spec.model.randomShape = randomShape;
        if (sampled)
            spec.sampling = { 1.0, 0, 1.0, 4, 1 };
        const qint64 id = runs.create(spec, kTickers * 4, {});
        QList<ScoreRow> scores;
        QList<SeriesPaths> paths;
        for (int row : kScoredRows) {
            for (int column = 0; column < kTickers; ++column) {
                SeriesPaths path { dayAt(row), tickerAt(column), closeAt(row, column), kSteps, {},
                    sampled ? 4 : 0, {} };
                // A model that leans on the true future a little.
                for (int step = 1; step <= kSteps; ++step)
                    path.mean.push_back(float(0.5 * path.lastClose
                        + 0.5 * closeAt(std::min(row + step, kRows - 1), column)));
                for (int sample = 0; sample < path.sampleCount; ++sample) {
                    for (int step = 1; step <= kSteps; ++step)
                        path.samples.push_back(
                            float(path.mean[size_t(step - 1)] * (1.0 + 0.01 * (sample - 1.5))));
                }
                ScoreRow score;
                score.date = path.date;
                score.ticker = path.ticker;
                score.horizon = 5;
                score.lastClose = path.lastClose;
                score.predictedClose = path.mean[4];
                score.score = score.predictedClose / score.lastClose - 1.0;
                scores << score;
                paths << path;
            }
        }
        runs.commitBatch(id, { 0, int(paths.size()), 1, 1 }, scores, {},
            withPaths ? paths : QList<SeriesPaths> {});
        runs.setStatus(id, RunStatus::Finished);
        return id;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_market.isOpen());
        PriceStore store(m_market.database());
        QList<TickerBar> bars;
        for (int column = 0; column < kTickers; ++column) {
            QVERIFY(store.setSector(tickerAt(column), column < 6 ? "Energy" : "Utilities"));
            for (int row = 0; row < kRows; ++row) {
                Bar bar;
                bar.timestamp = dayAt(row);
                bar.open = bar.high = bar.low = bar.close = closeAt(row, column);
                bars.append({ tickerAt(column), bar });
            }
        }
        QVERIFY2(store.writeBars(bars), qPrintable(store.errorString()));
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
