#include "data/ticker_list_reader.h"

#include "data/csv_reader.h"
#include "data/file_error.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>

namespace {

QStringList cleaned(const QStringList &words)
{
    QStringList result;
    QSet<QString> seen;
    for (const QString &word : words) {
        const QString ticker = word.trimmed().toUpper();
        if (!ticker.isEmpty() && !seen.contains(ticker)) {
            seen.insert(ticker);
            result.append(ticker);
        }
    }
    return result;
}

int tickerColumn(const QStringList &header)
{
    for (const char *name : { "ticker", "symbol", "name" }) {
        for (qsizetype i = 0; i < header.size(); ++i) {
            if (header.at(i).trimmed().compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
                return int(i);
        }
    }
    return -1;
}

} // namespace

QStringList TickerListReader::fromText(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    return cleaned(text.split(separators, Qt::SkipEmptyParts));
}

QStringList TickerListReader::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw FileError(QStringLiteral("cannot open %1: %2").arg(path, file.errorString()));
    CsvReader reader(file);
    CsvRecord record;
    QStringList words;
    try {
        if (!reader.readRecord(record))
            return {};
        const int column = tickerColumn(record.fields);
        do {
            if (column < 0)
                words.append(fromText(record.fields.join(QLatin1Char(' '))));
            else if (column < record.fields.size())
                words.append(record.fields.at(column));
        } while (reader.readRecord(record));
        // The header row of a ticker column is a column name, not a ticker.
        if (column >= 0)
            words.removeFirst();
    } catch (const FileError &error) {
        throw FileError(QStringLiteral("%1: %2").arg(path, QString::fromUtf8(error.what())));
    }
    return cleaned(words);
}
