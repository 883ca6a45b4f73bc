#include "local_hub_server.h"
#include "model/checkpoint_cache.h"
#include "model/checkpoint_downloader.h"
#include "test_paths.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

// Downloads from a hub served on loopback by the test itself: clean, cut and resumed, wrong
// checksum, missing repository; and the cache's list, verify and remove. No test touches the
// internet.
class TestCheckpointDownload : public QObject
{
    Q_OBJECT

private:
    const QString m_repo = QStringLiteral("NeoQuasar/Kronos-narrow");
    QByteArray m_config;
    QByteArray m_weights;

    static QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    LocalHubServer::File weightsFile(qint64 cutAfter = -1, QByteArray etag = {}) const
    {
        if (etag.isEmpty())
            etag = QCryptographicHash::hash(m_weights, QCryptographicHash::Sha256).toHex();
        return { m_weights, etag, cutAfter };
    }

    // Runs one download to its end; returns the error, empty on success.
    static QString runDownload(CheckpointDownloader &downloader, const QString &repo)
    {
        QSignalSpy finished(&downloader, &CheckpointDownloader::finished);
        QSignalSpy failed(&downloader, &CheckpointDownloader::failed);
        downloader.start(repo);
        if (!QTest::qWaitFor([&] { return finished.size() + failed.size() > 0; }, 30000))
            return QStringLiteral("timed out");
        return failed.isEmpty() ? QString() : failed.first().first().toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_config = readFile(testDataPath("kronos-narrow/model/config.json"));
        m_weights = readFile(testDataPath("kronos-narrow/model/model.safetensors"));
        QVERIFY(!m_config.isEmpty() && m_weights.size() > 1000000);
    }

    void downloadsFollowingRedirectsAndChecksTheHash()
    {
        LocalHubServer hub;
        hub.addFile(m_repo, QStringLiteral("config.json"), { m_config, {}, -1 });
        hub.addFile(m_repo, QStringLiteral("model.safetensors"), weightsFile());
        QTemporaryDir root;
        const CheckpointCache cache(root.path());
        CheckpointDownloader downloader(cache, hub.baseUrl());
        QSignalSpy progress(&downloader, &CheckpointDownloader::progress);
        QCOMPARE(runDownload(downloader, m_repo), QString());
        const QString folder = cache.folder(m_repo, QStringLiteral("main"));
        QCOMPARE(readFile(folder + QStringLiteral("/model.safetensors")), m_weights);
        QCOMPARE(readFile(folder + QStringLiteral("/config.json")), m_config);
        QVERIFY(!QFile::exists(folder + QStringLiteral("/model.safetensors.part")));
        QVERIFY(!progress.isEmpty());
        const auto last = progress.last().first().value<DownloadProgress>();
        QCOMPARE(last.received, qint64(m_weights.size()));
        QCOMPARE(last.total, qint64(m_weights.size()));

        QCOMPARE(cache.verify(m_repo, QStringLiteral("main")), QString());
        const QList<CachedCheckpoint> listed = cache.list();
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.first().repo, m_repo);
        QVERIFY(listed.first().complete);
    }

    void resumesACutTransferWithARange()
    {
        LocalHubServer hub;
        hub.addFile(m_repo, QStringLiteral("config.json"), { m_config, {}, -1 });
        hub.addFile(m_repo, QStringLiteral("model.safetensors"), weightsFile(/*cutAfter=*/1500000));
        QTemporaryDir root;
        const CheckpointCache cache(root.path());
        CheckpointDownloader downloader(cache, hub.baseUrl());
        const QString error = runDownload(downloader, m_repo);
        QVERIFY2(error.contains(QStringLiteral("start again to resume")), qPrintable(error));
        const QString part = cache.folder(m_repo, QStringLiteral("main"))
            + QStringLiteral("/model.safetensors.part");
        QVERIFY(QFileInfo(part).size() > 0 && QFileInfo(part).size() <= 1500000);

        QCOMPARE(runDownload(downloader, m_repo), QString());
        QVERIFY(!hub.rangesSeen().isEmpty());
        QVERIFY(hub.rangesSeen().last().startsWith("bytes="));
        QCOMPARE(readFile(cache.folder(m_repo, QStringLiteral("main"))
                     + QStringLiteral("/model.safetensors")),
            m_weights);
        QCOMPARE(cache.verify(m_repo, QStringLiteral("main")), QString());
    }

    void rejectsAWrongChecksumAndDeletesThePart()
    {
        LocalHubServer hub;
        hub.addFile(m_repo, QStringLiteral("config.json"), { m_config, {}, -1 });
        hub.addFile(
            m_repo, QStringLiteral("model.safetensors"), weightsFile(-1, QByteArray(64, 'a')));
        QTemporaryDir root;
        const CheckpointCache cache(root.path());
        CheckpointDownloader downloader(cache, hub.baseUrl());
        const QString error = runDownload(downloader, m_repo);
        QVERIFY2(error.contains(QStringLiteral("but the hub announced aaaa")), qPrintable(error));
        const QString folder = cache.folder(m_repo, QStringLiteral("main"));
        QVERIFY(!QFile::exists(folder + QStringLiteral("/model.safetensors.part")));
        QVERIFY(!QFile::exists(folder + QStringLiteral("/model.safetensors")));
    }

    void namesAMissingRepository()
    {
        LocalHubServer hub;
        QTemporaryDir root;
        CheckpointDownloader downloader(CheckpointCache(root.path()), hub.baseUrl());
        const QString error = runDownload(downloader, QStringLiteral("NeoQuasar/Kronos-huge"));
        QVERIFY2(error.startsWith(QStringLiteral(
                     "NeoQuasar/Kronos-huge: config.json not found at revision 'main' (HTTP 404")),
            qPrintable(error));
    }

    void refusesPathsOutsideTheCache()
    {
        QTemporaryDir root;
        CheckpointDownloader downloader(
            CheckpointCache(root.path()), QStringLiteral("http://127.0.0.1:9"));
        QVERIFY(runDownload(downloader, QStringLiteral("../etc"))
                    .contains(QStringLiteral("not a valid repository name")));
        QVERIFY(!CheckpointCache::isValidRepo(QStringLiteral("a/..")));
        QVERIFY(!CheckpointCache::isValidRevision(QStringLiteral("../main")));
    }

    void verifyNoticesADamagedFileAndRemoveDeletes()
    {
        LocalHubServer hub;
        hub.addFile(m_repo, QStringLiteral("config.json"), { m_config, {}, -1 });
        hub.addFile(m_repo, QStringLiteral("model.safetensors"), weightsFile());
        QTemporaryDir root;
        const CheckpointCache cache(root.path());
        CheckpointDownloader downloader(cache, hub.baseUrl());
        QCOMPARE(runDownload(downloader, m_repo), QString());
        QFile weights(
            cache.folder(m_repo, QStringLiteral("main")) + QStringLiteral("/model.safetensors"));
        QVERIFY(weights.open(QIODevice::ReadWrite));
        weights.seek(5000);
        weights.write("damage");
        weights.close();
        QVERIFY(cache.verify(m_repo, QStringLiteral("main"))
                    .contains(QStringLiteral("does not match the recorded")));
        QVERIFY(cache.remove(m_repo, QStringLiteral("main")));
        QVERIFY(cache.list().isEmpty());
        QVERIFY(!cache.remove(m_repo, QStringLiteral("main")));
    }

    void hubAddressComesFromTheEnvironmentFirst()
    {
        qputenv("HF_ENDPOINT", "http://127.0.0.1:1234");
        QCOMPARE(CheckpointDownloader::baseUrl(QStringLiteral("http://setting")),
            QStringLiteral("http://127.0.0.1:1234"));
        qunsetenv("HF_ENDPOINT");
        QCOMPARE(CheckpointDownloader::baseUrl(QStringLiteral("http://setting")),
            QStringLiteral("http://setting"));
        QCOMPARE(CheckpointDownloader::baseUrl(), QStringLiteral("https://huggingface.co"));
    }
};

QTEST_GUILESS_MAIN(TestCheckpointDownload)
#include "test_checkpoint_download.moc"
