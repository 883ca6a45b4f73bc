#include "cli/forecast_command.h"

#include "cli/cli_dispatcher.h"
#include "cli/engine_options_parser.h"
#include "cli/forecast_csv.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <map>

namespace {

// Series indices grouped by context length (a batch needs one length), in input order, cut into
// chunks of at most `batchSize`.
std::vector<std::vector<size_t>> microBatches(
    const std::vector<ForecastInputFile> &inputs, int batchSize)
{
    std::map<size_t, std::vector<size_t>> byLength;
    for (size_t i = 0; i < inputs.size(); ++i)
        byLength[inputs[i].series.bars.size()].push_back(i);
    std::vector<std::vector<size_t>> batches;
    for (const auto &group : byLength)
        for (size_t start = 0; start < group.second.size(); start += size_t(batchSize))
            batches.emplace_back(group.second.begin() + long(start),
                group.second.begin()
                    + long(std::min(group.second.size(), start + size_t(batchSize))));
    return batches;
}

} // namespace

int runForecastCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Forecast OHLCV series with a Kronos checkpoint pair, as upstream's "
                       "KronosPredictor does.\nEach INPUT.csv has timestamps,open,high,low,close"
                       "[,volume][,amount]; trailing rows with empty prices are the timestamps to "
                       "forecast (else the bar interval continues)."));
    parser.addHelpOption();
    const QCommandLineOption model(QStringLiteral("model"),
        QStringLiteral("Predictor checkpoint folder."), QStringLiteral("DIR"));
    const QCommandLineOption tokenizer(QStringLiteral("tokenizer"),
        QStringLiteral("Tokenizer checkpoint folder."), QStringLiteral("DIR"));
    const QCommandLineOption predLen(
        QStringLiteral("pred-len"), QStringLiteral("Bars to forecast."), QStringLiteral("N"));
    const QCommandLineOption batchSize(QStringLiteral("batch-size"),
        QStringLiteral("Series per micro-batch (default 12)."), QStringLiteral("B"),
        QStringLiteral("12"));
    const QCommandLineOption output(QStringLiteral("output"),
        QStringLiteral("Forecast CSV to write."), QStringLiteral("OUT.csv"));
    parser.addOptions({ model, tokenizer, predLen, batchSize, output });
    const EngineOptionsParser engineOptions(parser, /*withSampling=*/true);
    parser.addPositionalArgument(QStringLiteral("INPUT.csv"), QStringLiteral("Series to forecast."),
        QStringLiteral("INPUT.csv..."));
    if (const std::optional<int> status
        = parseCommandArguments(parser, arguments, QStringLiteral("forecast"), out, err))
        return *status;

    kronos::EngineOptions engine;
    kronos::SamplingOptions sampling;
    int threads = 0;
    QString error;
    bool predLenOk = false, batchOk = false;
    const int steps = parser.value(predLen).toInt(&predLenOk);
    const int batch = parser.value(batchSize).toInt(&batchOk);
    if (!parser.isSet(model) || !parser.isSet(tokenizer) || !parser.isSet(output))
        error = QStringLiteral("--model, --tokenizer and --output are required");
    else if (!predLenOk || steps < 1)
        error = QStringLiteral("--pred-len must be a positive integer");
    else if (!batchOk || batch < 1)
        error = QStringLiteral("--batch-size must be a positive integer");
    else if (parser.positionalArguments().isEmpty())
        error = QStringLiteral("no INPUT.csv given");
    else
        engineOptions.read(parser, engine, sampling, threads, error);
    if (!error.isEmpty()) {
        err << "kronos-cli forecast: " << error << "\n";
        return 2;
    }
    kronos::setComputeThreads(threads);

    try {
        std::vector<ForecastInputFile> inputs;
        for (const QString &path : parser.positionalArguments())
            inputs.push_back(readForecastInput(path, steps));
        const auto forecaster
            = kronos::KronosEngine::load(parser.value(model), parser.value(tokenizer), engine);
        err << forecaster->summary().description << "\n";

        std::vector<ForecastOutputSeries> results(inputs.size());
        const auto batches = microBatches(inputs, batch);
        QElapsedTimer clock;
        clock.start();
        for (size_t b = 0; b < batches.size(); ++b) {
            std::vector<kronos::SeriesInput> series;
            for (const size_t index : batches[b])
                series.push_back(inputs[index].series);
            const kronos::ForecastResult result = forecaster->forecast(series, steps, sampling);
            for (size_t i = 0; i < batches[b].size(); ++i)
                results[batches[b][i]]
                    = { result.series[i], inputs[batches[b][i]].timestampFormat };
            err << QStringLiteral("batch %1/%2: %3 series of %4 bars in %5 s\n")
                       .arg(b + 1)
                       .arg(batches.size())
                       .arg(series.size())
                       .arg(series.front().bars.size())
                       .arg(result.timings.total(), 0, 'f', 2);
            err.flush();
        }
        writeForecastOutput(parser.value(output), results);
        err << QStringLiteral("%1 series forecast in %2 s -> %3\n")
                   .arg(inputs.size())
                   .arg(clock.elapsed() / 1000.0, 0, 'f', 2)
                   .arg(parser.value(output));
    } catch (const std::exception &exception) {
        err << "kronos-cli forecast: " << exception.what() << "\n";
        return 1;
    }
    return 0;
}
