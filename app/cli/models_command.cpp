#include "cli/models_command.h"

#include "cli/cli_dispatcher.h"
#include "data/byte_size.h"
#include "model/checkpoint_cache.h"
#include "model/checkpoint_downloader.h"

#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>

namespace {

int download(const CheckpointCache &cache, const QString &repo, const QString &revision,
    QTextStream &out, QTextStream &err)
{
    CheckpointDownloader downloader(cache, CheckpointDownloader::baseUrl());
    QEventLoop loop;
    int status = 1;
    QString lastFile;
    QObject::connect(
        &downloader, &CheckpointDownloader::progress, [&](const DownloadProgress &progress) {
            if (progress.file != lastFile) {
                lastFile = progress.file;
                err << "downloading " << repo << "/" << progress.file << "\n";
            }
            const QString total
                = progress.total > 0 ? ByteSize::format(progress.total) : QStringLiteral("?");
            err << QStringLiteral("\r  %1 of %2, %3/s")
                       .arg(ByteSize::format(progress.received), total,
                           ByteSize::format(qint64(progress.bytesPerSecond)));
            if (progress.secondsLeft >= 0)
                err << QStringLiteral(", %1 s left   ").arg(progress.secondsLeft, 0, 'f', 0);
            err.flush();
        });
    QObject::connect(&downloader, &CheckpointDownloader::finished, [&](const QString &folder) {
        err << "\n";
        out << folder << "\n";
        status = 0;
        loop.quit();
    });
    QObject::connect(&downloader, &CheckpointDownloader::failed, [&](const QString &error) {
        err << "\nkronos-cli models: " << error << "\n";
        loop.quit();
    });
    downloader.start(repo, revision);
    if (downloader.isRunning())
        loop.exec();
    return status;
}

} // namespace

int runModelsCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Manage downloaded Kronos checkpoints.\n"
        "  list                          known and cached checkpoints\n"
        "  download REPO [--revision R]  from Hugging Face (HF_ENDPOINT overrides the address)\n"
        "  verify [REPO] [--revision R]  recompute the weights' SHA-256\n"
        "  remove REPO [--revision R]    delete a cached checkpoint"));
    parser.addHelpOption();
    const QCommandLineOption revision(QStringLiteral("revision"),
        QStringLiteral("Branch, tag or commit (default main)."), QStringLiteral("R"),
        QStringLiteral("main"));
    const QCommandLineOption cacheRoot(QStringLiteral("cache"),
        QStringLiteral("Cache folder (default: the application's)."), QStringLiteral("DIR"));
    parser.addOptions({ revision, cacheRoot });
    parser.addPositionalArgument(
        QStringLiteral("action"), QStringLiteral("list, download, verify or remove"));
    parser.addPositionalArgument(QStringLiteral("REPO"),
        QStringLiteral("owner/name, e.g. NeoQuasar/Kronos-small"), QStringLiteral("[REPO]"));
    if (const std::optional<int> status
        = parseCommandArguments(parser, arguments, QStringLiteral("models"), out, err))
        return *status;
    const CheckpointCache cache(
        parser.isSet(cacheRoot) ? parser.value(cacheRoot) : CheckpointCache::defaultRoot());
    const QString action = parser.positionalArguments().value(0);
    const QString repo = parser.positionalArguments().value(1);
    const bool needsRepo = action == QLatin1String("download") || action == QLatin1String("remove");
    if (needsRepo && !CheckpointCache::isValidRepo(repo)) {
        err << "kronos-cli models " << action
            << ": give a repository as owner/name, e.g. NeoQuasar/Kronos-small\n";
        return 2;
    }

    if (action == QLatin1String("list")) {
        out << "Published checkpoints:\n";
        for (const KnownCheckpoint &known : CheckpointCache::knownCheckpoints()) {
            out << "  " << known.repo.leftJustified(34) << known.description;
            if (!known.tokenizerRepo.isEmpty())
                out << " (tokenizer " << known.tokenizerRepo << ")";
            out << "\n";
        }
        out << "In the cache (" << cache.root() << "):\n";
        const QList<CachedCheckpoint> cached = cache.list();
        if (cached.isEmpty())
            out << "  (none)\n";
        for (const CachedCheckpoint &checkpoint : cached)
            out << "  "
                << (checkpoint.repo + QLatin1Char('@') + checkpoint.revision).leftJustified(40)
                << ByteSize::format(checkpoint.bytes).rightJustified(10)
                << (checkpoint.complete ? "" : "  incomplete") << "  " << checkpoint.folder << "\n";
        return 0;
    }
    if (action == QLatin1String("download"))
        return download(cache, repo, parser.value(revision), out, err);
    if (action == QLatin1String("verify")) {
        int failures = 0;
        for (const CachedCheckpoint &checkpoint : cache.list()) {
            if (!repo.isEmpty()
                && (checkpoint.repo != repo || checkpoint.revision != parser.value(revision)))
                continue;
            const QString problem = cache.verify(checkpoint.repo, checkpoint.revision);
            out << checkpoint.repo << "@" << checkpoint.revision << ": "
                << (problem.isEmpty() ? QStringLiteral("ok") : problem) << "\n";
            failures += problem.isEmpty() ? 0 : 1;
        }
        if (!repo.isEmpty() && !QDir(cache.folder(repo, parser.value(revision))).exists()) {
            err << "kronos-cli models verify: " << repo << "@" << parser.value(revision)
                << " is not in the cache\n";
            return 1;
        }
        return failures == 0 ? 0 : 1;
    }
    if (action == QLatin1String("remove")) {
        if (!cache.remove(repo, parser.value(revision))) {
            err << "kronos-cli models remove: " << repo << "@" << parser.value(revision)
                << " is not in the cache\n";
            return 1;
        }
        out << "removed " << repo << "@" << parser.value(revision) << "\n";
        return 0;
    }
    err << "kronos-cli models: unknown action '" << action
        << "' (list, download, verify, remove)\n";
    return 2;
}
