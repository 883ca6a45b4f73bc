#include "identity/program_handover.h"

#include "identity/openmp_wait_policy.h"

#include <QFile>
#include <cerrno>
#include <cstdio>
#include <unistd.h>

namespace ProgramHandover {

QString replaceWith(const QString &program, char *argv[])
{
    OpenMpWaitPolicy::preferPassive();
    std::fflush(stdout);
    std::fflush(stderr);
    execv(QFile::encodeName(program).constData(), argv);
    return QStringLiteral("cannot start %1: %2").arg(program, qt_error_string(errno));
}

} // namespace ProgramHandover
