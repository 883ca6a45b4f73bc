#pragma once

#include <QString>
#include <QStringList>

// The programs of one installation find each other from the running one. In a build they are
// side by side (kronos-cli beside kronos-engine, kronos-workbench beside its window program);
// installed, the commands are in bin and the programs they hand over to in
// libexec/kronos-workbench, so each looks beside itself, then in the installation's other folder.
namespace InstalledPrograms {

// Where `name` is looked for from a program in `programFolder`, in that order: beside it, then
// in libexec/kronos-workbench when it is in bin, in bin when it is in libexec/kronos-workbench
// (the folders as this build installs them). The folder defaults to the running program's,
// symbolic links to it followed first (so a link on the PATH finds the installation).
QStringList places(const QString &name, const QString &programFolder = {});

// The first of places() that is an executable file; empty when none is.
QString find(const QString &name, const QString &programFolder = {});

// The kronos-cli a Slurm job's nodes run: this program if it is kronos-cli, the one of this
// installation, the one on the PATH, else the bare name (the nodes' PATH).
QString kronosCli();

} // namespace InstalledPrograms
