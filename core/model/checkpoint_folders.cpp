#include "model/checkpoint_folders.h"

#include "model/kronos_errors.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace kronos {
namespace {

QString configPath(const QString &folder)
{
    return QDir(folder).filePath(QStringLiteral("config.json"));
}

[[noreturn]] void fail(const QString &message)
{
    throw CheckpointError(message.toStdString());
}

// A folder that does not exist, or has no config.json, said as such: the loader would only say
// that a file cannot be opened.
void checkFolder(const QString &folder, const QString &role)
{
    const QFileInfo info(folder);
    if (!info.exists())
        fail(QStringLiteral("The %1 folder %2 does not exist.").arg(role, folder));
    if (!info.isDir())
        fail(QStringLiteral("The %1 folder %2 is a file, not a folder: choose the folder that "
                            "holds config.json and model.safetensors.")
                 .arg(role, folder));
    if (!QFileInfo::exists(configPath(folder)))
        fail(QStringLiteral("The %1 folder %2 has no config.json: it is not a Kronos checkpoint "
                            "folder (one holds config.json and model.safetensors, as published "
                            "on Hugging Face).")
                 .arg(role, folder));
}

} // namespace

CheckpointRole checkpointRoleOf(const QString &folder)
{
    QFile file(configPath(folder));
    if (!file.open(QIODevice::ReadOnly))
        return CheckpointRole::Unknown;
    const QJsonObject config = QJsonDocument::fromJson(file.readAll()).object();
    const bool tokenizer = config.contains(QLatin1String("n_enc_layers"));
    const bool predictor = config.contains(QLatin1String("n_layers"));
    if (tokenizer == predictor)
        return CheckpointRole::Unknown;
    return tokenizer ? CheckpointRole::Tokenizer : CheckpointRole::Predictor;
}

void checkCheckpointFolders(const QString &modelFolder, const QString &tokenizerFolder)
{
    checkFolder(modelFolder, QStringLiteral("model"));
    checkFolder(tokenizerFolder, QStringLiteral("tokenizer"));
    const CheckpointRole model = checkpointRoleOf(modelFolder);
    const CheckpointRole tokenizer = checkpointRoleOf(tokenizerFolder);
    if (model == CheckpointRole::Tokenizer && tokenizer == CheckpointRole::Predictor)
        fail(QStringLiteral("The model and tokenizer folders are swapped: %1 holds a tokenizer "
                            "and %2 a predictor. Give %2 as the model and %1 as the tokenizer.")
                 .arg(modelFolder, tokenizerFolder));
    if (model == CheckpointRole::Tokenizer)
        fail(QStringLiteral("The model folder %1 holds a tokenizer, not a predictor: choose a "
                            "Kronos-mini, -small or -base folder.")
                 .arg(modelFolder));
    if (tokenizer == CheckpointRole::Predictor)
        fail(QStringLiteral("The tokenizer folder %1 holds a predictor, not a tokenizer: choose "
                            "a Kronos-Tokenizer folder.")
                 .arg(tokenizerFolder));
}

} // namespace kronos
