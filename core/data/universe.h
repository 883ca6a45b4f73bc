#pragma once

#include <QString>
#include <QStringList>

// A named list of tickers. Built-in universes (the bundled sample, one per GICS sector) are
// maintained by the program and cannot be changed by the user, only duplicated.
struct Universe
{
    QString name;
    QString description;
    bool builtIn = false;
    // Sorted.
    QStringList tickers;
};
