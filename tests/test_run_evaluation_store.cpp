#include "data/database_error.h"
#include "eval_test_support.h"
#include "market_test_database.h"
#include "run/run_evaluation_store.h"
#include "run/run_repository.h"

#include <QSqlQuery>
#include <QtTest>

// A run's evaluation summary stored with the run: one row per horizon and signal, replaced by
// the next evaluation, kept when a save fails.
class TestRunEvaluationStore : public QObject
{
    Q_OBJECT

private:
    static Eval::EvaluationReport reportAt(std::vector<int> horizons)
    {
        const Eval::PricePanel panel = EvalTestSupport::wigglingPanel();
        Eval::EvaluationOptions options;
        options.horizons = std::move(horizons);
        options.reversalLookback = 3;
        return Eval::evaluateScores(panel,
            EvalTestSupport::scoresOn(
                panel, { 10, 15, 20 }, [](int, int column) { return double((column * 5) % 12); }),
            options);
    }

    // "horizon signal gate" per stored row, in key order; gate empty when NULL.
    static QStringList storedRows(const QSqlDatabase &database, qint64 runId)
    {
        QSqlQuery query(database);
        query.exec(QStringLiteral("SELECT horizon, signal, practical_gate FROM run_evaluations"
                                  " WHERE run_id = %1 ORDER BY horizon, signal")
                       .arg(runId));
        QStringList rows;
        while (query.next())
            rows << QStringLiteral("%1 %2 %3")
                        .arg(query.value(0).toString(), query.value(1).toString(),
                            query.value(2).toString());
        return rows;
    }

    static qint64 createRun(const MarketTestDatabase &market)
    {
        RunSpec spec;
        spec.universe = QStringLiteral("sample");
        return RunRepository(market.database()).create(spec, 0, {});
    }

private Q_SLOTS:
    void replacesThePreviousEvaluation()
    {
        MarketTestDatabase market;
        QVERIFY(market.isOpen());
        const qint64 runId = createRun(market);
        QVERIFY(runId > 0);
        RunEvaluationStore store(market.database());

        store.save(runId, reportAt({ 5, 8 }));
        QCOMPARE(storedRows(market.database(), runId).size(), 6);

        const Eval::EvaluationReport report = reportAt({ 5 });
        store.save(runId, report);
        const Eval::GateResult &practical = report.gates.perHorizon[0].practical;
        const QString gate = practical.status == Eval::GateStatus::NotApplicable ? QString()
            : practical.passed()                                                 ? "1"
                                                                                 : "0";
        QCOMPARE(storedRows(market.database(), runId),
            (QStringList { "5 model " + gate, "5 momentum ", "5 reversal " }));
    }

    void keepsTheStoredEvaluationWhenASaveFails()
    {
        MarketTestDatabase market;
        QVERIFY(market.isOpen());
        const qint64 runId = createRun(market);
        QVERIFY(runId > 0);
        RunEvaluationStore store(market.database());
        store.save(runId, reportAt({ 5 }));

        // Two horizons of the same value collide on the primary key half-way through.
        try {
            store.save(runId, reportAt({ 8, 8 }));
            QFAIL("the save did not fail");
        } catch (const DatabaseError &error) {
            QVERIFY(QString::fromUtf8(error.what())
                        .startsWith(QStringLiteral("the evaluation was not stored with run")));
        }
        QCOMPARE(storedRows(market.database(), runId).size(), 3);
        QVERIFY(storedRows(market.database(), runId).first().startsWith(QStringLiteral("5 model")));
    }
};

QTEST_GUILESS_MAIN(TestRunEvaluationStore)
#include "test_run_evaluation_store.moc"
