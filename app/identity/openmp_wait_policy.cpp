#include "identity/openmp_wait_policy.h"

#include <cstdlib>

namespace OpenMpWaitPolicy {

bool preferPassive()
{
#ifdef __linux__
    if (std::getenv("OMP_WAIT_POLICY"))
        return false;
    setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
    return true;
#else
    return false; // measured on Linux only; other systems keep their runtime's default
#endif
}

} // namespace OpenMpWaitPolicy
