#pragma once

#include "kronos_errors.h"

#include <QString>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace at {
class Tensor;
}

namespace kronos {

enum class SafetensorsDtype { F32, F16, BF16, I64, I32 };

// One tensor's entry in a safetensors header, already checked against the file.
struct SafetensorsEntry
{
    SafetensorsDtype dtype;
    std::vector<int64_t> shape;
    uint64_t begin; // byte offset inside the data section
    uint64_t end;
};

// A safetensors file (8-byte little-endian header length, JSON header, raw little-endian data)
// read whole and validated as a hostile file: header length bounded and inside the file, valid
// JSON, known dtypes, offsets inside the data and non-overlapping, and shape x dtype size equal to
// the byte span. Nothing is allocated from a size that was not checked first.
// Immutable after construction; safe to read from several threads.
class SafetensorsFile
{
public:
    // Throws CheckpointError naming the file and the problem.
    explicit SafetensorsFile(const QString &path);

    const QString &path() const { return m_path; }
    const std::map<std::string, SafetensorsEntry> &entries() const { return m_entries; }

    // The named tensor as a new CPU tensor: floats (F32, F16, BF16) as float32, integers as int64.
    // Throws CheckpointError when the name is absent.
    at::Tensor tensor(const std::string &name) const;

    static constexpr uint64_t MaxHeaderBytes = 100u * 1024u * 1024u;

private:
    void parseHeader(const QByteArray &header);

    QString m_path;
    std::vector<char> m_data; // the data section only
    std::map<std::string, SafetensorsEntry> m_entries;
};

} // namespace kronos
