#include "model/checkpoint_cache.h"

#include "model/published_checkpoints.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>

CheckpointCache::CheckpointCache(const QString &root)
    : m_root(root)
{
}

QString CheckpointCache::defaultRoot()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/models");
}

const QList<KnownCheckpoint> &CheckpointCache::knownCheckpoints()
{
    static const QList<KnownCheckpoint> known = [] {
        QList<KnownCheckpoint> list;
        for (const kronos::PublishedCheckpoint &model : kronos::publishedCheckpoints())
            list.append({ model.repo, model.tokenizerRepo,
                QStringLiteral("Kronos-%1: %2 parameters, context %3")
                    .arg(model.name, model.parameters)
                    .arg(model.maxContext),
                model.maxContext, model.approximateBytes });
        for (const kronos::PublishedTokenizer &tokenizer : kronos::publishedTokenizers())
            list.append({ tokenizer.repo, QString(), tokenizer.description, 0,
                tokenizer.approximateBytes });
        return list;
    }();
    return known;
}

bool CheckpointCache::isValidRepo(const QString &repo)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$"));
    return pattern.match(repo).hasMatch() && !repo.contains(QLatin1String(".."));
}

bool CheckpointCache::isValidRevision(const QString &revision)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]*$"));
    return pattern.match(revision).hasMatch() && !revision.contains(QLatin1String(".."));
}

QString CheckpointCache::folder(const QString &repo, const QString &revision) const
{
    return QDir(m_root).filePath(repo + QLatin1Char('/') + revision);
}

QList<CachedCheckpoint> CheckpointCache::list() const
{
    QList<CachedCheckpoint> cached;
    const QDir root(m_root);
    for (const QString &owner : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        for (const QString &name :
            QDir(root.filePath(owner)).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
            for (const QString &revision :
                QDir(root.filePath(owner + QLatin1Char('/') + name))
                    .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
                CachedCheckpoint checkpoint;
                checkpoint.repo = owner + QLatin1Char('/') + name;
                checkpoint.revision = revision;
                checkpoint.folder = folder(checkpoint.repo, revision);
                const QDir dir(checkpoint.folder);
                checkpoint.complete = dir.exists(QStringLiteral("config.json"))
                    && dir.exists(QStringLiteral("model.safetensors"));
                for (const QFileInfo &file : dir.entryInfoList(QDir::Files))
                    checkpoint.bytes += file.size();
                cached.append(checkpoint);
            }
    return cached;
}

QString CheckpointCache::sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

QString CheckpointCache::verify(const QString &repo, const QString &revision) const
{
    const QDir dir(folder(repo, revision));
    if (!dir.exists())
        return QStringLiteral("%1@%2 is not in the cache (%3)").arg(repo, revision, dir.path());
    for (const char *name : { "config.json", "model.safetensors" })
        if (!dir.exists(QLatin1String(name)))
            return QStringLiteral("%1 is missing").arg(dir.filePath(QLatin1String(name)));
    QFile recorded(dir.filePath(QStringLiteral("model.safetensors.sha256")));
    if (!recorded.open(QIODevice::ReadOnly))
        return QStringLiteral("no recorded checksum for %1 (not downloaded by this application)")
            .arg(dir.filePath(QStringLiteral("model.safetensors")));
    const QString expected = QString::fromLatin1(recorded.readAll()).trimmed();
    const QString actual = sha256OfFile(dir.filePath(QStringLiteral("model.safetensors")));
    if (actual != expected)
        return QStringLiteral(
            "%1: SHA-256 %2 does not match the recorded %3 (the file changed or is damaged)")
            .arg(dir.filePath(QStringLiteral("model.safetensors")), actual, expected);
    return QString();
}

bool CheckpointCache::remove(const QString &repo, const QString &revision) const
{
    QDir dir(folder(repo, revision));
    if (!isValidRepo(repo) || !isValidRevision(revision) || !dir.exists())
        return false;
    return dir.removeRecursively();
}
