#include "model/state_dict_loader.h"

#include <QStringList>
#include <set>

namespace kronos {
namespace {

QString shapeText(const std::vector<int64_t> &shape)
{
    QStringList parts;
    for (const int64_t size : shape)
        parts << QString::number(size);
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

bool endsWith(const std::string &name, const std::string &suffix)
{
    return name.size() >= suffix.size()
        && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

void checkStateDict(const SafetensorsFile &file, const TensorLayout &expected,
    const std::vector<std::string> &optionalBufferSuffixes)
{
    QStringList problems;
    std::set<std::string> expectedNames;
    for (const ExpectedTensor &tensor : expected) {
        const std::string &name = tensor.name;
        expectedNames.insert(name);
        const auto found = file.entries().find(name);
        if (found == file.entries().end()) {
            problems << QStringLiteral("missing tensor '%1'").arg(QString::fromStdString(name));
            continue;
        }
        const SafetensorsEntry &entry = found->second;
        if (entry.shape != tensor.shape) {
            problems << QStringLiteral("%1: got %2, expected %3")
                            .arg(QString::fromStdString(name), shapeText(entry.shape),
                                shapeText(tensor.shape));
            continue;
        }
        if (entry.dtype == SafetensorsDtype::I64 || entry.dtype == SafetensorsDtype::I32)
            problems << QStringLiteral("%1: integer dtype, expected F32, F16 or BF16")
                            .arg(QString::fromStdString(name));
    }
    for (const auto &entry : file.entries()) {
        if (expectedNames.count(entry.first))
            continue;
        bool optional = false;
        for (const std::string &suffix : optionalBufferSuffixes)
            optional = optional || endsWith(entry.first, suffix);
        if (!optional)
            problems << QStringLiteral("unexpected tensor '%1' (not part of this architecture)")
                            .arg(QString::fromStdString(entry.first));
    }
    if (!problems.isEmpty()) {
        const int shown = std::min<int>(problems.size(), 12);
        QString message = QStringLiteral("%1: %2 problem(s) with the weights:\n  %3")
                              .arg(file.path())
                              .arg(problems.size())
                              .arg(problems.mid(0, shown).join(QStringLiteral("\n  ")));
        if (shown < problems.size())
            message += QStringLiteral("\n  ... and %1 more").arg(problems.size() - shown);
        throw CheckpointError(message.toStdString());
    }
}

void loadStateDict(torch::nn::Module &module, const SafetensorsFile &file,
    const std::vector<std::string> &optionalBufferSuffixes)
{
    TensorLayout expected;
    for (const auto &item : module.named_parameters(/*recurse=*/true))
        expected.push_back({ item.key(), item.value().sizes().vec() });
    checkStateDict(file, expected, optionalBufferSuffixes);
    for (auto &item : module.named_parameters(/*recurse=*/true))
        file.readInto(item.key(), item.value());
}

} // namespace kronos
