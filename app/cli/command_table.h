#pragma once

#include "cli/runs_command.h"

#include <QTextStream>
#include <functional>

class CliDispatcher;

// What carries out the commands that run the Kronos engine (forecast, bench, score, probe,
// slurm, `runs resume`, `--version --verbose`): in the engine program, the commands themselves
// (engine_commands.h); in kronos-cli, which never loads libtorch, a hand-over of the whole
// command line to the engine program (engine_handover.h).
struct EngineRunners
{
    std::function<int(const QString &command, const QStringList &arguments)> command;
    RunResumer resumeRun;
    std::function<int()> verboseVersion;
};

// Registers every kronos-cli command, with the summary `--help` lists, in both programs: one
// table, so the two never disagree on what a command is called or does.
void addKronosCommands(
    CliDispatcher &dispatcher, const EngineRunners &engine, QTextStream &out, QTextStream &err);
