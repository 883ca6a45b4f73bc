#pragma once

#include <QStringList>
#include <QTextStream>

// `kronos-cli score`: scores a universe over evaluation dates with a Kronos checkpoint, stored
// as a resumable run in the market database. Exit status 0 finished, 1 failed, 2 usage error,
// 130 interrupted.
int runScoreCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);
