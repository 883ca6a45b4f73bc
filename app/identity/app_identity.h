#pragma once

#include <QString>

class QCoreApplication;

// Names the running application: organization, application name and version. QSettings and
// QStandardPaths derive their locations from these, so both executables must set them the same.
namespace AppIdentity {

void apply(QCoreApplication &application);

// "Kronos Workbench 0.1.0" — shown by --version and the About box.
QString versionLine();

} // namespace AppIdentity
