#include "score_file_reader.h"

#include "csv_reader.h"

#include <QFile>
#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace Eval {

namespace {

[[noreturn]] void fail(const QString &path, qint64 line, const QString &what)
{
    const QString where = line > 0 ? QStringLiteral("%1:%2").arg(path).arg(line) : path;
    throw ScoreFileError(QStringLiteral("%1: %2").arg(where, what).toStdString());
}

// Column indices found in the header; horizon is -1 when the file has none.
struct ScoreColumns
{
    int date = -1;
    int ticker = -1;
    int score = -1;
    int horizon = -1;
};

ScoreColumns findColumns(const QString &path, const CsvRecord &header)
{
    ScoreColumns columns;
    for (int i = 0; i < header.fields.size(); ++i) {
        const QString name = header.fields[i].trimmed().toLower();
        int *column = name == QLatin1String("date") ? &columns.date
            : name == QLatin1String("ticker")       ? &columns.ticker
            : name == QLatin1String("score")        ? &columns.score
            : name == QLatin1String("horizon")      ? &columns.horizon
                                                    : nullptr;
        if (column && *column >= 0)
            fail(path, header.lineNumber, QStringLiteral("column '%1' appears twice").arg(name));
        if (column)
            *column = i;
    }
    for (const auto &[index, name] : { std::pair { columns.date, "date" },
             std::pair { columns.ticker, "ticker" }, std::pair { columns.score, "score" } }) {
        if (index < 0)
            fail(path, header.lineNumber,
                QStringLiteral("no '%1' column; expected date,ticker,score[,horizon]")
                    .arg(QLatin1String(name)));
    }
    return columns;
}

ScoreRow parseRow(const QString &path, const CsvRecord &record, const ScoreColumns &columns)
{
    const int needed
        = std::max({ columns.date, columns.ticker, columns.score, columns.horizon }) + 1;
    if (record.fields.size() < needed)
        fail(path, record.lineNumber,
            QStringLiteral("%1 fields, expected %2").arg(record.fields.size()).arg(needed));
    const QString dateText = record.fields[columns.date].trimmed();
    const QString ticker = record.fields[columns.ticker].trimmed().toUpper();
    const QString scoreText = record.fields[columns.score].trimmed();

    ScoreRow row;
    // Qt::ISODate would also take 2016/01/04; an explicit format keeps one spelling of a date.
    row.date = QDate::fromString(dateText, QStringLiteral("yyyy-MM-dd"));
    if (!row.date.isValid() || dateText.size() != 10)
        fail(path, record.lineNumber,
            QStringLiteral("date '%1' is not a date (YYYY-MM-DD)").arg(dateText));
    if (ticker.isEmpty())
        fail(path, record.lineNumber, QStringLiteral("the ticker is empty"));
    row.ticker = ticker;
    // An empty score marks a name the signal did not score; evaluateScores skips NaN.
    row.score = std::numeric_limits<double>::quiet_NaN();
    if (!scoreText.isEmpty()) {
        bool ok = false;
        row.score = scoreText.toDouble(&ok);
        if (!ok || !std::isfinite(row.score))
            fail(path, record.lineNumber,
                QStringLiteral("score '%1' is not a number").arg(scoreText));
    }
    if (columns.horizon >= 0) {
        const QString horizonText = record.fields[columns.horizon].trimmed();
        if (!horizonText.isEmpty()) {
            bool ok = false;
            const int horizon = horizonText.toInt(&ok);
            if (!ok || horizon < 1)
                fail(path, record.lineNumber,
                    QStringLiteral("horizon '%1' is not a whole number of rows >= 1")
                        .arg(horizonText));
            row.horizon = horizon;
        }
    }
    return row;
}

} // namespace

ScoreFile readScoreFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        fail(path, 0, QStringLiteral("cannot open: %1").arg(file.errorString()));
    CsvReader reader(file);
    CsvRecord record;
    if (!reader.readRecord(record))
        fail(path, 0,
            reader.hasError() ? reader.errorString() : QStringLiteral("the file is empty"));
    const ScoreColumns columns = findColumns(path, record);

    ScoreFile scores;
    std::set<int> horizons;
    while (reader.readRecord(record)) {
        scores.rows.push_back(parseRow(path, record, columns));
        if (scores.rows.back().horizon)
            horizons.insert(*scores.rows.back().horizon);
    }
    if (reader.hasError())
        fail(path, 0, reader.errorString());
    if (scores.rows.empty())
        fail(path, 0, QStringLiteral("no score rows after the header"));
    scores.horizons.assign(horizons.begin(), horizons.end());
    return scores;
}

} // namespace Eval
