#include "run/run_identity.h"

#include <QRegularExpression>

QString RunIdentity::checkpointText() const
{
    if (usesRandomWeights())
        return QStringLiteral("random Kronos-%1 weights (seed %2)")
            .arg(model.randomShape)
            .arg(model.weightsSeed);
    return model.modelDir;
}

QString RunIdentity::text() const
{
    QString text = QStringLiteral("Run %1 '%2', %3").arg(id).arg(name, checkpointText());
    if (usesRandomWeights())
        text += QStringLiteral(", RANDOM WEIGHTS: meaningless scores");
    return text;
}

QString RunIdentity::fileStem() const
{
    static const QRegularExpression refused(QStringLiteral("[\\\\/:*?\"<>|\\x00-\\x1f]+"));
    return QString(name).replace(refused, QStringLiteral("-")).trimmed();
}
