#pragma once

#include <QString>
#include <QtGlobal>

// Memory and file sizes, in one unit everywhere — the GUI, the CLI, the logs: the mebibyte (MiB,
// 2^20 bytes), which the memory budget, the probes and the charts have always counted in, and
// which is written "MiB" so that nobody reads it as 10^6 bytes.
namespace ByteSize {

constexpr qint64 BytesPerMiB = 1024 * 1024;

constexpr double toMiB(double bytes)
{
    return bytes / double(BytesPerMiB);
}

constexpr qint64 fromMiB(qint64 mebibytes)
{
    return mebibytes * BytesPerMiB;
}

// "651 MiB"; below 10 MiB with one decimal ("4.1 MiB").
QString format(double bytes);

} // namespace ByteSize
