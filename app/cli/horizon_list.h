#pragma once

#include <QList>
#include <QString>
#include <optional>

// "20,60,90" -> {20, 60, 90}: positive trading-day horizons in the order given, repeats dropped.
// Nothing for an empty list or a part that is not a positive integer. Shared by every command
// that takes --horizons.
std::optional<QList<int>> parseHorizonList(const QString &text);
