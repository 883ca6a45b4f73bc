#pragma once

// libtorch's OpenMP threads spin after each parallel region by default, and on a 2-core machine
// they then take the cores from OpenBLAS's own threads: measured with `kronos-cli bench` (Kronos-
// small, 12 series, 2 threads), the forecast took 4.9 s with spinning threads and 2.7-3.0 s with
// OMP_WAIT_POLICY=PASSIVE. libgomp reads that variable once, when it is loaded, so the only way to
// set it for ourselves is to restart the process with it.
namespace OpenMpWaitPolicy {

// On Linux, when OMP_WAIT_POLICY is not set: sets it to PASSIVE and re-executes this program
// with the same arguments (returns only if that fails). A user's own setting is left alone.
// Call first thing in main(), before any thread exists.
void ensurePassive(char *argv[]);

} // namespace OpenMpWaitPolicy
