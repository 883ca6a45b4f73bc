#include "stored_run.h"

#include "market_database.h"

StoredRun StoredRun::read(const QString &databasePath, qint64 runId)
{
    StoredRun run;
    MarketDatabase market;
    if (!market.open(databasePath)) {
        run.error = market.errorString();
        return run;
    }
    const RunRepository repository(market.database());
    const std::optional<RunRecord> record = repository.find(runId);
    if (!record) {
        run.error = QStringLiteral("run %1 is not in the database").arg(runId);
        return run;
    }
    run.record = *record;
    // The device default is read from the system: here, off the GUI thread.
    run.budgetBytes = record->spec.memoryBudgetBytes();
    run.scores = repository.scores(runId);
    run.batches = repository.batches(runId);
    run.memorySamples = repository.memorySamples(runId);
    return run;
}
