#pragma once

#include <QStringList>
#include <QTextStream>

// `kronos-cli universes [--db PATH] list | show NAME | create NAME --tickers A,B,C | --file F
// [--description TEXT] | rename NAME NEW | duplicate NAME NEW | delete NAME`.
// Exit status 0 on success, 1 when the action failed or (create) some tickers were unknown,
// 2 for bad usage.
int runUniversesCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);
