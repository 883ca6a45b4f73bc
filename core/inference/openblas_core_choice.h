#pragma once

// Which OpenBLAS kernels a process should start with. Debian 12's OpenBLAS (0.3.21) does not
// recognize recent Intel CPUs and silently falls back to its SSE3 "Prescott" kernels, 4-8x
// slower at SGEMM than the AVX-512 ones the CPU can run (../shared/notes/openblas-cores.md).
// OpenBLAS reads OPENBLAS_CORETYPE only when it is loaded, so the choice is made by the
// executables before they restart themselves (app/identity/process_tuning.h).

#include <QString>

namespace kronos {

// What the CPU can run and the operating system has enabled (x86-64 cpuid and xgetbv); all
// false on other architectures.
struct CpuFeatures
{
    bool avx512f = false;
    bool avx2 = false;
    bool fma = false;
};

CpuFeatures detectCpuFeatures();

// The OPENBLAS_CORETYPE to set, or empty to leave OpenBLAS's own choice: "SkylakeX" on an
// AVX-512F CPU, "Haswell" on an AVX2+FMA one, but only when OpenBLAS reported one of its
// generic pre-AVX2 cores (e.g. "Prescott") and the user has not set OPENBLAS_CORETYPE
// (`userSetting`, empty when unset). `reportedCore` is openblas_get_corename(), empty when
// OpenBLAS is not the BLAS. Pure: depends on its arguments only.
QString chooseOpenBlasCoreType(
    const CpuFeatures &cpu, const QString &reportedCore, const QString &userSetting);

} // namespace kronos
