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

Inspection inspectPair(const QString &modelFolder, const QString &tokenizerFolder)
{
    try {
        const kronos::EngineOptions options;
        const kronos::ModelSummary summary = modelFolder.isEmpty() && tokenizerFolder.isEmpty()
            ? kronos::KronosEngine::inspect(
                kronos::publishedShape(CheckpointInspector::randomWeightsShape()), options)
            : kronos::KronosEngine::inspect(modelFolder, tokenizerFolder, options);
        return { summary.description, {} };
    } catch (const std::exception &error) {
        return { {}, QString::fromUtf8(error.what()) };
    }
}

} // namespace

CheckpointInspector::CheckpointInspector(QObject *parent)
    : QObject(parent)
{
}

void CheckpointInspector::inspect(const QString &modelFolder, const QString &tokenizerFolder)
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
    watcher->setFuture(QtConcurrent::run(inspectPair, modelFolder, tokenizerFolder));
}
