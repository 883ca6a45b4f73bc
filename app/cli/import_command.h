#pragma once

#include <QStringList>
#include <QTextStream>

// `kronos-cli import [--db PATH] [--universe NAME] FILE|DIR...`: imports price and sector CSV
// files (every *.csv of a folder) and prints the report. Exit status 0 when everything was
// imported, 1 when rows or files were rejected, 2 when nothing could be imported (or bad usage).
int runImportCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);
