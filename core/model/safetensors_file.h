#pragma once

#include "model/kronos_errors.h"

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

// A safetensors file (8-byte little-endian header length, JSON header, raw little-endian data).
// Construction reads and validates the header only, as a hostile file's: header length bounded
// and inside the file, valid JSON, known dtypes, offsets inside the data section and
// non-overlapping, and shape x dtype size equal to the byte span. Nothing is allocated from a
// size that was not checked first. Tensors are read on demand, each straight from the file into
// its destination, so loading holds no second copy of the weights.
// Immutable after construction; safe to read from several threads (each read opens the file).
class SafetensorsFile
{
public:
    // Throws CheckpointError naming the file and the problem.
    explicit SafetensorsFile(const QString &path);

    const QString &path() const { return m_path; }
    const std::map<std::string, SafetensorsEntry> &entries() const { return m_entries; }

    // The named tensor as a new CPU tensor: floats (F32, F16, BF16) as float32, integers as int64.
    // Throws CheckpointError when the name is absent or the file cannot be read.
    at::Tensor tensor(const std::string &name) const;

    // Reads the named tensor into `destination` (same number of elements), converting its dtype:
    // an F32 tensor into a contiguous float32 CPU tensor goes from the file to the destination's
    // memory with no copy in between. Throws CheckpointError when the name is absent, the sizes
    // differ or the file cannot be read.
    void readInto(const std::string &name, at::Tensor &destination) const;

    static constexpr uint64_t MaxHeaderBytes = 100u * 1024u * 1024u;

private:
    void parseHeader(const QByteArray &header);
    const SafetensorsEntry &entry(const std::string &name) const;
    // The entry's bytes into `target`, which holds entry.end - entry.begin bytes.
    void readBytes(const SafetensorsEntry &entry, void *target) const;

    QString m_path;
    uint64_t m_dataOffset = 0; // where the data section starts in the file
    uint64_t m_dataSize = 0;
    std::map<std::string, SafetensorsEntry> m_entries;
};

} // namespace kronos
