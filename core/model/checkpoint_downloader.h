#pragma once

#include "model/checkpoint_cache.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;

struct DownloadProgress
{
    QString file; // "model.safetensors"
    qint64 received = 0; // bytes on disk, a resumed part included
    qint64 total = -1; // -1 while unknown
    double bytesPerSecond = 0; // over this transfer
    double secondsLeft = -1; // -1 while unknown
};

// Downloads a checkpoint folder (config.json, then model.safetensors) from a Hugging Face hub
// into the CheckpointCache: `<base>/<repo>/resolve/<revision>/<file>`.
//
// - Redirects are followed by hand, so the hub's `X-Linked-Etag` (the SHA-256 of a large file,
//   sent on the redirect, not by the CDN) is seen.
// - Bytes go to `<file>.part`; a later start() resumes it with a `Range` request. The part is
//   renamed into place only when complete and, for the weights, when its SHA-256 equals the
//   hub's; a wrong checksum deletes the part.
// - The base URL comes from HF_ENDPOINT (Hugging Face's own convention), else the given setting,
//   else https://huggingface.co.
// Lives on the thread that created it (it needs that thread's event loop); not thread-safe.
class CheckpointDownloader : public QObject
{
    Q_OBJECT

public:
    CheckpointDownloader(
        const CheckpointCache &cache, const QString &baseUrl, QObject *parent = nullptr);

    static QString baseUrl(const QString &setting = QString());

    void start(const QString &repo, const QString &revision = QStringLiteral("main"));
    void cancel();
    bool isRunning() const { return m_reply != nullptr; }

Q_SIGNALS:
    void progress(const DownloadProgress &progress);
    void finished(const QString &folder);
    void failed(const QString &error);

private:
    void startFile();
    void request(const QUrl &url);
    void onReadyRead();
    void onFinished();
    void fail(const QString &error);
    bool completeFile();
    QString partPath() const;
    QString targetPath() const;

    CheckpointCache m_cache;
    QString m_baseUrl;
    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_reply;
    QString m_repo;
    QString m_revision;
    QStringList m_pending;
    QString m_file;
    QFile m_part;
    QString m_expectedSha256;
    qint64 m_resumedFrom = 0;
    qint64 m_total = -1;
    int m_redirects = 0;
    bool m_cancelled = false;
    QElapsedTimer m_clock;
};
