#include "identity/openmp_wait_policy.h"

#include <cstdlib>

namespace OpenMpWaitPolicy {

bool preferPassive()
{
#ifdef _WIN32
    return false;
#else
    if (std::getenv("OMP_WAIT_POLICY"))
        return false;
    setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
    return true;
#endif
}

} // namespace OpenMpWaitPolicy
