#pragma once

#include <QStringList>
#include <QTextStream>

// `kronos-cli slurm write`: writes a job folder that scores a run on a Slurm cluster as an array
// of shard tasks and merges the shards (SlurmJobWriter), and with --submit submits it. Exit
// status 0 written (and submitted), 1 failed, 2 usage error.
int runSlurmCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);
