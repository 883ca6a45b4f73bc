#include "cli/cli_dispatcher.h"
#include "cli/command_table.h"
#include "cli/engine_commands.h"
#include "identity/app_identity.h"
#include "identity/process_tuning.h"
#include "inference/memory_probe.h"

#include <QCoreApplication>

// kronos-engine: kronos-cli's commands in a process that loads libtorch. kronos-cli hands the
// engine's commands over to it with the same command line (engine_handover.h).
int main(int argc, char *argv[])
{
    ProcessTuning::restartWithTunedEnvironment(argv);
    kronos::MemoryProbe::reuseFreedMemory();
    QCoreApplication application(argc, argv);
    AppIdentity::apply(application);

    QTextStream out(stdout);
    QTextStream err(stderr);
    CliDispatcher dispatcher(out, err);
    addKronosCommands(dispatcher, engineCommands(out, err), out, err);
    return dispatcher.dispatch(application.arguments());
}
