#pragma once

#include <QObject>
#include <QString>

// Inspects a checkpoint pair (or, with both folders empty, the Kronos-mini shape the workbench's
// random weights have) on a pool thread to tell the user what it is — or exactly why it cannot
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

    explicit CheckpointInspector(QObject *parent = nullptr);

    void inspect(const QString &modelFolder, const QString &tokenizerFolder);

Q_SIGNALS:
    // `description` is KronosEngine::inspect(...).description on success; `error` the loader's
    // message otherwise (exactly one of them is empty).
    void inspected(const QString &description, const QString &error);

private:
    int m_generation = 0;
};
