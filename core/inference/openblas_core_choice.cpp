#include "inference/openblas_core_choice.h"

#include <QStringList>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace kronos {

CpuFeatures detectCpuFeatures()
{
    CpuFeatures features;
#if defined(__x86_64__) || defined(__i386__)
    unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx))
        return features;
    const bool fma = ecx & (1u << 12);
    // The instructions exist only if the OS saves their registers: OSXSAVE, then XCR0's bits.
    if (!(ecx & (1u << 27)))
        return features;
    unsigned int xcr0 = 0, xcr0High = 0;
    __asm__("xgetbv" : "=a"(xcr0), "=d"(xcr0High) : "c"(0));
    const bool avxState = (xcr0 & 0x6u) == 0x6u; // SSE and AVX registers
    const bool avx512State = (xcr0 & 0xE6u) == 0xE6u; // plus opmask and both ZMM halves
    if (__get_cpuid_max(0, nullptr) < 7)
        return features;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    features.fma = fma && avxState;
    features.avx2 = (ebx & (1u << 5)) && avxState;
    features.avx512f = (ebx & (1u << 16)) && avx512State;
#endif
    return features;
}

QString chooseOpenBlasCoreType(
    const CpuFeatures &cpu, const QString &reportedCore, const QString &userSetting)
{
    // OpenBLAS's x86 kernel sets older than AVX2: what it falls back to on a CPU it does not
    // know. A newer name (Haswell, Zen, SkylakeX, ...) is a deliberate choice and stays.
    static const QStringList genericCores { QStringLiteral("Prescott"), QStringLiteral("Katmai"),
        QStringLiteral("Coppermine"), QStringLiteral("Northwood"), QStringLiteral("Banias"),
        QStringLiteral("Atom"), QStringLiteral("Core2"), QStringLiteral("Penryn"),
        QStringLiteral("Dunnington"), QStringLiteral("Nehalem"), QStringLiteral("Sandybridge"),
        QStringLiteral("Unknown") };
    if (!userSetting.isEmpty() || !genericCores.contains(reportedCore, Qt::CaseInsensitive))
        return {};
    if (cpu.avx512f)
        return QStringLiteral("SkylakeX");
    if (cpu.avx2 && cpu.fma)
        return QStringLiteral("Haswell");
    return {};
}

} // namespace kronos
