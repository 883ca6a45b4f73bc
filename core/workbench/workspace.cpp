#include "workbench/workspace.h"

#include "data/bundled_sample.h"
#include "data/csv_importer.h"
#include "data/database_error.h"
#include "data/market_database.h"
#include "data/price_store.h"
#include "data/ticker_list_reader.h"
#include "data/universe_repository.h"
#include "run/run_evaluation_store.h"
#include "run/run_evaluator.h"
#include "run/run_report_subject.h"
#include "run/run_repository.h"
#include "run/store_evaluation.h"

#include <QFileInfo>
#include <QMutex>
#include <algorithm>
#include <stdexcept>
#include <utility>

// The workspace's file as its tasks open it: one open at a time, so that the task that finds
// the file new (the catalog's or the run list's: whichever the pool starts first) has installed
// the bundled sample before another task reads the file.
class WorkspaceFile
{
public:
    explicit WorkspaceFile(QString path)
        : m_path(std::move(path))
    {
    }

    const QString &path() const { return m_path; }

    // Opens `market` on the file; installs the sample when this open created the schema.
    void open(MarketDatabase &market)
    {
        const QMutexLocker lock(&m_opening);
        market.open(m_path);
        if (market.wasCreated()) {
            BundledSample::install(market.database());
            m_sampleInstalled = true;
        }
    }

    // True once after an open installed the sample: the catalog tells the user.
    bool takeSampleInstalled()
    {
        const QMutexLocker lock(&m_opening);
        return std::exchange(m_sampleInstalled, false);
    }

private:
    const QString m_path;
    QMutex m_opening;
    bool m_sampleInstalled = false;
};

namespace {

// Runs `work()` and returns its result; when it throws, a result that carries the message in
// `error`. The one place where a failure inside a task becomes a result (the thread boundary).
template <typename Result, typename Work> Result resultOf(const Work &work)
{
    try {
        return work();
    } catch (const std::exception &exception) {
        Result failed {};
        failed.error = QString::fromUtf8(exception.what());
        return failed;
    }
}

// resultOf(work(MarketDatabase &)) with a connection of its own; a file that cannot be opened
// is the result's `error` too.
template <typename Result, typename Work>
Result onDatabase(WorkspaceFile &workspaceFile, Work &work)
{
    return resultOf<Result>([&] {
        MarketDatabase market;
        workspaceFile.open(market);
        return work(market);
    });
}

MarketCatalog readCatalog(MarketDatabase &database)
{
    MarketCatalog catalog;
    const UniverseRepository universes(database.database());
    const PriceStore prices(database.database());
    for (const Instrument &instrument : prices.instruments()) {
        if (!instrument.sector.isEmpty())
            catalog.sectors.insert(instrument.ticker, instrument.sector);
    }
    for (const Universe &universe : universes.list()) {
        UniverseInfo info { universe.name, int(universe.tickers.size()), {} };
        QDate previous;
        for (const QDateTime &timestamp : prices.timestamps(universe.tickers)) {
            // Intraday bars share a day; the run setup picks evaluation days.
            if (timestamp.date() != previous)
                info.tradingDays.append(previous = timestamp.date());
        }
        catalog.universes.append(info);
    }
    return catalog;
}

// `edit(repository)` followed by the list of runs as they are afterwards.
template <typename Edit> RunListing listAfter(MarketDatabase &database, const Edit &edit)
{
    RunRepository repository(database.database());
    RunListing listing;
    try {
        listing = edit(repository);
    } catch (const std::exception &failure) {
        // The edit is not done; the runs are listed as they are.
        listing.error = QString::fromUtf8(failure.what());
    }
    listing.runs = repository.list();
    return listing;
}

StoredRun readStoredRun(MarketDatabase &database, qint64 runId)
{
    StoredRun run;
    const RunRepository repository(database.database());
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

ForecastBars readForecastBars(MarketDatabase &database, const QString &ticker, const QDate &date,
    int contextBars, int realizedBars)
{
    ForecastBars result;
    const QList<Bar> bars = PriceStore(database.database()).bars(ticker, PriceAdjustment::Adjusted);
    const auto afterDate = std::find_if(bars.cbegin(), bars.cend(),
        [&date](const Bar &bar) { return bar.timestamp.date() > date; });
    const qsizetype split = afterDate - bars.cbegin();
    const qsizetype first = std::max<qsizetype>(0, split - contextBars);
    result.context = bars.mid(first, split - first);
    result.realized = bars.mid(split, realizedBars);
    if (result.context.isEmpty())
        result.error = QStringLiteral("%1 has no bars up to %2 in the database")
                           .arg(ticker, date.toString(Qt::ISODate));
    return result;
}

// `edit(repository)` followed by the universes as they are afterwards.
template <typename Edit> UniverseEdit universesAfter(MarketDatabase &database, const Edit &edit)
{
    UniverseRepository repository(database.database());
    UniverseEdit result;
    try {
        result = edit(repository);
    } catch (const std::exception &failure) {
        // Refused or failed, the edit changed nothing; the universes are listed as they are.
        result.error = QString::fromUtf8(failure.what());
    }
    result.universes = repository.list();
    return result;
}

// The result of a create: what was stored, and the tickers left out.
UniverseEdit created(UniverseRepository &repository, const QString &name,
    const QStringList &tickers, const QString &description)
{
    UniverseEdit edit;
    repository.create(name, description, tickers, &edit.unknownTickers);
    edit.message = QStringLiteral("Created '%1' with %2 tickers.")
                       .arg(name)
                       .arg(tickers.size() - edit.unknownTickers.size());
    edit.selected = name;
    return edit;
}

// The result of an edit that was done.
UniverseEdit done(const QString &message, const QString &selected)
{
    UniverseEdit edit;
    edit.message = message;
    edit.selected = selected;
    return edit;
}

EvaluationOutcome outcomeOf(Eval::EvaluationReport report, const Eval::EvaluationOptions &options,
    Eval::PricePanel panel, const QStringList &missingTickers)
{
    EvaluationOutcome outcome;
    outcome.report = std::move(report);
    outcome.options = options;
    outcome.panel = std::make_shared<const Eval::PricePanel>(std::move(panel));
    outcome.missingTickers = missingTickers;
    return outcome;
}

} // namespace

Workspace::Workspace(QString databasePath)
    : m_file(std::make_shared<WorkspaceFile>(std::move(databasePath)))
{
}

QString Workspace::databasePath() const
{
    return m_file->path();
}

Workspace::~Workspace() = default;

QString Workspace::defaultDatabasePath()
{
    return MarketDatabase::defaultPath();
}

QFuture<MarketCatalog> Workspace::loadCatalog()
{
    return m_executor.run([workspaceFile = m_file] {
        const auto work = [&](MarketDatabase &market) {
            MarketCatalog catalog = readCatalog(market);
            // Taken once the catalog is read: a failed read keeps it for the next load.
            catalog.sampleInstalled = workspaceFile->takeSampleInstalled();
            return catalog;
        };
        return onDatabase<MarketCatalog>(*workspaceFile, work);
    });
}

QFuture<RunListing> Workspace::listRuns()
{
    return m_executor.run([workspaceFile = m_file] {
        const auto work = [](MarketDatabase &database) {
            return listAfter(database, [](RunRepository &) { return RunListing {}; });
        };
        return onDatabase<RunListing>(*workspaceFile, work);
    });
}

QFuture<RunListing> Workspace::renameRun(qint64 runId, const QString &name)
{
    return m_executor.run([workspaceFile = m_file, runId, name] {
        const auto work = [&](MarketDatabase &database) {
            return listAfter(database, [&](RunRepository &repository) {
                repository.rename(runId, name);
                RunListing listing;
                listing.message = QStringLiteral("Renamed to '%1'.").arg(name);
                return listing;
            });
        };
        return onDatabase<RunListing>(*workspaceFile, work);
    });
}

QFuture<RunListing> Workspace::deleteRun(qint64 runId)
{
    return m_executor.run([workspaceFile = m_file, runId] {
        const auto work = [&](MarketDatabase &database) {
            return listAfter(database, [&](RunRepository &repository) {
                repository.remove(runId);
                RunListing listing;
                listing.message = QStringLiteral("Run deleted.");
                return listing;
            });
        };
        return onDatabase<RunListing>(*workspaceFile, work);
    });
}

QFuture<RunListing> Workspace::compareRuns(qint64 firstRunId, qint64 secondRunId)
{
    return m_executor.run([workspaceFile = m_file, firstRunId, secondRunId] {
        const auto work = [&](MarketDatabase &database) {
            return listAfter(database, [&](RunRepository &repository) {
                RunListing listing;
                listing.comparison = repository.compare(firstRunId, secondRunId);
                listing.firstCompared = firstRunId;
                listing.secondCompared = secondRunId;
                return listing;
            });
        };
        return onDatabase<RunListing>(*workspaceFile, work);
    });
}

QFuture<StoredRun> Workspace::readRun(qint64 runId)
{
    return m_executor.run([workspaceFile = m_file, runId] {
        const auto work = [&](MarketDatabase &database) { return readStoredRun(database, runId); };
        return onDatabase<StoredRun>(*workspaceFile, work);
    });
}

QFuture<PastBatches> Workspace::pastBatches(
    const ModelSource &model, const QString &device, qint64 exceptRunId)
{
    return m_executor.run([workspaceFile = m_file, model, device, exceptRunId] {
        const auto work = [&](MarketDatabase &database) {
            PastBatches past;
            past.batches
                = RunRepository(database.database()).checkpointBatches(model, device, exceptRunId);
            return past;
        };
        return onDatabase<PastBatches>(*workspaceFile, work);
    });
}

QFuture<ForecastBars> Workspace::forecastBars(
    const QString &ticker, const QDate &date, int contextBars, int realizedBars)
{
    return m_executor.run([workspaceFile = m_file, ticker, date, contextBars, realizedBars] {
        const auto work = [&](MarketDatabase &database) {
            return readForecastBars(database, ticker, date, contextBars, realizedBars);
        };
        return onDatabase<ForecastBars>(*workspaceFile, work);
    });
}

QFuture<UniverseEdit> Workspace::listUniverses(const QString &selected)
{
    return m_executor.run([workspaceFile = m_file, selected] {
        const auto work = [&](MarketDatabase &database) {
            return universesAfter(database, [&](UniverseRepository &) {
                UniverseEdit edit;
                edit.selected = selected;
                return edit;
            });
        };
        return onDatabase<UniverseEdit>(*workspaceFile, work);
    });
}

QFuture<UniverseEdit> Workspace::createUniverse(const QString &name, const QString &tickers)
{
    return m_executor.run([workspaceFile = m_file, name, tickers] {
        const auto work = [&](MarketDatabase &database) {
            return universesAfter(database, [&](UniverseRepository &repository) {
                return created(repository, name, TickerListReader::fromText(tickers), {});
            });
        };
        return onDatabase<UniverseEdit>(*workspaceFile, work);
    });
}

QFuture<UniverseEdit> Workspace::createUniverseFromFile(const QString &name, const QString &file)
{
    return m_executor.run([workspaceFile = m_file, name, file] {
        const auto work = [&](MarketDatabase &database) {
            return universesAfter(database, [&](UniverseRepository &repository) {
                return created(repository, name, TickerListReader::fromFile(file),
                    QStringLiteral("From %1").arg(QFileInfo(file).fileName()));
            });
        };
        return onDatabase<UniverseEdit>(*workspaceFile, work);
    });
}

QFuture<UniverseEdit> Workspace::renameUniverse(const QString &name, const QString &newName)
{
    return m_executor.run([workspaceFile = m_file, name, newName] {
        const auto work = [&](MarketDatabase &database) {
            return universesAfter(database, [&](UniverseRepository &repository) {
                repository.rename(name, newName);
                return done(QStringLiteral("Renamed '%1' to '%2'.").arg(name, newName), newName);
            });
        };
        return onDatabase<UniverseEdit>(*workspaceFile, work);
    });
}

QFuture<UniverseEdit> Workspace::duplicateUniverse(const QString &name, const QString &newName)
{
    return m_executor.run([workspaceFile = m_file, name, newName] {
        const auto work = [&](MarketDatabase &database) {
            return universesAfter(database, [&](UniverseRepository &repository) {
                repository.duplicate(name, newName);
                return done(QStringLiteral("Copied '%1' to '%2'.").arg(name, newName), newName);
            });
        };
        return onDatabase<UniverseEdit>(*workspaceFile, work);
    });
}

QFuture<UniverseEdit> Workspace::deleteUniverse(const QString &name)
{
    return m_executor.run([workspaceFile = m_file, name] {
        const auto work = [&](MarketDatabase &database) {
            return universesAfter(database, [&](UniverseRepository &repository) {
                repository.remove(name);
                return done(QStringLiteral("Deleted '%1'.").arg(name), {});
            });
        };
        return onDatabase<UniverseEdit>(*workspaceFile, work);
    });
}

QFuture<UniverseEdit> Workspace::addUniverseMembers(const QString &name, const QString &tickers)
{
    return m_executor.run([workspaceFile = m_file, name, tickers] {
        const auto work = [&](MarketDatabase &database) {
            return universesAfter(database, [&](UniverseRepository &repository) {
                const QStringList typed = TickerListReader::fromText(tickers);
                UniverseEdit edit;
                repository.addTickers(name, typed, &edit.unknownTickers);
                QStringList added = typed;
                for (const QString &unknown : std::as_const(edit.unknownTickers))
                    added.removeAll(unknown);
                edit.message = QStringLiteral("Added %1 to '%2'.")
                                   .arg(added.join(QStringLiteral(", ")), name);
                edit.selected = name;
                return edit;
            });
        };
        return onDatabase<UniverseEdit>(*workspaceFile, work);
    });
}

QFuture<UniverseEdit> Workspace::removeUniverseMembers(
    const QString &name, const QStringList &tickers)
{
    return m_executor.run([workspaceFile = m_file, name, tickers] {
        const auto work = [&](MarketDatabase &database) {
            return universesAfter(database, [&](UniverseRepository &repository) {
                repository.removeTickers(name, tickers);
                return done(QStringLiteral("Removed %1 from '%2'.")
                                .arg(tickers.join(QStringLiteral(", ")), name),
                    name);
            });
        };
        return onDatabase<UniverseEdit>(*workspaceFile, work);
    });
}

QFuture<ImportOutcome> Workspace::importFiles(
    const QStringList &paths, std::shared_ptr<const std::atomic<bool>> cancel)
{
    return m_executor.runWithPromise<ImportOutcome>(
        [workspaceFile = m_file, paths, cancel](QPromise<ImportOutcome> &promise) {
            const auto work = [&](MarketDatabase &market) {
                ImportOutcome outcome;
                promise.setProgressRange(0, int(CsvImporter::expandPaths(paths).size()));
                CsvImporter importer(market.database(), cancel.get());
                // A database error stops the import; the report keeps the files imported
                // before it, and the sector universes are refreshed for them.
                try {
                    importer.importPaths(paths, outcome.report, [&](const FileImportReport &file) {
                        promise.setProgressValueAndText(
                            int(outcome.report.files.size()), QFileInfo(file.file).fileName());
                    });
                } catch (const DatabaseError &failure) {
                    outcome.error = QString::fromUtf8(failure.what());
                }
                // New tickers with sectors belong in their sector's universe at once, as after
                // a CLI import.
                try {
                    if (outcome.report.imported() > 0)
                        UniverseRepository(market.database())
                            .refreshSectorUniverses(&outcome.report.universeChanges);
                } catch (const DatabaseError &failure) {
                    const QString notUpdated = QStringLiteral("Sector universes not updated: %1")
                                                   .arg(QString::fromUtf8(failure.what()));
                    outcome.error = outcome.error.isEmpty()
                        ? notUpdated
                        : outcome.error + QLatin1Char('\n') + notUpdated;
                }
                return outcome;
            };
            promise.addResult(onDatabase<ImportOutcome>(*workspaceFile, work));
        });
}

QFuture<ScoreFileRead> Workspace::readScoreFile(const QString &path)
{
    return m_executor.run([path] {
        return resultOf<ScoreFileRead>([&] {
            return ScoreFileRead { Eval::readScoreFile(path), QString() };
        });
    });
}

QFuture<RunTimeEstimateRead> Workspace::estimateRunTime(const RunSpec &spec, int series)
{
    return m_executor.run([workspaceFile = m_file, spec, series] {
        const auto work = [&](MarketDatabase &database) {
            return RunTimeEstimateRead {
                RunTimeEstimator::estimate(RunRepository(database.database()), spec, series), {}
            };
        };
        return onDatabase<RunTimeEstimateRead>(*workspaceFile, work);
    });
}

QFuture<ClusterJobWrite> Workspace::writeClusterJob(
    const RunSpec &spec, const SlurmJobOptions &options)
{
    return m_executor.run([workspaceFile = m_file, spec, options] {
        return resultOf<ClusterJobWrite>([&] {
            return ClusterJobWrite { SlurmJobWriter::write(spec, options, workspaceFile->path()),
                {} };
        });
    });
}

QFuture<EvaluationOutcome> Workspace::evaluateRun(
    qint64 runId, const Eval::EvaluationOptions &options)
{
    return m_executor.run([workspaceFile = m_file, runId, options] {
        const auto work = [&](MarketDatabase &database) {
            RunEvaluation run = RunEvaluator(database.database()).evaluate(runId, options);
            RunEvaluationStore(database.database()).save(runId, run.report);
            EvaluationOutcome outcome = outcomeOf(
                std::move(run.report), run.options, std::move(run.panel), run.missingTickers);
            outcome.runId = runId;
            outcome.run = RunIdentity { run.run.id, run.run.name, run.run.spec.model };
            outcome.scoreCount = run.scoreCount;
            outcome.notes = run.notes;
            outcome.subject = runReportSubject(run.run);
            Eval::notePriceSource(outcome.subject, workspaceFile->path());
            return outcome;
        };
        return onDatabase<EvaluationOutcome>(*workspaceFile, work);
    });
}

QFuture<EvaluationOutcome> Workspace::evaluateScores(
    std::shared_ptr<const Eval::EvaluationInput> input, const Eval::EvaluationOptions &options,
    const Eval::ReportSubject &subject)
{
    return m_executor.run([workspaceFile = m_file, input, options, subject] {
        const auto work = [&](MarketDatabase &database) {
            StoreEvaluation judged = evaluateAgainstStore(database.database(), *input, options);
            EvaluationOutcome outcome = outcomeOf(std::move(judged.report), options,
                std::move(judged.prices.panel), judged.prices.missingTickers);
            outcome.scoreCount = int(input->scores.size());
            outcome.subject = subject;
            Eval::notePriceSource(outcome.subject, workspaceFile->path());
            return outcome;
        };
        return onDatabase<EvaluationOutcome>(*workspaceFile, work);
    });
}
