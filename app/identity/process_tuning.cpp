#include "identity/process_tuning.h"

#include "identity/openmp_wait_policy.h"
#include "inference/compute_libraries.h"
#include "inference/openblas_core_choice.h"

#include <cstdlib>

#ifdef __linux__
#include <unistd.h>
#endif

namespace ProcessTuning {

void restartWithTunedEnvironment(char *argv[])
{
#ifdef __linux__
    bool changed = OpenMpWaitPolicy::preferPassive();
    // Only symbols of the libraries already loaded are looked up: nothing is loaded here.
    const kronos::BlasLibrary blas = kronos::loadedBlas();
    const QString core = kronos::chooseOpenBlasCoreType(kronos::detectCpuFeatures(), blas.core,
        QString::fromLocal8Bit(std::getenv("OPENBLAS_CORETYPE")));
    if (!core.isEmpty()) {
        setenv("OPENBLAS_CORETYPE", core.toLatin1().constData(), 1);
        setenv(kronos::DetectedOpenBlasCoreVariable, blas.core.toLatin1().constData(), 1);
        changed = true;
    }
    if (!changed)
        return;
    execv("/proc/self/exe", argv);
    // Not reached unless exec failed; the program then runs on untuned, and the reports must
    // not claim otherwise.
    if (!core.isEmpty()) {
        unsetenv("OPENBLAS_CORETYPE");
        unsetenv(kronos::DetectedOpenBlasCoreVariable);
    }
#else
    (void)argv;
#endif
}

} // namespace ProcessTuning
