#include "app_identity.h"
#include "cli_dispatcher.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    AppIdentity::apply(application);

    QTextStream out(stdout);
    QTextStream err(stderr);
    CliDispatcher dispatcher(out, err);
    return dispatcher.dispatch(application.arguments());
}
