#pragma once

#include <QString>

// kronos-cli and kronos-workbench load no libtorch, so that they start in milliseconds. What
// needs the engine is carried out by a program that loads it (kronos-engine, the workbench's
// window program), which replaces the first process with the same command line: one load of
// libtorch, with the environment its libraries read when they are loaded already set
// (openmp_wait_policy.h) instead of a restart.
namespace ProgramHandover {

// Replaces this process with `program`, argv kept as given (so messages and window classes still
// name the command the user typed). Returns only when that fails: why, in a sentence.
QString replaceWith(const QString &program, char *argv[]);

} // namespace ProgramHandover
