#pragma once

#include <QObject>
#include <QString>

class BackgroundExecutor;

// Inspects a checkpoint pair (or, with both folders empty, the Kronos-mini shape the workbench's
// random weights have) on the executor to tell the user what it is — or exactly why it cannot
// be used — before a run needs it: configs and safetensors headers only (KronosEngine::inspect),
// no weights read, no process-wide setting touched.
//
// GUI thread object; a newer inspect() supersedes an older one still loading.
class CheckpointInspector : public QObject
{
    Q_OBJECT

public:
    // The shape the workbench falls back to without a checkpoint (the smallest published one).
    static QString randomWeightsShape() { return QStringLiteral("mini"); }

    // `executor` loads the checkpoints; it must outlive the inspector.
    explicit CheckpointInspector(BackgroundExecutor &executor, QObject *parent = nullptr);

    void inspect(const QString &modelFolder, const QString &tokenizerFolder);

Q_SIGNALS:
    // `description` and `maxContext` (the checkpoint's own) are KronosEngine::inspect(...)'s on
    // success; `error` the loader's message otherwise (then the others are empty).
    void inspected(const QString &description, int maxContext, const QString &error);

private:
    BackgroundExecutor &m_executor;
    int m_generation = 0;
};
