#pragma once

// The environment the compute libraries read once, when they are loaded (before main()), set for
// ourselves by restarting the process once with it:
//
// OMP_WAIT_POLICY=PASSIVE (openmp_wait_policy.h).
//
// OPENBLAS_CORETYPE: when OpenBLAS fell back to generic kernels on a CPU it does not know, the
// better kernels the CPU can run (core/inference/openblas_core_choice.h).
//
// A restart loads libtorch a second time (most of a start-up). kronos-cli and, on Linux,
// kronos-workbench load no libtorch: they set OMP_WAIT_POLICY before handing over to the program
// that loads it (program_handover.h), which then restarts only when OpenBLAS needs other kernels
// than it detected.
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
