#pragma once

#include <QStringList>
#include <QTextStream>
#include <functional>

// `kronos-cli runs list | show ID | resume ID | rename ID NAME | compare ID ID | delete ID |
// export ID --output F.csv`: the scoring runs stored in the market database.
// `resume` scores the rest of a stored run: the engine program does (engine_commands.h);
// kronos-cli, which never loads libtorch, hands the command line over to it.
using RunResumer = std::function<int(const QString &databasePath, qint64 runId,
    const QString &scoresCsvPath, QTextStream &out, QTextStream &err)>;

int runRunsCommand(
    const QStringList &arguments, QTextStream &out, QTextStream &err, const RunResumer &resume);
