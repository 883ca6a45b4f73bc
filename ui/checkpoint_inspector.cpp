#include "ui/checkpoint_inspector.h"

#include "inference/kronos_engine.h"
#include "workbench/background_executor.h"

#include <exception>

namespace {

struct Inspection
{
    QString description;
    int maxContext = 0;
    QString error;
};

Inspection inspectPair(const QString &modelFolder, const QString &tokenizerFolder)
{
    try {
        const kronos::EngineOptions options;
        const kronos::ModelSummary summary = modelFolder.isEmpty() && tokenizerFolder.isEmpty()
            ? kronos::KronosEngine::inspect(
                kronos::publishedShape(CheckpointInspector::randomWeightsShape()), options)
            : kronos::KronosEngine::inspect(modelFolder, tokenizerFolder, options);
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

void CheckpointInspector::inspect(const QString &modelFolder, const QString &tokenizerFolder)
{
    const int generation = ++m_generation;
    onResult(m_executor.run([=] { return inspectPair(modelFolder, tokenizerFolder); }), this,
        [this, generation](const Inspection &result) {
            if (generation == m_generation)
                Q_EMIT inspected(result.description, result.maxContext, result.error);
        });
}
