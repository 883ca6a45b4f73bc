#include "model/published_checkpoints.h"

namespace kronos {

namespace {

bool sameShape(const PredictorConfig &a, const PredictorConfig &b)
{
    return a.s1Bits == b.s1Bits && a.s2Bits == b.s2Bits && a.nLayers == b.nLayers
        && a.dModel == b.dModel && a.nHeads == b.nHeads && a.ffDim == b.ffDim
        && a.learnTe == b.learnTe;
}

} // namespace

const QList<PublishedCheckpoint> &publishedCheckpoints()
{
    static const TokenizerConfig tokenizerBase { 6, 256, 4, 512, 4, 4, 10, 10 };
    static const QList<PublishedCheckpoint> table {
        { QStringLiteral("mini"), QStringLiteral("NeoQuasar/Kronos-mini"),
            QStringLiteral("NeoQuasar/Kronos-Tokenizer-2k"), { 10, 10, 4, 256, 4, 512, true },
            tokenizerBase, 2048, QStringLiteral("4.1 M"), 16500000 },
        { QStringLiteral("small"), QStringLiteral("NeoQuasar/Kronos-small"),
            QStringLiteral("NeoQuasar/Kronos-Tokenizer-base"), { 10, 10, 8, 512, 8, 1024, true },
            tokenizerBase, 512, QStringLiteral("24.7 M"), 99000000 },
        { QStringLiteral("base"), QStringLiteral("NeoQuasar/Kronos-base"),
            QStringLiteral("NeoQuasar/Kronos-Tokenizer-base"), { 10, 10, 12, 832, 16, 2048, true },
            tokenizerBase, 512, QStringLiteral("102.3 M"), 409000000 },
    };
    return table;
}

const QList<PublishedTokenizer> &publishedTokenizers()
{
    static const QList<PublishedTokenizer> table {
        { QStringLiteral("NeoQuasar/Kronos-Tokenizer-2k"),
            QStringLiteral("Tokenizer for Kronos-mini: 4.0 M parameters"), 16000000 },
        { QStringLiteral("NeoQuasar/Kronos-Tokenizer-base"),
            QStringLiteral("Tokenizer for Kronos-small and -base: 4.0 M parameters"), 16000000 },
    };
    return table;
}

int publishedMaxContext(const PredictorConfig &predictor)
{
    for (const PublishedCheckpoint &checkpoint : publishedCheckpoints()) {
        if (sameShape(checkpoint.predictor, predictor))
            return checkpoint.maxContext;
    }
    return UpstreamMaxContext;
}

} // namespace kronos
