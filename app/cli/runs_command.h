#pragma once

#include <QStringList>
#include <QTextStream>

// `kronos-cli runs list | show ID | resume ID | rename ID NAME | compare ID ID | delete ID |
// export ID --output F.csv`: the scoring runs stored in the market database.
int runRunsCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);
