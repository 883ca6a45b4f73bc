#include "data/atomic_file.h"

#include "data/file_error.h"

#include <QSaveFile>

QString writeFailureMessage(const QSaveFile &file)
{
    return QStringLiteral("Cannot write %1: %2").arg(file.fileName(), file.errorString());
}

void commitAtomically(QSaveFile &file)
{
    if (!file.flush()) {
        const FileError failure(writeFailureMessage(file));
        file.cancelWriting();
        throw failure;
    }
    if (!file.commit())
        throw FileError(writeFailureMessage(file));
}

void saveFileAtomically(const QString &path, const QByteArray &content)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        throw FileError(writeFailureMessage(file));
    commitAtomically(file);
}
