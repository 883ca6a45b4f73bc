#include "data/byte_size.h"

namespace ByteSize {

QString format(double bytes)
{
    const double mebibytes = toMiB(bytes);
    return QStringLiteral("%1 MiB").arg(mebibytes, 0, 'f', mebibytes < 10 ? 1 : 0);
}

} // namespace ByteSize
