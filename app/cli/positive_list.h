#pragma once

#include <QList>
#include <QString>
#include <optional>

// "20,60,90" -> {20, 60, 90}: positive integers in the order given, repeats dropped. Nothing for
// an empty list or a part that is not a positive integer. Shared by every command that takes a
// list of horizons (--horizons) or batch sizes (--sizes).
std::optional<QList<int>> parsePositiveList(const QString &text);
