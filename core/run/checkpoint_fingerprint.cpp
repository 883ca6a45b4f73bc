#include "run/checkpoint_fingerprint.h"

#include "data/file_error.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

QString CheckpointFingerprint::of(const ModelSource &model)
{
    if (!model.randomShape.isEmpty())
        return QStringLiteral("random:%1:%2").arg(model.randomShape).arg(model.weightsSeed);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &folder : { model.modelDir, model.tokenizerDir }) {
        for (const char *name : { "config.json", "model.safetensors" }) {
            QFile file(QDir(folder).filePath(QLatin1String(name)));
            if (!file.open(QIODevice::ReadOnly))
                throw FileError(QStringLiteral("cannot read %1 to fingerprint the checkpoint: %2")
                                    .arg(file.fileName(), file.errorString()));
            // Each file's size first, so the concatenation cannot be split differently.
            hash.addData(QByteArray::number(file.size()) + '\n');
            if (!hash.addData(&file))
                throw FileError(
                    QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString()));
        }
    }
    return QStringLiteral("sha256:") + QString::fromLatin1(hash.result().toHex());
}
