#pragma once

#include <QList>
#include <QString>

// Where downloaded checkpoints live and what is known about the published ones. Torch-free, so
// the GUI's checkpoint manager can use it.
//
// Layout: <root>/<owner>/<name>/<revision>/{config.json, model.safetensors,
// model.safetensors.sha256}. The root defaults to <AppDataLocation>/models.

// A checkpoint published by the Kronos authors on Hugging Face, as the cache lists it (from
// kronos::publishedCheckpoints()).
struct KnownCheckpoint
{
    QString repo; // "NeoQuasar/Kronos-small"
    QString tokenizerRepo; // the tokenizer it was trained with, empty for a tokenizer itself
    QString description; // "Kronos-small: 24.7 M parameters, context 512"
    int maxContext = 0; // 0 for a tokenizer
    qint64 approximateBytes = 0;
};

// One checkpoint folder in the cache.
struct CachedCheckpoint
{
    QString repo;
    QString revision;
    QString folder;
    qint64 bytes = 0;
    bool complete = false; // config.json and model.safetensors both present
};

class CheckpointCache
{
public:
    explicit CheckpointCache(const QString &root = defaultRoot());

    static QString defaultRoot();
    static const QList<KnownCheckpoint> &knownCheckpoints();
    // "owner/name" with safe characters only; protects the cache from paths like "../x".
    static bool isValidRepo(const QString &repo);
    static bool isValidRevision(const QString &revision);

    QString root() const { return m_root; }
    QString folder(const QString &repo, const QString &revision) const;
    QList<CachedCheckpoint> list() const;

    // Recomputes the weights' SHA-256 and compares it with the one recorded at download.
    // Returns an empty string when it matches, else what is wrong.
    QString verify(const QString &repo, const QString &revision) const;
    // Deletes the folder; returns false when there was nothing to delete or it failed.
    bool remove(const QString &repo, const QString &revision) const;

    static QString sha256OfFile(const QString &path);

private:
    QString m_root;
};
