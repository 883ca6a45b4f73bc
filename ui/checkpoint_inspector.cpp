#include "checkpoint_inspector.h"

#include "kronos_engine.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>

namespace {

struct Inspection
{
    QString description;
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
        return { engine->summary().description, {} };
    } catch (const std::exception &error) {
        return { {}, QString::fromUtf8(error.what()) };
    }
}

} // namespace

CheckpointInspector::CheckpointInspector(QObject *parent)
    : QObject(parent)
{
}

void CheckpointInspector::inspect(
    const QString &modelFolder, const QString &tokenizerFolder, quint64 randomSeed)
{
    const int generation = ++m_generation;
    auto *watcher = new QFutureWatcher<Inspection>(this);
    connect(watcher, &QFutureWatcher<Inspection>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        const Inspection result = watcher->result();
        Q_EMIT inspected(result.description, result.error);
    });
    watcher->setFuture(QtConcurrent::run(load, modelFolder, tokenizerFolder, randomSeed));
}
