#include "checkpoint_inspector.h"

#include "background_executor.h"
#include "kronos_engine.h"

#include <exception>

namespace {

struct Inspection
{
    QString description;
    int maxContext = 0;
    QString error;
};

Inspection load(const QString &modelFolder, const QString &tokenizerFolder, quint64 randomSeed)
{
    try {
        // One thread: this only reads and checks the weights, and must not starve a running run.
        kronos::EngineOptions options;
        options.threads = 1;
        const auto engine = modelFolder.isEmpty() && tokenizerFolder.isEmpty()
            ? kronos::KronosEngine::withRandomWeights(
                kronos::publishedShape(CheckpointInspector::randomWeightsShape()), randomSeed,
                options)
            : kronos::KronosEngine::load(modelFolder, tokenizerFolder, options);
        const kronos::ModelSummary summary = engine->summary();
        return { summary.description, summary.maxContext, {} };
    } catch (const std::exception &error) {
        return { {}, 0, QString::fromUtf8(error.what()) };
    }
}

} // namespace

CheckpointInspector::CheckpointInspector(BackgroundExecutor &executor, QObject *parent)
    : QObject(parent)
    , m_executor(executor)
{
}

void CheckpointInspector::inspect(
    const QString &modelFolder, const QString &tokenizerFolder, quint64 randomSeed)
{
    const int generation = ++m_generation;
    onResult(m_executor.run([=] { return load(modelFolder, tokenizerFolder, randomSeed); }), this,
        [this, generation](const Inspection &result) {
            if (generation == m_generation)
                Q_EMIT inspected(result.description, result.maxContext, result.error);
        });
}
