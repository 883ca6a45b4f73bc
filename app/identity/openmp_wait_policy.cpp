#include "openmp_wait_policy.h"

#include <cstdlib>

#ifdef __linux__
#include <unistd.h>
#endif

namespace OpenMpWaitPolicy {

void ensurePassive(char *argv[])
{
#ifdef __linux__
    if (std::getenv("OMP_WAIT_POLICY"))
        return;
    setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
    execv("/proc/self/exe", argv);
    // Not reached unless exec failed; the program then runs on with spinning threads.
#else
    (void)argv;
#endif
}

} // namespace OpenMpWaitPolicy
