#pragma once

#include <QObject>
#include <QString>

class BackgroundExecutor;

// Loads a checkpoint pair (or, with both folders empty, seeded random weights of the Kronos-mini
// shape) on the executor to tell the user what it is — or exactly why it cannot be used —
// before a run needs it. Nothing of the loaded engine is kept: the run loads its own.
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

    void inspect(const QString &modelFolder, const QString &tokenizerFolder, quint64 randomSeed);

Q_SIGNALS:
    // `description` and `maxContext` (the checkpoint's own) are KronosEngine::summary()'s on
    // success; `error` the loader's message otherwise (then the others are empty).
    void inspected(const QString &description, int maxContext, const QString &error);

private:
    BackgroundExecutor &m_executor;
    int m_generation = 0;
};
