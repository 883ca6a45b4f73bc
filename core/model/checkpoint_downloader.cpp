#include "model/checkpoint_downloader.h"

#include "data/atomic_file.h"
#include "data/file_error.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>

namespace {

const int MaxRedirects = 10;

// The SHA-256 in an ETag-style header value (quotes and a weak marker stripped); empty when the
// value is not one (the hub sends git SHA-1s for small files).
QString sha256FromEtag(const QByteArray &value)
{
    QString text = QString::fromLatin1(value).trimmed();
    if (text.startsWith(QLatin1String("W/")))
        text = text.mid(2);
    text.remove(QLatin1Char('"'));
    static const QRegularExpression hex64(QStringLiteral("^[0-9a-fA-F]{64}$"));
    return hex64.match(text).hasMatch() ? text.toLower() : QString();
}

} // namespace

CheckpointDownloader::CheckpointDownloader(
    const CheckpointCache &cache, const QString &baseUrl, QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_baseUrl(baseUrl)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

QString CheckpointDownloader::baseUrl(const QString &setting)
{
    const QString environment = qEnvironmentVariable("HF_ENDPOINT");
    if (!environment.isEmpty())
        return environment;
    return setting.isEmpty() ? QStringLiteral("https://huggingface.co") : setting;
}

void CheckpointDownloader::start(const QString &repo, const QString &revision)
{
    if (isRunning())
        return;
    if (!CheckpointCache::isValidRepo(repo) || !CheckpointCache::isValidRevision(revision)) {
        Q_EMIT failed(
            QStringLiteral("'%1' at revision '%2' is not a valid repository name (owner/name)")
                .arg(repo, revision));
        return;
    }
    m_repo = repo;
    m_revision = revision;
    m_cancelled = false;
    m_pending = { QStringLiteral("config.json"), QStringLiteral("model.safetensors") };
    if (!QDir().mkpath(m_cache.folder(repo, revision))) {
        Q_EMIT failed(QStringLiteral("cannot create %1").arg(m_cache.folder(repo, revision)));
        return;
    }
    startFile();
}

void CheckpointDownloader::cancel()
{
    if (!m_reply)
        return;
    m_cancelled = true;
    m_reply->abort();
}

QString CheckpointDownloader::targetPath() const
{
    return QDir(m_cache.folder(m_repo, m_revision)).filePath(m_file);
}

QString CheckpointDownloader::partPath() const
{
    return targetPath() + QStringLiteral(".part");
}

void CheckpointDownloader::startFile()
{
    if (m_pending.isEmpty()) {
        Q_EMIT finished(m_cache.folder(m_repo, m_revision));
        return;
    }
    m_file = m_pending.takeFirst();
    m_expectedSha256.clear();
    m_redirects = 0;
    m_total = -1;
    m_part.setFileName(partPath());
    if (!m_part.open(QIODevice::ReadWrite)) {
        fail(QStringLiteral("cannot write %1: %2").arg(partPath(), m_part.errorString()));
        return;
    }
    m_resumedFrom = m_part.size();
    m_part.seek(m_resumedFrom);
    m_clock.start();
    request(QUrl(QStringLiteral("%1/%2/resolve/%3/%4").arg(m_baseUrl, m_repo, m_revision, m_file)));
}

void CheckpointDownloader::request(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("kronos-workbench"));
    if (m_part.pos() > 0)
        request.setRawHeader("Range", "bytes=" + QByteArray::number(m_part.pos()) + '-');
    m_reply = m_network->get(request);
    connect(m_reply, &QNetworkReply::readyRead, this, &CheckpointDownloader::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &CheckpointDownloader::onFinished);
}

void CheckpointDownloader::onReadyRead()
{
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200 && status != 206)
        return; // redirects and errors carry no file bytes
    if (m_total < 0) {
        if (status == 200 && m_part.pos() > 0) {
            // The server ignored the Range header: start over.
            m_part.resize(0);
            m_part.seek(0);
            m_resumedFrom = 0;
        }
        const qint64 length = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        m_total = length > 0 ? m_part.pos() + length : -1;
        if (m_expectedSha256.isEmpty())
            m_expectedSha256 = sha256FromEtag(m_reply->rawHeader("X-Linked-Etag"));
        if (m_expectedSha256.isEmpty())
            m_expectedSha256 = sha256FromEtag(m_reply->rawHeader("ETag"));
    }
    const QByteArray bytes = m_reply->readAll();
    if (m_part.write(bytes) != bytes.size()) {
        fail(QStringLiteral("cannot write %1: %2").arg(partPath(), m_part.errorString()));
        return;
    }
    DownloadProgress report;
    report.file = m_file;
    report.received = m_part.pos();
    report.total = m_total;
    const double seconds = std::max(1e-3, m_clock.nsecsElapsed() / 1e9);
    report.bytesPerSecond = (m_part.pos() - m_resumedFrom) / seconds;
    if (m_total > 0 && report.bytesPerSecond > 0)
        report.secondsLeft = (m_total - m_part.pos()) / report.bytesPerSecond;
    Q_EMIT progress(report);
}

void CheckpointDownloader::onFinished()
{
    QNetworkReply *reply = m_reply;
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_cancelled) {
        m_reply = nullptr;
        m_part.close();
        Q_EMIT failed(QStringLiteral("%1: download cancelled; %2 bytes kept, start again to resume")
                          .arg(m_file)
                          .arg(QFileInfo(partPath()).size()));
        return;
    }
    if (status >= 300 && status < 400) {
        // The hub names the file's SHA-256 on the redirect; the CDN it points to does not.
        const QString linked = sha256FromEtag(reply->rawHeader("X-Linked-Etag"));
        if (!linked.isEmpty())
            m_expectedSha256 = linked;
        const QUrl target
            = reply->url().resolved(QUrl(QString::fromLatin1(reply->rawHeader("Location"))));
        if (++m_redirects > MaxRedirects || !target.isValid()) {
            fail(QStringLiteral("%1: too many redirects").arg(reply->url().toString()));
            return;
        }
        request(target);
        return;
    }
    if (status == 416 && m_part.pos() > 0) {
        // Range past the end: the part is stale; start the file over once.
        m_part.resize(0);
        m_part.seek(0);
        request(reply->url());
        return;
    }
    if (reply->error() != QNetworkReply::NoError || (status != 200 && status != 206)) {
        const QString what = status >= 400
            ? QStringLiteral("HTTP %1 %2")
                  .arg(status)
                  .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString())
            : reply->errorString();
        if (status == 404)
            fail(QStringLiteral("%1: %2 not found at revision '%3' (HTTP 404 from %4)")
                     .arg(m_repo, m_file, m_revision, reply->url().toString()));
        else
            fail(QStringLiteral("%1: %2 failed after %3 bytes: %4; start again to resume")
                     .arg(m_repo, m_file)
                     .arg(m_part.pos())
                     .arg(what));
        return;
    }
    onReadyRead();
    m_reply = nullptr;
    if (m_total > 0 && m_part.pos() != m_total) {
        fail(QStringLiteral("%1: %2 ended at %3 of %4 bytes; start again to resume")
                 .arg(m_repo, m_file)
                 .arg(m_part.pos())
                 .arg(m_total));
        return;
    }
    if (completeFile())
        startFile();
}

bool CheckpointDownloader::completeFile()
{
    m_part.close();
    if (m_file == QLatin1String("model.safetensors")) {
        const QString actual = CheckpointCache::sha256OfFile(partPath());
        if (!m_expectedSha256.isEmpty() && actual != m_expectedSha256) {
            QFile::remove(partPath());
            fail(QStringLiteral(
                "%1: %2 has SHA-256 %3 but the hub announced %4; the download was deleted")
                     .arg(m_repo, m_file, actual, m_expectedSha256));
            return false;
        }
        try {
            saveFileAtomically(targetPath() + QStringLiteral(".sha256"), actual.toLatin1() + '\n');
        } catch (const FileError &error) {
            fail(QString::fromUtf8(error.what()));
            return false;
        }
    }
    QFile::remove(targetPath());
    if (!QFile::rename(partPath(), targetPath())) {
        fail(QStringLiteral("cannot move %1 into place").arg(partPath()));
        return false;
    }
    return true;
}

void CheckpointDownloader::fail(const QString &error)
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply = nullptr;
    }
    m_part.close();
    Q_EMIT failed(error);
}
