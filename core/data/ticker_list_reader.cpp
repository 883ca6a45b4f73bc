#include "data/ticker_list_reader.h"

#include "data/csv_reader.h"

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

bool TickerListReader::fromFile(const QString &path, QStringList &tickers, QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return false;
    }
    CsvReader reader(file);
    CsvRecord record;
    if (!reader.readRecord(record)) {
        tickers.clear();
        error = reader.errorString();
        return !reader.hasError();
    }
    const int column = tickerColumn(record.fields);
    QStringList words;
    do {
        if (column < 0)
            words.append(fromText(record.fields.join(QLatin1Char(' '))));
        else if (column < record.fields.size())
            words.append(record.fields.at(column));
    } while (reader.readRecord(record));
    if (reader.hasError()) {
        error = QStringLiteral("%1: %2").arg(path, reader.errorString());
        return false;
    }
    // The header row of a ticker column is a column name, not a ticker.
    if (column >= 0)
        words.removeFirst();
    tickers = cleaned(words);
    return true;
}
