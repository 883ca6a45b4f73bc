#include "run/run_identity.h"

#include <QDir>
#include <QRegularExpression>

QString RunIdentity::checkpointText() const
{
    if (usesRandomWeights())
        return QStringLiteral("random Kronos-%1 weights (seed %2)")
            .arg(model.randomShape)
            .arg(model.weightsSeed);
    return model.modelDir;
}

QString RunIdentity::checkpointName() const
{
    if (usesRandomWeights())
        return checkpointText();
    const QStringList parts
        = QDir::cleanPath(model.modelDir).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const qsizetype n = parts.size();
    if (n >= 3 && parts[n - 2] == QLatin1String("snapshots")
        && parts[n - 3].startsWith(QLatin1String("models--")))
        return parts[n - 3].mid(8).replace(QLatin1String("--"), QLatin1String("/"));
    if (n >= 4 && parts[n - 4] == QLatin1String("models"))
        return parts[n - 3] + QLatin1Char('/') + parts[n - 2];
    static const QStringList saysNothing { QStringLiteral("model"), QStringLiteral("predictor"),
        QStringLiteral("tokenizer"), QStringLiteral("weights"), QStringLiteral("checkpoint") };
    if (n >= 2 && saysNothing.contains(parts[n - 1], Qt::CaseInsensitive))
        return parts[n - 2] + QLatin1Char('/') + parts[n - 1];
    return parts.value(n - 1, model.modelDir);
}

QString RunIdentity::headerText() const
{
    if (!isKnown())
        return QStringLiteral("No run");
    QString text = QStringLiteral("Run %1 '%2' · %3").arg(id).arg(name, checkpointName());
    if (usesRandomWeights())
        text += QStringLiteral(" · RANDOM WEIGHTS: meaningless scores");
    return text;
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
