#pragma once

#include "cli/command_table.h"

// The engine program's runners: the commands that load libtorch, carried out in this process.
EngineRunners engineCommands(QTextStream &out, QTextStream &err);
