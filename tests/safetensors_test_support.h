#pragma once

// Writing safetensors files and checkpoint folders the way upstream's tools do, for tests and
// benchmarks.

#include "model/kronos_config.h"

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <map>
#include <string>
#include <torch/torch.h>

namespace SafetensorsTestSupport {

inline QByteArray littleEndian64(quint64 value)
{
    QByteArray bytes(8, '\0');
    for (int i = 0; i < 8; ++i)
        bytes[i] = char((value >> (8 * i)) & 0xFF);
    return bytes;
}

inline QByteArray safetensors(const QByteArray &header, const QByteArray &data)
{
    return littleEndian64(quint64(header.size())) + header + data;
}

// Serializes float32 tensors (or F16 when asked) the way the safetensors library does.
inline QByteArray serialize(
    const std::map<std::string, torch::Tensor> &tensors, torch::ScalarType type = torch::kFloat32)
{
    QJsonObject header;
    QByteArray data;
    for (const auto &item : tensors) {
        const torch::Tensor stored = item.second.to(type).contiguous();
        QJsonArray shape;
        for (const int64_t size : stored.sizes())
            shape.append(qint64(size));
        const qint64 begin = data.size();
        data.append(static_cast<const char *>(stored.data_ptr()), qsizetype(stored.nbytes()));
        header.insert(QString::fromStdString(item.first),
            QJsonObject {
                { QStringLiteral("dtype"),
                    type == torch::kFloat16 ? QStringLiteral("F16") : QStringLiteral("F32") },
                { QStringLiteral("shape"), shape },
                { QStringLiteral("data_offsets"), QJsonArray { begin, qint64(data.size()) } } });
    }
    return safetensors(QJsonDocument(header).toJson(QJsonDocument::Compact), data);
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// A module's parameters by name, as a checkpoint holds them.
inline std::map<std::string, torch::Tensor> stateDict(torch::nn::Module &module)
{
    std::map<std::string, torch::Tensor> tensors;
    for (const auto &item : module.named_parameters())
        tensors[item.key()] = item.value();
    return tensors;
}

// config.json of a checkpoint folder, with the keys upstream publishes.
inline QByteArray configJson(const kronos::TokenizerConfig &c)
{
    return QJsonDocument(QJsonObject { { QStringLiteral("d_in"), qint64(c.dIn) },
                             { QStringLiteral("d_model"), qint64(c.dModel) },
                             { QStringLiteral("n_heads"), qint64(c.nHeads) },
                             { QStringLiteral("ff_dim"), qint64(c.ffDim) },
                             { QStringLiteral("n_enc_layers"), qint64(c.nEncLayers) },
                             { QStringLiteral("n_dec_layers"), qint64(c.nDecLayers) },
                             { QStringLiteral("s1_bits"), qint64(c.s1Bits) },
                             { QStringLiteral("s2_bits"), qint64(c.s2Bits) } })
        .toJson();
}

inline QByteArray configJson(const kronos::PredictorConfig &c)
{
    return QJsonDocument(QJsonObject { { QStringLiteral("s1_bits"), qint64(c.s1Bits) },
                             { QStringLiteral("s2_bits"), qint64(c.s2Bits) },
                             { QStringLiteral("n_layers"), qint64(c.nLayers) },
                             { QStringLiteral("d_model"), qint64(c.dModel) },
                             { QStringLiteral("n_heads"), qint64(c.nHeads) },
                             { QStringLiteral("ff_dim"), qint64(c.ffDim) },
                             { QStringLiteral("learn_te"), c.learnTe } })
        .toJson();
}

} // namespace SafetensorsTestSupport
