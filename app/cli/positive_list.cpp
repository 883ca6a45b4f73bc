#include "positive_list.h"

#include <QStringList>

std::optional<QList<int>> parsePositiveList(const QString &text)
{
    QList<int> horizons;
    for (const QString &part : text.split(QLatin1Char(','))) {
        bool ok = false;
        const int horizon = part.trimmed().toInt(&ok);
        if (!ok || horizon < 1)
            return std::nullopt;
        if (!horizons.contains(horizon))
            horizons.append(horizon);
    }
    if (horizons.isEmpty())
        return std::nullopt;
    return horizons;
}
