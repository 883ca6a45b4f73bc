#pragma once

#include "cli/command_table.h"

// kronos-cli loads no libtorch, so that --version, --help, `runs list` and the other commands
// that forecast nothing start in milliseconds. The commands that run the Kronos engine are
// carried out by the engine program (kronos-engine: beside kronos-cli in a build, in libexec
// when installed), which replaces this process with the same command line: one load of
// libtorch, with the environment its libraries read when they are loaded already set.
namespace EngineHandover {

// Where the engine program is; empty when it is in neither place (or not executable).
QString enginePath();

// The kronos-cli program, asked from either program (what a Slurm job's nodes run): this one in
// kronos-cli, the one beside or installed with the engine program in kronos-engine.
QString kronosCliPath();

// Runners that hand the whole command line (argv, kept as given, so messages and usage still
// say kronos-cli) over to the engine program. They return only when that fails, after saying so
// on err, with exit status 1. argv and err must outlive them (main's).
EngineRunners runners(char *argv[], QTextStream &err);

} // namespace EngineHandover
