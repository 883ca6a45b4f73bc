#include "run/positive_list.h"

#include <QRegularExpression>
#include <QStringList>

PositiveList parsePositiveList(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    PositiveList list;
    for (const QString &part : text.split(separators, Qt::SkipEmptyParts)) {
        bool ok = false;
        const int value = part.toInt(&ok);
        if (!ok || value < 1) {
            list.invalidPart = part;
            return list;
        }
        if (!list.values.contains(value))
            list.values.append(value);
    }
    return list;
}
