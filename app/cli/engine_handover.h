#pragma once

#include "cli/command_table.h"

// kronos-cli loads no libtorch, so that --version, --help, `runs list` and the other commands
// that forecast nothing start in milliseconds. The commands that run the Kronos engine are
// carried out by the engine program kronos-engine (installed_programs.h says where it is), which
// replaces this process with the same command line (identity/program_handover.h).
namespace EngineHandover {

// Runners that hand the whole command line (argv, kept as given, so messages and usage still
// say kronos-cli) over to the engine program. They return only when that fails, after saying so
// on err, with exit status 1. argv and err must outlive them (main's).
EngineRunners runners(char *argv[], QTextStream &err);

} // namespace EngineHandover
