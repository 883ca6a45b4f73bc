#pragma once

#include "model/checkpoint_cache.h"

#include <QDialog>

class CheckpointDownloader;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;
struct DownloadProgress;

// The checkpoint manager: the published Kronos checkpoints and what is in the local cache;
// download (with progress, speed, ETA, cancel and resume), verify, remove, and "Use" to put a
// predictor and its tokenizer into the run setup. Downloads run on the network stack's own
// threads; the dialog only reacts to their signals.
class CheckpointManagerDialog : public QDialog
{
    Q_OBJECT

public:
    // `hubSetting` is the user's hub address setting; HF_ENDPOINT, when set, wins over it.
    CheckpointManagerDialog(
        const CheckpointCache &cache, const QString &hubSetting, QWidget *parent = nullptr);

Q_SIGNALS:
    // Folders of a predictor and its tokenizer, both complete in the cache.
    void useCheckpoint(const QString &modelFolder, const QString &tokenizerFolder);

private:
    void refresh();
    QString selectedRepo() const;
    QString revision() const;
    void download();
    void downloadNext();
    void showProgress(const DownloadProgress &progress);
    void finishDownloads(const QString &message);
    void verify();
    void remove();
    void use();
    bool isCached(const QString &repo) const;

    CheckpointCache m_cache;
    CheckpointDownloader *m_downloader;
    QStringList m_queue; // the selected repo and, when missing, its tokenizer
    QTableWidget *m_table;
    QLineEdit *m_revision;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPushButton *m_download;
    QPushButton *m_cancel;
    QPushButton *m_verify;
    QPushButton *m_remove;
    QPushButton *m_use;
};
