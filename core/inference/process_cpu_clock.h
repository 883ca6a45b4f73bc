#pragma once

#include <sys/resource.h>

namespace kronos {

// CPU seconds this process has used (user + system, all threads). Benchmarks report it beside
// the wall time: on a machine shared with other work the wall time stretches, this far less.
inline double processCpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

} // namespace kronos
