#include "cli/cli_dispatcher.h"
#include "cli/command_table.h"
#include "cli/engine_handover.h"
#include "identity/app_identity.h"

#include <QCoreApplication>

// kronos-cli: every command, without libtorch; the engine's commands are handed over to the
// engine program (engine_handover.h).
int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    AppIdentity::apply(application);

    QTextStream out(stdout);
    QTextStream err(stderr);
    CliDispatcher dispatcher(out, err);
    addKronosCommands(dispatcher, EngineHandover::runners(argv, err), out, err);
    return dispatcher.dispatch(application.arguments());
}
