#include "model/kronos_config.h"

#include "model/safetensors_file.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace kronos {
namespace {

class ConfigReader
{
public:
    explicit ConfigReader(const QString &path)
        : m_path(path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            fail(QStringLiteral("cannot open: %1").arg(file.errorString()));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
        if (error.error != QJsonParseError::NoError)
            fail(QStringLiteral("not valid JSON: %1 at offset %2")
                     .arg(error.errorString())
                     .arg(error.offset));
        if (!document.isObject())
            fail(QStringLiteral("not a JSON object"));
        m_object = document.object();
    }

    int64_t positive(const char *key) const
    {
        const QJsonValue value = require(key);
        const double number = value.toDouble(-1);
        if (!value.isDouble() || number != std::floor(number) || number < 1 || number > 1 << 20)
            fail(QStringLiteral("'%1' must be a positive integer").arg(QLatin1String(key)));
        return static_cast<int64_t>(number);
    }

    bool boolean(const char *key) const
    {
        const QJsonValue value = require(key);
        if (!value.isBool())
            fail(QStringLiteral("'%1' must be true or false").arg(QLatin1String(key)));
        return value.toBool();
    }

    [[noreturn]] void fail(const QString &what) const
    {
        throw CheckpointError(QStringLiteral("%1: %2").arg(m_path, what).toStdString());
    }

    void checkHeads(int64_t dModel, int64_t nHeads, const char *headsKey) const
    {
        if (dModel % nHeads != 0)
            fail(QStringLiteral("'d_model' (%1) must be divisible by '%2' (%3)")
                     .arg(dModel)
                     .arg(QLatin1String(headsKey))
                     .arg(nHeads));
        if ((dModel / nHeads) % 2 != 0)
            fail(QStringLiteral("the head size d_model / %1 = %2 must be even (rotary embedding)")
                     .arg(QLatin1String(headsKey))
                     .arg(dModel / nHeads));
    }

    void checkBits(int64_t s1Bits, int64_t s2Bits) const
    {
        if (s1Bits > 24 || s2Bits > 24)
            fail(QStringLiteral("'s1_bits' and 's2_bits' must be at most 24"));
        if (s1Bits != s2Bits)
            fail(QStringLiteral("'s1_bits' (%1) must equal 's2_bits' (%2): the hierarchical "
                                "token decoding assumes two halves of the same size")
                     .arg(s1Bits)
                     .arg(s2Bits));
    }

private:
    QJsonValue require(const char *key) const
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined())
            fail(QStringLiteral("missing required key '%1'").arg(QLatin1String(key)));
        return value;
    }

    QString m_path;
    QJsonObject m_object;
};

} // namespace

TokenizerConfig loadTokenizerConfig(const QString &configPath)
{
    const ConfigReader reader(configPath);
    TokenizerConfig config;
    config.dIn = reader.positive("d_in");
    config.dModel = reader.positive("d_model");
    config.nHeads = reader.positive("n_heads");
    config.ffDim = reader.positive("ff_dim");
    config.nEncLayers = reader.positive("n_enc_layers");
    config.nDecLayers = reader.positive("n_dec_layers");
    config.s1Bits = reader.positive("s1_bits");
    config.s2Bits = reader.positive("s2_bits");
    if (config.dIn != 6)
        reader.fail(QStringLiteral("'d_in' must be 6 (open, high, low, close, volume, amount), "
                                   "got %1")
                        .arg(config.dIn));
    reader.checkHeads(config.dModel, config.nHeads, "n_heads");
    reader.checkBits(config.s1Bits, config.s2Bits);
    return config;
}

PredictorConfig loadPredictorConfig(const QString &configPath)
{
    const ConfigReader reader(configPath);
    PredictorConfig config;
    config.s1Bits = reader.positive("s1_bits");
    config.s2Bits = reader.positive("s2_bits");
    config.nLayers = reader.positive("n_layers");
    config.dModel = reader.positive("d_model");
    config.nHeads = reader.positive("n_heads");
    config.ffDim = reader.positive("ff_dim");
    config.learnTe = reader.boolean("learn_te");
    reader.checkHeads(config.dModel, config.nHeads, "n_heads");
    reader.checkHeads(config.dModel, DependencyLayerHeads, "4 (the dependency layer's heads)");
    reader.checkBits(config.s1Bits, config.s2Bits);
    return config;
}

} // namespace kronos
