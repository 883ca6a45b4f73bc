#pragma once

#include "model/kronos_config.h"

#include <QList>
#include <QString>

namespace kronos {

// The context upstream's KronosPredictor takes when it is given none: the one a checkpoint that
// is not a published one gets here.
constexpr int UpstreamMaxContext = 512;

// A predictor published by the Kronos authors (NeoQuasar on Hugging Face) with the tokenizer it
// was trained with. Their config.json does not say the context a predictor was trained with;
// this table does (Kronos-mini 2048, the others 512).
struct PublishedCheckpoint
{
    QString name; // "mini", "small", "base": the shape's name (random weights, benchmarks)
    QString repo; // "NeoQuasar/Kronos-small"
    QString tokenizerRepo; // "NeoQuasar/Kronos-Tokenizer-base"
    PredictorConfig predictor;
    TokenizerConfig tokenizer;
    int maxContext = UpstreamMaxContext;
    QString parameters; // "24.7 M"
    qint64 approximateBytes = 0; // of its model.safetensors
};

struct PublishedTokenizer
{
    QString repo; // "NeoQuasar/Kronos-Tokenizer-2k"
    QString description;
    qint64 approximateBytes = 0;
};

// The one table of the published checkpoints: the checkpoint cache, the random-weight shapes and
// every default context read it.
const QList<PublishedCheckpoint> &publishedCheckpoints();
const QList<PublishedTokenizer> &publishedTokenizers();

// The context a predictor of this shape was trained with: its published checkpoint's, else
// UpstreamMaxContext.
int publishedMaxContext(const PredictorConfig &predictor);

} // namespace kronos
