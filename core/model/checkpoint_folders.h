#pragma once

#include <QString>

namespace kronos {

// What a checkpoint folder's config.json says it holds: upstream's tokenizer config has
// `n_enc_layers`, the predictor's `n_layers`.
enum class CheckpointRole { Predictor, Tokenizer, Unknown };

// Reads the keys of <folder>/config.json only (not the weights). Unknown when the file is
// missing, unreadable or holds neither kind of config.
CheckpointRole checkpointRoleOf(const QString &folder);

// The checks a user can act on before any file is parsed in earnest, in plain words: each
// folder exists and has a config.json, and the predictor's folder holds a predictor and the
// tokenizer's a tokenizer (two folders given the other way round are named as swapped).
// Throws CheckpointError; returns when both folders look right (the loader checks the rest).
void checkCheckpointFolders(const QString &modelFolder, const QString &tokenizerFolder);

} // namespace kronos
