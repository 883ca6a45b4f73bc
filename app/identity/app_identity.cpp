#include "identity/app_identity.h"

#include "kw_version.h"

#include <QCoreApplication>

namespace AppIdentity {

void apply(QCoreApplication &application)
{
    application.setOrganizationName(QStringLiteral(KW_ORGANIZATION_NAME));
    application.setOrganizationDomain(QStringLiteral(KW_ORGANIZATION_DOMAIN));
    application.setApplicationName(QStringLiteral(KW_APPLICATION_ID));
    application.setApplicationVersion(QStringLiteral(KW_VERSION));
}

QString versionLine()
{
    return QStringLiteral(KW_APPLICATION_NAME " " KW_VERSION);
}

} // namespace AppIdentity
