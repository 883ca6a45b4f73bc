#pragma once

#include <QByteArray>
#include <QString>

class QSaveFile;

// Files that appear whole or not at all: written through QSaveFile, so a previous file is
// replaced only by a complete new one, and a failed write leaves it untouched.

// Publishes what was written to `file` (open for writing) under its name. QSaveFile::commit()
// (Qt 6.4) does not notice when the final flush of its write buffer fails and would publish a
// truncated file (seen with a full disk's EFBIG/ENOSPC), so the buffer is flushed first. Throws
// FileError "Cannot write PATH: REASON"; the target is then left as it was.
void commitAtomically(QSaveFile &file);

// Writes `content` to `path` whole or not at all. Throws FileError as commitAtomically().
void saveFileAtomically(const QString &path, const QByteArray &content);

// "Cannot write PATH: REASON" for `file`'s last error.
QString writeFailureMessage(const QSaveFile &file);
