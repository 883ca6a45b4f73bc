#include "cli/bench_command.h"

#include "cli/cli_dispatcher.h"
#include "cli/engine_options_parser.h"
#include "cli/forecast_csv.h"
#include "data/byte_size.h"
#include "data/csv_importer.h"
#include "data/market_database.h"
#include "data/price_store.h"
#include "inference/compute_libraries.h"
#include "inference/forecast_work.h"
#include "inference/machine_rates.h"
#include "inference/memory_probe.h"
#include "inference/op_profile.h"
#include "inference/process_cpu_clock.h"

#include <ATen/Parallel.h>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <optional>
#include <torch/torch.h>

namespace {

// The last `lookback` daily bars of the first `count` tickers in `folder` that have that many.
std::vector<kronos::SeriesInput> loadSeries(
    const QString &folder, int count, int lookback, int predLen, QString &error)
{
    QTemporaryDir scratch;
    MarketDatabase database;
    database.open(scratch.filePath(QStringLiteral("bench.sqlite")));
    QStringList files
        = QDir(folder).entryList({ QStringLiteral("*.csv") }, QDir::Files, QDir::Name);
    std::vector<kronos::SeriesInput> series;
    CsvImporter importer(database.database());
    PriceStore store(database.database());
    for (const QString &file : files) {
        if (int(series.size()) == count)
            break;
        const FileImportReport report = importer.importFile(QDir(folder).filePath(file));
        for (const QString &ticker : store.tickers()) {
            if (int(series.size()) == count)
                break;
            if (std::any_of(series.begin(), series.end(),
                    [&](const kronos::SeriesInput &s) { return s.key == ticker; }))
                continue;
            const QList<Bar> bars = store.bars(ticker, PriceAdjustment::Raw);
            if (bars.size() < lookback)
                continue;
            kronos::SeriesInput input;
            input.key = ticker;
            for (qsizetype i = bars.size() - lookback; i < bars.size(); ++i) {
                const Bar &bar = bars[i];
                input.timestamps.append(bar.timestamp);
                input.bars.push_back({ bar.open, bar.high, bar.low, bar.close,
                    bar.volume.value_or(0), bar.amount.value_or(0) });
            }
            input.columns = kronos::GivenColumns::PricesVolume;
            input.futureTimestamps = continueTimestamps(input.timestamps, predLen);
            series.push_back(std::move(input));
        }
    }
    if (int(series.size()) < count)
        error = QStringLiteral("only %1 tickers in %2 have %3 bars; %4 wanted")
                    .arg(series.size())
                    .arg(folder)
                    .arg(lookback)
                    .arg(count);
    return series;
}

// "seconds GFLOP/s share-of-SGEMM%" of one stage.
QString stageCell(double seconds, double flops, double sgemmRate)
{
    const double rate = seconds > 0 ? flops / seconds : 0;
    return QStringLiteral("%1 %2 %3%")
        .arg(seconds, 6, 'f', 2)
        .arg(rate / 1e9, 5, 'f', 0)
        .arg(100 * rate / sgemmRate, 3, 'f', 0);
}

// " GB/s share-of-read-rate%" of a stage's reads (blank when none are counted).
QString readsCell(double seconds, double bytes, double readRate)
{
    if (bytes <= 0)
        return QString(12, QLatin1Char(' '));
    const double rate = seconds > 0 ? bytes / seconds : 0;
    return QStringLiteral(" %1 %2%")
        .arg(rate / 1e9, 5, 'f', 1)
        .arg(100 * rate / readRate, 4, 'f', 0);
}

// The machine's rates now and the table's column heads.
void printTableHead(double sgemmRate, double readRate, QTextStream &out)
{
    out << QStringLiteral("SGEMM 3024x512x512 now: %1 GFLOP/s; reading 256 MB: %2 GB/s. Per "
                          "stage: seconds, GFLOP/s of its dense work, share of the SGEMM rate; "
                          "steps also GB/s of their reads (weights, caches), share of the read "
                          "rate. Floor: all the dense work at the SGEMM rate; with reads: the "
                          "steps no faster than their reads either\n")
               .arg(sgemmRate / 1e9, 0, 'f', 0)
               .arg(readRate / 1e9, 0, 'f', 1);
    out << "kv cache |  seconds | CPU s | series/s |    encode         |    prefill        "
           "|    steps                      |    decode         |   floor (x)    | "
           " with reads (x) | peak RSS MiB\n";
}

// Per stage, the operator classes by self time and their share of the stage's profiled time.
void printProfile(const std::vector<kronos::OpClassTime> &times, QTextStream &out)
{
    QString stage;
    for (const kronos::OpClassTime &entry : times) {
        if (entry.stage != stage) {
            stage = entry.stage;
            double stageSeconds = 0;
            for (const kronos::OpClassTime &other : times)
                stageSeconds += other.stage == stage ? other.seconds : 0;
            out << QStringLiteral("  profile, %1: %2 s of operators\n")
                       .arg(stage)
                       .arg(stageSeconds, 0, 'f', 3);
            stageSeconds = std::max(stageSeconds, 1e-9);
            for (const kronos::OpClassTime &other : times)
                if (other.stage == stage)
                    out << QStringLiteral("    %1 %2 s %3% (%4 calls)\n")
                               .arg(other.opClass, -18)
                               .arg(other.seconds, 7, 'f', 3)
                               .arg(100 * other.seconds / stageSeconds, 5, 'f', 1)
                               .arg(other.calls);
        }
    }
}

} // namespace

int runBenchCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Measure forecast speed: a published Kronos shape with seeded random weights, "
        "N series of real daily bars, greedy decoding, KV cache on and off."));
    parser.addHelpOption();
    const QCommandLineOption size(QStringLiteral("size"),
        QStringLiteral("mini, small or base (default small)."), QStringLiteral("SHAPE"),
        QStringLiteral("small"));
    const QCommandLineOption seriesCount(QStringLiteral("series"),
        QStringLiteral("Series in the batch (default 12)."), QStringLiteral("N"),
        QStringLiteral("12"));
    const QCommandLineOption lookback(QStringLiteral("lookback"),
        QStringLiteral("Context bars (default 252)."), QStringLiteral("N"), QStringLiteral("252"));
    const QCommandLineOption predLen(QStringLiteral("pred-len"),
        QStringLiteral("Steps (default 20)."), QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption data(QStringLiteral("data"),
        QStringLiteral("Folder of daily price CSVs (e.g. Yahoo per-ticker files)."),
        QStringLiteral("DIR"));
    const QCommandLineOption seed(QStringLiteral("weights-seed"),
        QStringLiteral("Seed of the random weights (default 1)."), QStringLiteral("N"),
        QStringLiteral("1"));
    const QCommandLineOption cache(QStringLiteral("cache"),
        QStringLiteral("on, off or both (default both)."), QStringLiteral("MODE"),
        QStringLiteral("both"));
    const QCommandLineOption profile(QStringLiteral("profile"),
        QStringLiteral("Also print where the time goes: self time per stage and operator class "
                       "(libtorch's profiler, which slows small operators down)."));
    parser.addOptions({ size, seriesCount, lookback, predLen, data, seed, cache, profile });
    const EngineOptionsParser engineOptions(parser, /*withSampling=*/false);
    if (const std::optional<int> status
        = parseCommandArguments(parser, arguments, QStringLiteral("bench"), out, err))
        return *status;
    kronos::EngineOptions engine;
    kronos::SamplingOptions unusedSampling;
    int threads = 0;
    QString error;
    const int count = parser.value(seriesCount).toInt();
    const int context = parser.value(lookback).toInt();
    const int steps = parser.value(predLen).toInt();
    const QString cacheMode = parser.value(cache);
    if (!parser.isSet(data))
        error = QStringLiteral("--data DIR is required (a folder of daily price CSVs)");
    else if (count < 1 || context < 1 || steps < 1)
        error = QStringLiteral("--series, --lookback and --pred-len must be positive integers");
    else if (!QStringList { QStringLiteral("on"), QStringLiteral("off"), QStringLiteral("both") }
                  .contains(cacheMode))
        error = QStringLiteral("--cache must be on, off or both");
    else
        engineOptions.read(parser, engine, unusedSampling, threads, error);
    if (!error.isEmpty()) {
        err << "kronos-cli bench: " << error << "\n";
        return 2;
    }
    kronos::setComputeThreads(threads);

    try {
        const kronos::PublishedShape shape = kronos::publishedShape(parser.value(size));
        const std::vector<kronos::SeriesInput> series
            = loadSeries(parser.value(data), count, context, steps, error);
        if (!error.isEmpty()) {
            err << "kronos-cli bench: " << error << "\n";
            return 1;
        }
        out << QStringLiteral(
            "Kronos-%1 shape, random weights (seed %2), %3 series x %4 bars -> %5 steps, "
            "greedy, %6 threads, device %7\n")
                   .arg(shape.name, parser.value(seed))
                   .arg(count)
                   .arg(context)
                   .arg(steps)
                   .arg(at::get_num_threads())
                   .arg(engine.device);
        out << "libtorch " << kronos::libtorchVersion() << ", BLAS: " << kronos::blasDescription()
            << "\n";
        double secondsWithCache = 0, secondsWithout = 0;
        // Measured after the first forecast, whose peak memory the read rate's buffer must not
        // raise (the peak cannot be reset on every system).
        double sgemmRate = 0, readRate = 0;
        for (const bool useCache : { true, false }) {
            if ((useCache && cacheMode == QLatin1String("off"))
                || (!useCache && cacheMode == QLatin1String("on")))
                continue;
            engine.useKvCache = useCache;
            const auto forecaster = kronos::KronosEngine::withRandomWeights(
                shape, parser.value(seed).toULongLong(), engine);
            const kronos::BatchShape batchShape { context, steps, 1,
                forecaster->options().maxContext };
            const kronos::StageWork work = kronos::forecastWork(
                shape.predictor, shape.tokenizer, count, batchShape, useCache);
            kronos::MemoryProbe::resetPeakProcessBytes();
            std::optional<kronos::OpProfiler> profiler;
            if (parser.isSet(profile))
                profiler.emplace();
            const double cpuAtStart = kronos::processCpuSeconds();
            QElapsedTimer clock;
            clock.start();
            const kronos::ForecastResult result
                = forecaster->forecast(series, steps, kronos::SamplingOptions::greedy());
            const double seconds = clock.nsecsElapsed() / 1e9;
            const double cpuSeconds = kronos::processCpuSeconds() - cpuAtStart;
            const qint64 peakBytes = kronos::MemoryProbe::peakProcessBytes();
            (useCache ? secondsWithCache : secondsWithout) = seconds;
            std::vector<kronos::OpClassTime> profiled;
            if (profiler)
                profiled = profiler->finish();
            if (sgemmRate == 0) {
                sgemmRate = kronos::measureSgemmRate(engine.device);
                readRate = kronos::measureReadRate(engine.device);
                printTableHead(sgemmRate, readRate, out);
            }
            const double floor = work.total() / sgemmRate;
            const double stepReads
                = useCache ? kronos::cachedStepReads(shape.predictor, count, 1, batchShape) : 0.0;
            const double floorWithReads
                = kronos::floorWithReads(work, stepReads, sgemmRate, readRate);
            const kronos::StageTimings &t = result.timings;
            out << QStringLiteral(
                "%1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 (%10x) | %11 (%12x) | %13\n")
                       .arg(useCache ? QStringLiteral("on      ") : QStringLiteral("off     "))
                       .arg(seconds, 8, 'f', 2)
                       .arg(cpuSeconds, 5, 'f', 2)
                       .arg(count / seconds, 8, 'f', 2)
                       .arg(stageCell(t.encode, work.encode, sgemmRate))
                       .arg(stageCell(t.prefill, work.prefill, sgemmRate))
                       .arg(stageCell(t.decodeSteps, work.decodeSteps, sgemmRate)
                           + readsCell(t.decodeSteps, stepReads, readRate))
                       .arg(stageCell(t.tokenizerDecode, work.tokenizerDecode, sgemmRate))
                       .arg(floor, 6, 'f', 2)
                       .arg(seconds / floor, 4, 'f', 1)
                       .arg(floorWithReads, 7, 'f', 2)
                       .arg(seconds / floorWithReads, 4, 'f', 1)
                       .arg(ByteSize::toMiB(peakBytes), 12, 'f', 0);
            if (profiler)
                printProfile(profiled, out);
            out.flush();
        }
        if (secondsWithCache > 0 && secondsWithout > 0)
            out << QStringLiteral("KV cache speed-up: %1x\n")
                       .arg(secondsWithout / secondsWithCache, 0, 'f', 1);
    } catch (const std::exception &exception) {
        err << "kronos-cli bench: " << exception.what() << "\n";
        return 1;
    }
    return 0;
}
