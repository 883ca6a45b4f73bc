#pragma once

// The environment the compute libraries read once, when they are loaded (before main()), set for
// ourselves by restarting the process once with it:
//
// OMP_WAIT_POLICY=PASSIVE: libtorch's OpenMP threads spin after each parallel region by default,
// and on a 2-core machine they then take the cores from OpenBLAS's own threads: measured with
// `kronos-cli bench` (Kronos-small, 12 series, 2 threads), the forecast took 4.9 s with spinning
// threads and 2.7-3.0 s with OMP_WAIT_POLICY=PASSIVE.
//
// OPENBLAS_CORETYPE: when OpenBLAS fell back to generic kernels on a CPU it does not know, the
// better kernels the CPU can run (core/inference/openblas_core_choice.h).
//
// A restart loads libtorch a second time (most of a start-up), so kronos-cli restarts only for
// the commands that run the engine; --version, --help, `runs list` and the like start once.
// (Setting the variables from the executable's ELF pre-initialization array does not work: glibc
// resets the environment to the original one when it initializes, before libgomp reads it.)
namespace ProcessTuning {

// On Linux, when the user has not set OMP_WAIT_POLICY, or OpenBLAS runs generic kernels that
// chooseOpenBlasCoreType() would replace: sets them (and KW_OPENBLAS_DETECTED_CORE, for the
// reports) and re-executes this program with the same arguments (returns only if that fails).
// Otherwise, and on other systems, returns at once. A user's own settings are left alone.
// Call first thing in main(), before any thread exists.
void restartWithTunedEnvironment(char *argv[]);

} // namespace ProcessTuning
