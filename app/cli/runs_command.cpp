#include "cli/runs_command.h"

#include "cli/cli_dispatcher.h"
#include "cli/database_option.h"
#include "data/byte_size.h"
#include "data/market_database.h"
#include "run/run_merger.h"
#include "run/run_repository.h"
#include "run/score_csv_export.h"

#include <QCommandLineParser>

namespace {

constexpr int Failed = 1;
constexpr int UsageError = 2;

void printList(const RunRepository &runs, QTextStream &out)
{
    out << "id\tname\tstatus\tuniverse\tdates\tscored\tskipped\tplanned\tupdated\n";
    for (const RunRecord &run : runs.list())
        out << run.id << '\t' << run.name << '\t' << runStatusName(run.status) << '\t'
            << run.spec.universe << '\t' << run.spec.dates.text() << '\t' << run.scored << '\t'
            << run.skipped << '\t' << run.planned << '\t' << run.updated.toString(Qt::ISODate)
            << "\n";
}

void printRun(const RunRepository &runs, const RunRecord &run, QTextStream &out)
{
    const RunSpec &spec = run.spec;
    out << "run " << run.id << ": " << run.name << "\n"
        << "status: " << runStatusName(run.status)
        << (run.error.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(run.error)) << "\n"
        << "universe: " << spec.universe << "\n"
        << "dates: " << spec.dates.text() << "\n"
        << "horizons: " << spec.horizonsText() << ", lookback " << spec.lookback << "\n"
        << "model: "
        << (spec.model.randomShape.isEmpty()
                   ? spec.model.modelDir + QStringLiteral(" + ") + spec.model.tokenizerDir
                   : QStringLiteral("random weights, %1 shape").arg(spec.model.randomShape))
        << "\n"
        << "device: " << spec.device << ", batch "
        << (spec.batchSize > 0 ? QString::number(spec.batchSize) : QStringLiteral("auto"))
        << ", budget "
        << (spec.memoryBudgetMib > 0 ? ByteSize::format(ByteSize::fromMiB(spec.memoryBudgetMib))
                                     : QStringLiteral("default"))
        << "\n"
        << "sampling: " << samplingText(spec.sampling) << "\n";
    if (!spec.model.contentHash.isEmpty())
        out << "checkpoint contents: " << spec.model.contentHash << "\n";
    if (spec.shard)
        out << "shard: " << spec.shard->text() << " of the run in its spec's whole_run\n";
    out << "series: " << run.planned << " planned = " << run.scored << " scored + " << run.skipped
        << " skipped"
        << (run.scored + run.skipped < run.planned ? QStringLiteral(" + unfinished") : QString())
        << "\n";
    const QList<BatchTelemetry> batches = runs.batches(run.id);
    double seconds = 0;
    qint64 peak = 0;
    for (const BatchTelemetry &batch : batches) {
        seconds += batch.seconds;
        peak = std::max(peak, batch.peakBytes);
    }
    out << "batches: " << batches.size() << ", " << QString::number(seconds, 'f', 1)
        << " s forecasting, peak " << ByteSize::format(peak) << "\n";
    for (const SkippedSeries &item : runs.skipped(run.id))
        out << "skipped " << item.date.date().toString(Qt::ISODate) << ' ' << item.ticker << ": "
            << item.reason << "\n";
    for (const QString &text : runs.warnings(run.id))
        out << "warning: " << text << "\n";
}

bool readId(const QString &text, qint64 &id, QTextStream &err)
{
    bool ok = false;
    id = text.toLongLong(&ok);
    if (!ok || id < 1)
        err << "kronos-cli runs: '" << text << "' is not a run id\n";
    return ok && id >= 1;
}

QString changeText(MergeOutcome::Change change)
{
    switch (change) {
    case MergeOutcome::Change::Updated:
        return QStringLiteral("updated: the shards hold more than when last merged");
    case MergeOutcome::Change::Unchanged:
        return QStringLiteral("unchanged: these shards were merged already");
    case MergeOutcome::Change::Created:
        break;
    }
    return QStringLiteral("created");
}

int mergeShards(MarketDatabase &market, const QStringList &sources, bool partial, QTextStream &out,
    QTextStream &err)
{
    MergeOutcome outcome;
    try {
        outcome = RunMerger(market.database()).merge(sources, partial, [&](const QString &line) {
            err << line << "\n" << Qt::flush;
        });
    } catch (const MergeError &refusal) {
        for (const QString &date : refusal.missingDates())
            err << "missing: " << date << "\n";
        err << "kronos-cli runs merge: " << refusal.what() << "\n";
        return Failed;
    } catch (const std::exception &failure) {
        err << "kronos-cli runs merge: " << failure.what() << "\n";
        return Failed;
    }
    for (const QString &date : outcome.missingDates)
        out << "missing: " << date << "\n";
    for (const QString &warning : outcome.warnings)
        err << "warning: " << warning << "\n";
    out << QStringLiteral("run %1 (%2): %3 series scored + %4 skipped of %5 planned, from %6 "
                          "shards\n")
               .arg(outcome.runId)
               .arg(changeText(outcome.change))
               .arg(outcome.scored)
               .arg(outcome.skipped)
               .arg(outcome.planned)
               .arg(outcome.shards);
    return 0;
}

} // namespace

int runRunsCommand(
    const QStringList &arguments, QTextStream &out, QTextStream &err, const RunResumer &resume)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("List, show, resume, rename, compare, delete, export or merge scoring "
                       "runs. `merge` adds to --db the run made of the shards in the given "
                       "databases (kronos-cli score --shard I/N), exactly as one machine would "
                       "have scored it; merging the same shards again changes nothing."));
    parser.addHelpOption();
    const DatabaseOption database(parser);
    const QCommandLineOption output(QStringLiteral("output"),
        QStringLiteral("export, resume: the scores CSV to write."), QStringLiteral("F.csv"));
    const QCommandLineOption partial(QStringLiteral("partial"),
        QStringLiteral("merge: also when dates are missing (the merged run stays unfinished)."));
    parser.addOptions({ output, partial });
    parser.addPositionalArgument(QStringLiteral("action"),
        QStringLiteral("list | show ID | resume ID | rename ID NAME | compare ID ID | delete ID | "
                       "export ID --output F.csv | merge SHARD.sqlite... [--partial]"));
    if (const std::optional<int> status
        = parseCommandArguments(parser, arguments, QStringLiteral("runs"), out, err))
        return *status;
    const QStringList words = parser.positionalArguments();
    const QString action = words.value(0);
    const QMap<QString, int> wordCounts { { QStringLiteral("list"), 1 },
        { QStringLiteral("show"), 2 }, { QStringLiteral("resume"), 2 },
        { QStringLiteral("rename"), 3 }, { QStringLiteral("compare"), 3 },
        { QStringLiteral("delete"), 2 }, { QStringLiteral("export"), 2 } };
    const bool merge = action == QLatin1String("merge") && words.size() >= 2;
    if (!merge && (!wordCounts.contains(action) || words.size() != wordCounts.value(action))) {
        err << "kronos-cli runs: expected " << parser.positionalArguments().join(QLatin1Char(' '))
            << " to be one of: list | show ID | resume ID | rename ID NAME | compare ID ID | "
               "delete ID | export ID --output F.csv | merge SHARD.sqlite...\n";
        return UsageError;
    }
    if (action == QLatin1String("export") && !parser.isSet(output)) {
        err << "kronos-cli runs: export needs --output F.csv\n";
        return UsageError;
    }
    qint64 id = 0;
    if (action != QLatin1String("list") && !merge && !readId(words.at(1), id, err))
        return UsageError;

    MarketDatabase market;
    if (!database.open(parser, market, err))
        return Failed;
    if (merge)
        return mergeShards(market, words.mid(1), parser.isSet(partial), out, err);
    // Every failure of the run storage and the export is reported here, once.
    try {
        RunRepository runs(market.database());
        if (action == QLatin1String("list")) {
            printList(runs, out);
            return 0;
        }
        const std::optional<RunRecord> run = runs.find(id);
        if (!run) {
            err << "kronos-cli runs: no run with id " << id << "\n";
            return Failed;
        }
        if (action == QLatin1String("show")) {
            printRun(runs, *run, out);
        } else if (action == QLatin1String("resume")) {
            return resume(market.filePath(), id, parser.value(output), out, err);
        } else if (action == QLatin1String("rename")) {
            runs.rename(id, words.at(2));
        } else if (action == QLatin1String("compare")) {
            qint64 other = 0;
            if (!readId(words.at(2), other, err))
                return UsageError;
            if (!runs.find(other)) {
                err << "kronos-cli runs: no run with id " << other << "\n";
                return Failed;
            }
            const RunComparison comparison = runs.compare(id, other);
            out << "common rows: " << comparison.commonRows << "\n"
                << "only in " << id << ": " << comparison.onlyInFirst << "\n"
                << "only in " << other << ": " << comparison.onlyInSecond << "\n"
                << "max |score difference|: "
                << QString::number(comparison.maxAbsScoreDifference, 'g', 6) << "\n"
                << "mean |score difference|: "
                << QString::number(comparison.meanAbsScoreDifference, 'g', 6) << "\n";
        } else if (action == QLatin1String("delete")) {
            runs.remove(id);
        } else {
            ScoreCsvExport::write(
                parser.value(output), { id, run->name, run->spec.model }, runs.scores(id));
        }
    } catch (const std::exception &failure) {
        err << "kronos-cli runs: " << failure.what() << "\n";
        return Failed;
    }
    return 0;
}
