#pragma once

#include <QList>
#include <QString>

// A list of positive whole numbers as people type it — horizons ("20, 60, 90") or batch sizes:
// parts separated by commas and/or white space, kept in the order given, repeats dropped. The
// one parser of such lists, for the GUI's fields and the CLI's --horizons and --sizes.
struct PositiveList
{
    QList<int> values;
    QString invalidPart; // the first part that is not a whole number >= 1; empty when none

    // Every part a positive whole number, and at least one.
    bool isValid() const { return invalidPart.isEmpty() && !values.isEmpty(); }
};

PositiveList parsePositiveList(const QString &text);
