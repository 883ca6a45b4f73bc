// Checkpoint loading benchmark: peak memory of KronosEngine::load against the weights it loads.
//
//   kw_load_benchmark [--size base]     writes seeded random weights of a published shape as a
//                                       checkpoint pair (config.json + model.safetensors, F32)
//                                       into a temporary folder, loads it in a fresh process and
//                                       prints the weights, the peak RSS added while loading and
//                                       their ratio
//   kw_load_benchmark --load DIR        the child: loads DIR/model and DIR/tokenizer

#include "inference/kronos_engine.h"
#include "inference/memory_probe.h"
#include "model/kronos_modules.h"
#include "safetensors_test_support.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

using namespace SafetensorsTestSupport;

namespace {

bool writeCheckpoint(const QString &folder, const QByteArray &config, torch::nn::Module &module)
{
    return QDir().mkpath(folder) && writeFile(folder + QStringLiteral("/config.json"), config)
        && writeFile(folder + QStringLiteral("/model.safetensors"), serialize(stateDict(module)));
}

int load(const QString &folder, QTextStream &out)
{
    const kronos::MemoryProbe probe(QStringLiteral("cpu"));
    kronos::MemoryProbe::resetPeakProcessBytes();
    const qint64 before = probe.read().processBytes;
    QElapsedTimer clock;
    clock.start();
    const auto engine = kronos::KronosEngine::load(
        folder + QStringLiteral("/model"), folder + QStringLiteral("/tokenizer"), {});
    const double seconds = clock.nsecsElapsed() / 1e9;
    const qint64 added = kronos::MemoryProbe::peakProcessBytes() - before;
    const qint64 weights = engine->summary().weightBytes;
    out << QStringLiteral("weights %1 MB | RSS before %2 MB | peak added while loading %3 MB | "
                          "ratio %4 | %5 s\n")
               .arg(weights / 1048576.0, 0, 'f', 0)
               .arg(before / 1048576.0, 0, 'f', 0)
               .arg(added / 1048576.0, 0, 'f', 0)
               .arg(double(added) / double(weights), 0, 'f', 2)
               .arg(seconds, 0, 'f', 2);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // As kronos-cli and kronos-workbench run: freed memory kept for reuse.
    kronos::MemoryProbe::reuseFreedMemory();
    QCoreApplication application(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    const QCommandLineOption size(QStringLiteral("size"),
        QStringLiteral("mini, small or base (default base)."), QStringLiteral("SHAPE"),
        QStringLiteral("base"));
    const QCommandLineOption loadOption(QStringLiteral("load"),
        QStringLiteral("Load the checkpoint pair in DIR (the child process)."),
        QStringLiteral("DIR"));
    parser.addOptions({ size, loadOption });
    parser.addHelpOption();
    parser.process(application);
    try {
        if (parser.isSet(loadOption))
            return load(parser.value(loadOption), out);
        const kronos::PublishedShape shape = kronos::publishedShape(parser.value(size));
        QTemporaryDir folder;
        {
            kronos::KronosTokenizer tokenizer(shape.tokenizer);
            kronos::KronosPredictor predictor(shape.predictor);
            kronos::fillRandomly(*tokenizer, 1);
            kronos::fillRandomly(*predictor, 2);
            if (!writeCheckpoint(folder.filePath(QStringLiteral("tokenizer")),
                    configJson(shape.tokenizer), *tokenizer)
                || !writeCheckpoint(folder.filePath(QStringLiteral("model")),
                    configJson(shape.predictor), *predictor)) {
                err << "cannot write the checkpoint to " << folder.path() << "\n";
                return 1;
            }
        }
        out << QStringLiteral("Kronos-%1 shape, random weights saved as F32 safetensors; "
                              "loaded in a fresh process\n")
                   .arg(shape.name)
            << Qt::flush;
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(
            QCoreApplication::applicationFilePath(), { QStringLiteral("--load"), folder.path() });
        child.waitForFinished(-1);
        out << QString::fromUtf8(child.readAllStandardOutput());
        return child.exitCode();
    } catch (const std::exception &error) {
        err << "kw_load_benchmark: " << error.what() << "\n";
        return 1;
    }
}
