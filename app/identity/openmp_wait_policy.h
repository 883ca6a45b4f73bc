#pragma once

// OMP_WAIT_POLICY=PASSIVE: libtorch's OpenMP threads spin after each parallel region by default,
// and on a 2-core machine they then take the cores from OpenBLAS's own threads: measured with
// `kronos-cli bench` (Kronos-small, 12 series, 2 threads), the forecast took 4.9 s with spinning
// threads and 2.7-3.0 s with OMP_WAIT_POLICY=PASSIVE. libgomp reads it once, when libtorch is
// loaded, so it is set before a program that loads libtorch starts (kronos-cli, before it hands
// over to the engine program) or by restarting once (process_tuning.h).
namespace OpenMpWaitPolicy {

// On Linux, sets OMP_WAIT_POLICY=PASSIVE in this process's environment unless the user set it;
// returns whether it changed anything.
bool preferPassive();

} // namespace OpenMpWaitPolicy
