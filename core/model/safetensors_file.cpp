#include "model/safetensors_file.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <c10/util/accumulate.h>
#include <cstring>
#include <limits>
#include <torch/torch.h>

namespace kronos {
namespace {

[[noreturn]] void fail(const QString &path, const QString &what)
{
    throw CheckpointError(QStringLiteral("%1: %2").arg(path, what).toStdString());
}

bool parseDtype(const QString &text, SafetensorsDtype &dtype, uint64_t &bytes)
{
    static const std::map<QString, std::pair<SafetensorsDtype, uint64_t>> known = {
        { QStringLiteral("F32"), { SafetensorsDtype::F32, 4 } },
        { QStringLiteral("F16"), { SafetensorsDtype::F16, 2 } },
        { QStringLiteral("BF16"), { SafetensorsDtype::BF16, 2 } },
        { QStringLiteral("I64"), { SafetensorsDtype::I64, 8 } },
        { QStringLiteral("I32"), { SafetensorsDtype::I32, 4 } },
    };
    const auto found = known.find(text);
    if (found == known.end())
        return false;
    dtype = found->second.first;
    bytes = found->second.second;
    return true;
}

// A JSON number that is a non-negative integer exactly representable in a double.
bool toCount(const QJsonValue &value, uint64_t &out)
{
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    if (number < 0 || number > 9007199254740992.0 || number != std::floor(number))
        return false;
    out = static_cast<uint64_t>(number);
    return true;
}

} // namespace

SafetensorsFile::SafetensorsFile(const QString &path)
    : m_path(path)
{
    static_assert(sizeof(float) == 4, "safetensors F32 needs 4-byte floats");
    if (path.endsWith(QLatin1String(".bin")) || path.endsWith(QLatin1String(".pt"))
        || path.endsWith(QLatin1String(".pth")) || path.endsWith(QLatin1String(".ckpt")))
        fail(path,
            QStringLiteral("pickled PyTorch files are never loaded (they can run code); "
                           "use the model.safetensors file of the checkpoint"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        fail(path, QStringLiteral("cannot open: %1").arg(file.errorString()));
    const qint64 fileSize = file.size();
    if (fileSize < 8)
        fail(path,
            QStringLiteral("truncated: %1 bytes, not even the 8-byte header length").arg(fileSize));

    unsigned char lengthBytes[8];
    if (file.read(reinterpret_cast<char *>(lengthBytes), 8) != 8)
        fail(path, QStringLiteral("cannot read the header length"));
    uint64_t headerLength = 0;
    for (int i = 7; i >= 0; --i)
        headerLength = (headerLength << 8) | lengthBytes[i];
    const uint64_t available = static_cast<uint64_t>(fileSize) - 8;
    if (headerLength == 0 || headerLength > MaxHeaderBytes || headerLength > available)
        fail(path,
            QStringLiteral("header length %1 is past the end of the file (%2 bytes) or over "
                           "the %3-byte limit")
                .arg(headerLength)
                .arg(fileSize)
                .arg(MaxHeaderBytes));
    const QByteArray header = file.read(static_cast<qint64>(headerLength));
    if (static_cast<uint64_t>(header.size()) != headerLength)
        fail(path, QStringLiteral("cannot read the %1-byte header").arg(headerLength));

    m_dataOffset = 8 + headerLength;
    m_dataSize = available - headerLength;
    parseHeader(header);
}

void SafetensorsFile::parseHeader(const QByteArray &header)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(header, &error);
    if (error.error != QJsonParseError::NoError)
        fail(m_path,
            QStringLiteral("header is not valid JSON: %1 at offset %2")
                .arg(error.errorString())
                .arg(error.offset));
    if (!document.isObject())
        fail(m_path, QStringLiteral("header is not a JSON object"));

    const QJsonObject object = document.object();
    std::vector<std::pair<uint64_t, std::string>> spans; // (begin, name), for the overlap check
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == QLatin1String("__metadata__"))
            continue;
        const QString name = it.key();
        if (!it.value().isObject())
            fail(m_path, QStringLiteral("tensor '%1': entry is not an object").arg(name));
        const QJsonObject entry = it.value().toObject();

        SafetensorsEntry parsed {};
        uint64_t elementBytes = 0;
        const QString dtype = entry.value(QLatin1String("dtype")).toString();
        if (!parseDtype(dtype, parsed.dtype, elementBytes))
            fail(m_path,
                QStringLiteral("tensor '%1': unknown dtype '%2' (known: F32, F16, BF16, "
                               "I64, I32)")
                    .arg(name, dtype));

        const QJsonValue shapeValue = entry.value(QLatin1String("shape"));
        if (!shapeValue.isArray())
            fail(m_path, QStringLiteral("tensor '%1': shape is not an array").arg(name));
        uint64_t elements = 1;
        for (const QJsonValue &dimension : shapeValue.toArray()) {
            uint64_t size = 0;
            if (!toCount(dimension, size))
                fail(m_path,
                    QStringLiteral("tensor '%1': shape has a dimension that is not a "
                                   "non-negative integer")
                        .arg(name));
            if (size != 0 && elements > std::numeric_limits<uint64_t>::max() / size / elementBytes)
                fail(m_path, QStringLiteral("tensor '%1': shape overflows").arg(name));
            elements *= size;
            parsed.shape.push_back(static_cast<int64_t>(size));
        }

        const QJsonArray offsets = entry.value(QLatin1String("data_offsets")).toArray();
        if (offsets.size() != 2 || !toCount(offsets[0], parsed.begin)
            || !toCount(offsets[1], parsed.end) || parsed.begin > parsed.end)
            fail(m_path,
                QStringLiteral("tensor '%1': data_offsets must be [begin, end] with "
                               "begin <= end")
                    .arg(name));
        if (parsed.end > m_dataSize)
            fail(m_path,
                QStringLiteral("tensor '%1': data_offsets [%2, %3] run past the data "
                               "section (%4 bytes)")
                    .arg(name)
                    .arg(parsed.begin)
                    .arg(parsed.end)
                    .arg(m_dataSize));
        if (elements * elementBytes != parsed.end - parsed.begin)
            fail(m_path,
                QStringLiteral("tensor '%1': shape x dtype size is %2 bytes but its "
                               "data_offsets span %3 bytes")
                    .arg(name)
                    .arg(elements * elementBytes)
                    .arg(parsed.end - parsed.begin));
        spans.emplace_back(parsed.begin, name.toStdString());
        m_entries.emplace(name.toStdString(), std::move(parsed));
    }

    std::sort(spans.begin(), spans.end());
    for (size_t i = 1; i < spans.size(); ++i) {
        const SafetensorsEntry &previous = m_entries.at(spans[i - 1].second);
        if (spans[i].first < previous.end)
            fail(m_path,
                QStringLiteral("tensors '%1' and '%2' overlap in the data section")
                    .arg(QString::fromStdString(spans[i - 1].second),
                        QString::fromStdString(spans[i].second)));
    }
}

const SafetensorsEntry &SafetensorsFile::entry(const std::string &name) const
{
    const auto found = m_entries.find(name);
    if (found == m_entries.end())
        fail(m_path, QStringLiteral("no tensor named '%1'").arg(QString::fromStdString(name)));
    return found->second;
}

void SafetensorsFile::readBytes(const SafetensorsEntry &entry, void *target) const
{
    const qint64 size = qint64(entry.end - entry.begin);
    if (size == 0)
        return;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(qint64(m_dataOffset + entry.begin))
        || file.read(static_cast<char *>(target), size) != size)
        fail(m_path,
            QStringLiteral("cannot read %1 bytes at offset %2: %3")
                .arg(size)
                .arg(m_dataOffset + entry.begin)
                .arg(file.errorString()));
}

at::Tensor SafetensorsFile::tensor(const std::string &name) const
{
    const SafetensorsEntry &stored = entry(name);
    const bool isFloat = stored.dtype == SafetensorsDtype::F32
        || stored.dtype == SafetensorsDtype::F16 || stored.dtype == SafetensorsDtype::BF16;
    at::Tensor result = torch::empty(stored.shape, isFloat ? torch::kFloat32 : torch::kInt64);
    readInto(name, result);
    return result;
}

void SafetensorsFile::readInto(const std::string &name, at::Tensor &destination) const
{
    const SafetensorsEntry &stored = entry(name);
    if (destination.numel() != c10::multiply_integers(stored.shape))
        fail(m_path,
            QStringLiteral("tensor '%1' has %2 elements, its destination %3")
                .arg(QString::fromStdString(name))
                .arg(c10::multiply_integers(stored.shape))
                .arg(destination.numel()));
    static const std::map<SafetensorsDtype, torch::ScalarType> storedType
        = { { SafetensorsDtype::F32, torch::kFloat32 }, { SafetensorsDtype::F16, torch::kFloat16 },
              { SafetensorsDtype::BF16, torch::kBFloat16 },
              { SafetensorsDtype::I64, torch::kInt64 }, { SafetensorsDtype::I32, torch::kInt32 } };
    const torch::ScalarType type = storedType.at(stored.dtype);
    // The data section is little-endian, as every supported host is; tensor memory is aligned
    // whatever the file's offsets.
    if (destination.device().is_cpu() && destination.scalar_type() == type
        && destination.is_contiguous()) {
        readBytes(stored, destination.data_ptr());
        return;
    }
    torch::Tensor staged = torch::empty(stored.shape, type);
    readBytes(stored, staged.data_ptr());
    torch::NoGradGuard noGrad;
    destination.copy_(staged.view(destination.sizes()));
}

} // namespace kronos
