#pragma once

// The compute libraries this process runs on, as `kronos-cli --version --verbose`, `kronos-cli
// bench` and the About box report them. Free of libtorch for its users.
// Thread-safety: every function may be called from any thread.

#include <QString>

namespace kronos {

// The BLAS among the loaded libraries, recognized by its own exported functions.
struct BlasLibrary
{
    QString name; // "OpenBLAS", "MKL", or empty when neither is loaded (e.g. Accelerate)
    QString version; // openblas_get_config() ("OpenBLAS 0.3.21 DYNAMIC_ARCH ...") or MKL's
    QString core; // OpenBLAS's kernel set in use (openblas_get_corename(), e.g. "SkylakeX")
};

BlasLibrary loadedBlas();

// The environment variable through which the executables tell their restarted selves which
// core OpenBLAS had detected before they chose another (see app/identity/process_tuning.h).
inline constexpr char DetectedOpenBlasCoreVariable[] = "KW_OPENBLAS_DETECTED_CORE";

// "OpenBLAS 0.3.21 ..., SkylakeX kernels (OpenBLAS detected Prescott; OPENBLAS_CORETYPE set by
// Kronos Workbench)": the BLAS, its kernels and who chose them.
QString blasDescription();

// "2.13.0": the version of the libtorch this program was built against.
QString libtorchVersion();

} // namespace kronos
