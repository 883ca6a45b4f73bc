#include "inference/compute_libraries.h"

#include <cstdlib>
#include <dlfcn.h>
#include <torch/version.h>

namespace kronos {
namespace {

template <typename Function> Function *loadedFunction(const char *name)
{
    return reinterpret_cast<Function *>(dlsym(RTLD_DEFAULT, name));
}

} // namespace

BlasLibrary loadedBlas()
{
    BlasLibrary blas;
    const auto openBlasCore = loadedFunction<char *()>("openblas_get_corename");
    const auto openBlasConfig = loadedFunction<char *()>("openblas_get_config");
    if (openBlasCore && openBlasConfig) {
        blas.name = QStringLiteral("OpenBLAS");
        blas.version = QString::fromLatin1(openBlasConfig()).trimmed();
        blas.core = QString::fromLatin1(openBlasCore());
        return blas;
    }
    // MKL_Get_Version_String(char *buffer, int length)
    if (const auto mklVersion = loadedFunction<void(char *, int)>("MKL_Get_Version_String")) {
        char text[256] = {};
        mklVersion(text, int(sizeof text) - 1);
        blas.name = QStringLiteral("MKL");
        blas.version = QString::fromLatin1(text).trimmed();
    }
    return blas;
}

QString blasDescription()
{
    const BlasLibrary blas = loadedBlas();
    if (blas.name.isEmpty())
        return QStringLiteral("not OpenBLAS or MKL (libtorch's own choice of kernels)");
    if (blas.name != QLatin1String("OpenBLAS"))
        return QStringLiteral("%1 (%2; chooses its kernels itself)").arg(blas.name, blas.version);
    const QString detected = qEnvironmentVariable(DetectedOpenBlasCoreVariable);
    QString origin;
    if (!detected.isEmpty())
        origin = QStringLiteral("OpenBLAS detected %1; OPENBLAS_CORETYPE set by Kronos Workbench")
                     .arg(detected);
    else if (qEnvironmentVariableIsSet("OPENBLAS_CORETYPE"))
        origin
            = QStringLiteral("OPENBLAS_CORETYPE=%1").arg(qEnvironmentVariable("OPENBLAS_CORETYPE"));
    else
        origin = QStringLiteral("detected by OpenBLAS");
    return QStringLiteral("%1, %2 kernels (%3)").arg(blas.version, blas.core, origin);
}

QString libtorchVersion()
{
    return QStringLiteral(TORCH_VERSION);
}

} // namespace kronos
