#include "cli/forecast_csv.h"

#include "data/bar_row_parser.h"
#include "data/csv_reader.h"
#include "data/csv_writer.h"
#include "data/file_error.h"
#include "data/trading_calendar.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <algorithm>

namespace {

[[noreturn]] void fail(const QString &path, qint64 line, const QString &what)
{
    const QString where = line > 0 ? QStringLiteral("%1:%2").arg(path).arg(line) : path;
    throw kronos::ForecastError(QStringLiteral("%1: %2").arg(where, what).toStdString());
}

// The first format that writes the parsed timestamp back exactly as the file did.
QString detectFormat(const QString &text, const QDateTime &parsed)
{
    static const QStringList formats = { QStringLiteral("yyyy-MM-dd HH:mm:ss"),
        QStringLiteral("yyyy-MM-dd HH:mm"), QStringLiteral("yyyy-MM-ddTHH:mm:ss"),
        QStringLiteral("yyyy-MM-ddTHH:mm"), QStringLiteral("yyyy-MM-dd"),
        QStringLiteral("yyyy/MM/dd"), QStringLiteral("yyyy-M-d"), QStringLiteral("yyyy/M/d") };
    for (const QString &format : formats)
        if (parsed.toString(format) == text)
            return format;
    return QStringLiteral("yyyy-MM-dd HH:mm:ss");
}

QString formatNumber(double value)
{
    return QString::number(value, 'g', 9);
}

} // namespace

QVector<QDateTime> continueTimestamps(const QVector<QDateTime> &history, int count)
{
    const TradingCalendar calendar(history);
    QVector<QDateTime> future;
    for (int step = 1; step <= count && !calendar.isEmpty(); ++step)
        future.append(calendar.next(calendar.last(), step));
    return future;
}

ForecastInputFile readForecastInput(const QString &path, int predLen)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        fail(path, 0, QStringLiteral("cannot open: %1").arg(file.errorString()));
    CsvReader reader(file);
    // A record, or the reader's FileError as a ForecastError naming the file.
    const auto next = [&](CsvRecord &record) {
        try {
            return reader.readRecord(record);
        } catch (const FileError &error) {
            fail(path, 0, QString::fromUtf8(error.what()));
        }
    };
    CsvRecord header;
    if (!next(header))
        fail(path, 0, QStringLiteral("the file is empty"));

    QHash<QString, int> columns;
    for (int i = 0; i < header.fields.size(); ++i)
        columns.insert(header.fields[i].trimmed().toLower(), i);
    const QStringList required = { QStringLiteral("timestamps"), QStringLiteral("open"),
        QStringLiteral("high"), QStringLiteral("low"), QStringLiteral("close") };
    for (const QString &name : required)
        if (!columns.contains(name))
            fail(path, header.lineNumber,
                QStringLiteral(
                    "no '%1' column; expected timestamps,open,high,low,close[,volume][,amount] "
                    "(any order)")
                    .arg(name));
    const bool hasVolume = columns.contains(QStringLiteral("volume"));
    const bool hasAmount = columns.contains(QStringLiteral("amount"));
    if (hasAmount && !hasVolume)
        fail(path, header.lineNumber, QStringLiteral("an 'amount' column needs a 'volume' column"));

    ForecastInputFile input;
    input.series.key = QFileInfo(path).completeBaseName();
    input.series.columns = hasAmount ? kronos::GivenColumns::PricesVolumeAmount
        : hasVolume                  ? kronos::GivenColumns::PricesVolume
                                     : kronos::GivenColumns::Prices;
    const QStringList valueNames
        = { QStringLiteral("open"), QStringLiteral("high"), QStringLiteral("low"),
              QStringLiteral("close"), QStringLiteral("volume"), QStringLiteral("amount") };
    CsvRecord record;
    while (next(record)) {
        const auto cell = [&](const QString &name) {
            return record.fields.value(columns.value(name)).trimmed();
        };
        const QString stampText = cell(QStringLiteral("timestamps"));
        const std::optional<QDateTime> stamp = BarRowParser::parseTimestamp(stampText);
        if (!stamp)
            fail(path, record.lineNumber,
                QStringLiteral("timestamp '%1' is not YYYY-MM-DD[ HH:MM[:SS]] "
                               "or YYYY/MM/DD")
                    .arg(stampText));
        if (input.timestampFormat.isEmpty())
            input.timestampFormat = detectFormat(stampText, *stamp);

        const bool future = std::all_of(required.begin() + 1, required.end(),
            [&](const QString &name) { return cell(name).isEmpty(); });
        if (future) {
            input.series.futureTimestamps.append(*stamp);
            continue;
        }
        if (!input.series.futureTimestamps.isEmpty())
            fail(path, record.lineNumber,
                QStringLiteral(
                    "a bar after a future row: future rows (empty prices) must come last"));
        double values[6] = { 0, 0, 0, 0, 0, 0 };
        for (int f = 0; f < 6; ++f) {
            if (!columns.contains(valueNames[f]))
                continue;
            bool ok = false;
            values[f] = cell(valueNames[f]).toDouble(&ok);
            if (!ok)
                fail(path, record.lineNumber,
                    QStringLiteral("%1 '%2' is not a number")
                        .arg(valueNames[f], cell(valueNames[f])));
        }
        input.series.timestamps.append(*stamp);
        input.series.bars.push_back(
            { values[0], values[1], values[2], values[3], values[4], values[5] });
    }
    if (input.series.bars.empty())
        fail(path, 0, QStringLiteral("no bars before the future rows"));
    if (input.series.futureTimestamps.isEmpty())
        input.series.futureTimestamps = continueTimestamps(input.series.timestamps, predLen);
    else if (input.series.futureTimestamps.size() != predLen)
        fail(path, 0,
            QStringLiteral("%1 future rows, but --pred-len is %2")
                .arg(input.series.futureTimestamps.size())
                .arg(predLen));
    return input;
}

void writeForecastOutput(const QString &path, const std::vector<ForecastOutputSeries> &series)
{
    CsvWriter writer(path);
    writer.writeRow({ QStringLiteral("series"), QStringLiteral("timestamps"),
        QStringLiteral("open"), QStringLiteral("high"), QStringLiteral("low"),
        QStringLiteral("close"), QStringLiteral("volume"), QStringLiteral("amount") });
    for (const ForecastOutputSeries &item : series) {
        const kronos::SeriesForecast &forecast = item.forecast;
        for (size_t t = 0; t < forecast.mean.size(); ++t) {
            const kronos::Candle &bar = forecast.mean[t];
            writer.writeRow(
                { forecast.key, forecast.timestamps[int(t)].toString(item.timestampFormat),
                    formatNumber(bar.open), formatNumber(bar.high), formatNumber(bar.low),
                    formatNumber(bar.close), formatNumber(bar.volume), formatNumber(bar.amount) });
        }
    }
    writer.commit();
}
