#include "eval/io/score_file_reader.h"

#include "data/csv_reader.h"
#include "data/file_error.h"

#include <QFile>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>

namespace Eval {

namespace {

[[noreturn]] void fail(const QString &path, qint64 line, const QString &what)
{
    const QString where = line > 0 ? QStringLiteral("%1:%2").arg(path).arg(line) : path;
    throw ScoreFileError(QStringLiteral("%1: %2").arg(where, what).toStdString());
}

// Column indices found in a header by name; -1 for a column the file does not have.
class NamedColumns
{
public:
    NamedColumns(const QString &path, const CsvRecord &header, const QStringList &names)
        : m_path(path)
        , m_names(names)
        , m_indices(size_t(names.size()), -1)
    {
        for (int i = 0; i < header.fields.size(); ++i) {
            const int known = int(names.indexOf(header.fields[i].trimmed().toLower()));
            if (known < 0)
                continue;
            if (m_indices[size_t(known)] >= 0)
                fail(path, header.lineNumber,
                    QStringLiteral("column '%1' appears twice").arg(names[known]));
            m_indices[size_t(known)] = i;
        }
    }

    int index(const QString &name) const { return m_indices[size_t(m_names.indexOf(name))]; }
    bool has(const QString &name) const { return index(name) >= 0; }

    // Fails unless every one of `names` was found; `expected` describes the format.
    void require(const CsvRecord &header, const QStringList &names, const QString &expected) const
    {
        for (const QString &name : names) {
            if (!has(name))
                fail(m_path, header.lineNumber,
                    QStringLiteral("no '%1' column; expected %2").arg(name, expected));
        }
    }

    // The trimmed cell of `name` in `record`; fails when the record is too short.
    QString cell(const CsvRecord &record, const QString &name) const
    {
        const int needed = *std::max_element(m_indices.begin(), m_indices.end()) + 1;
        if (record.fields.size() < needed)
            fail(m_path, record.lineNumber,
                QStringLiteral("%1 fields, expected %2").arg(record.fields.size()).arg(needed));
        return record.fields[index(name)].trimmed();
    }

private:
    QString m_path;
    QStringList m_names;
    std::vector<int> m_indices;
};

QDate parseDate(const QString &path, const CsvRecord &record, const QString &text)
{
    // Qt::ISODate would also take 2016/01/04; an explicit format keeps one spelling of a date.
    const QDate date = QDate::fromString(text, QStringLiteral("yyyy-MM-dd"));
    if (!date.isValid() || text.size() != 10)
        fail(path, record.lineNumber,
            QStringLiteral("date '%1' is not a date (YYYY-MM-DD)").arg(text));
    return date;
}

QString parseTicker(const QString &path, const CsvRecord &record, const QString &text)
{
    if (text.isEmpty())
        fail(path, record.lineNumber, QStringLiteral("the ticker is empty"));
    return text.toUpper();
}

double parseNumber(
    const QString &path, const CsvRecord &record, const QString &name, const QString &text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        fail(path, record.lineNumber, QStringLiteral("%1 '%2' is not a number").arg(name, text));
    return value;
}

int parseWholeNumber(const QString &path, const CsvRecord &record, const QString &name,
    const QString &text, int minimum, const QString &unit)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < minimum)
        fail(path, record.lineNumber,
            QStringLiteral("%1 '%2' is not a whole number%3 >= %4")
                .arg(name, text, unit)
                .arg(minimum));
    return value;
}

ScoreRow parseScoreRow(const QString &path, const CsvRecord &record, const NamedColumns &columns)
{
    ScoreRow row;
    row.date = parseDate(path, record, columns.cell(record, QStringLiteral("date")));
    row.ticker = parseTicker(path, record, columns.cell(record, QStringLiteral("ticker")));
    // An empty score marks a name the signal did not score; evaluateScores skips NaN.
    const QString scoreText = columns.cell(record, QStringLiteral("score"));
    row.score = scoreText.isEmpty() ? std::numeric_limits<double>::quiet_NaN()
                                    : parseNumber(path, record, QStringLiteral("score"), scoreText);
    if (columns.has(QStringLiteral("horizon"))) {
        const QString horizonText = columns.cell(record, QStringLiteral("horizon"));
        if (!horizonText.isEmpty())
            row.horizon = parseWholeNumber(path, record, QStringLiteral("horizon"), horizonText, 1,
                QStringLiteral(" of rows"));
    }
    if (columns.has(QStringLiteral("q10"))) {
        const QString q10 = columns.cell(record, QStringLiteral("q10"));
        const QString q90 = columns.cell(record, QStringLiteral("q90"));
        if (q10.isEmpty() != q90.isEmpty())
            fail(path, record.lineNumber,
                QStringLiteral("q10 and q90 must be both given or both empty"));
        if (!q10.isEmpty()) {
            row.q10 = parseNumber(path, record, QStringLiteral("q10"), q10);
            row.q90 = parseNumber(path, record, QStringLiteral("q90"), q90);
            if (*row.q10 > *row.q90)
                fail(path, record.lineNumber,
                    QStringLiteral("q10 '%1' is above q90 '%2'").arg(q10, q90));
        }
    }
    return row;
}

// Opens `path` and reads its header; next() then reads the rows.
class OpenCsv
{
public:
    explicit OpenCsv(const QString &path)
        : m_path(path)
        , m_file(path)
        , m_reader(m_file)
    {
        if (!m_file.open(QIODevice::ReadOnly))
            fail(path, 0, QStringLiteral("cannot open: %1").arg(m_file.errorString()));
        if (!next(m_header))
            fail(path, 0, QStringLiteral("the file is empty"));
    }

    const CsvRecord &header() const { return m_header; }

    // CsvReader::readRecord, its FileError turned into a ScoreFileError naming the file.
    bool next(CsvRecord &record)
    {
        try {
            return m_reader.readRecord(record);
        } catch (const FileError &error) {
            fail(m_path, 0, QString::fromUtf8(error.what()));
        }
    }

private:
    QString m_path;
    QFile m_file;
    CsvReader m_reader; // reads m_file, which is declared (so constructed) before it
    CsvRecord m_header;
};

} // namespace

ScoreFile readScoreFile(const QString &path)
{
    OpenCsv csv(path);
    const NamedColumns columns(path, csv.header(),
        { QStringLiteral("date"), QStringLiteral("ticker"), QStringLiteral("score"),
            QStringLiteral("horizon"), QStringLiteral("q10"), QStringLiteral("q90") });
    const QString format = QStringLiteral("date,ticker,score[,horizon][,q10,q90]");
    columns.require(csv.header(),
        { QStringLiteral("date"), QStringLiteral("ticker"), QStringLiteral("score") }, format);
    if (columns.has(QStringLiteral("q10")) != columns.has(QStringLiteral("q90")))
        fail(path, csv.header().lineNumber,
            QStringLiteral("q10 and q90 come together; expected %1").arg(format));

    ScoreFile scores;
    std::set<int> horizons;
    CsvRecord record;
    while (csv.next(record)) {
        scores.rows.push_back(parseScoreRow(path, record, columns));
        if (scores.rows.back().horizon)
            horizons.insert(*scores.rows.back().horizon);
    }
    if (scores.rows.empty())
        fail(path, 0, QStringLiteral("no score rows after the header"));
    scores.horizons.assign(horizons.begin(), horizons.end());
    return scores;
}

std::vector<SampledReturns> readSampleFile(const QString &path)
{
    OpenCsv csv(path);
    const QStringList names { QStringLiteral("date"), QStringLiteral("ticker"),
        QStringLiteral("horizon"), QStringLiteral("sample"), QStringLiteral("return") };
    const NamedColumns columns(path, csv.header(), names);
    columns.require(csv.header(), names, QStringLiteral("date,ticker,horizon,sample,return"));

    // (date, ticker, horizon) -> sample number -> return.
    std::map<std::tuple<QDate, QString, int>, std::map<int, double>> groups;
    CsvRecord record;
    while (csv.next(record)) {
        const QDate date = parseDate(path, record, columns.cell(record, names[0]));
        const QString ticker = parseTicker(path, record, columns.cell(record, names[1]));
        const int horizon = parseWholeNumber(
            path, record, names[2], columns.cell(record, names[2]), 1, QStringLiteral(" of rows"));
        const int sample
            = parseWholeNumber(path, record, names[3], columns.cell(record, names[3]), 0, {});
        const QString returnText = columns.cell(record, names[4]);
        const double value = parseNumber(path, record, names[4], returnText);
        if (!(value > -1.0))
            fail(path, record.lineNumber,
                QStringLiteral("return '%1' is -100% or worse").arg(returnText));
        if (!groups[{ date, ticker, horizon }].emplace(sample, value).second)
            fail(path, record.lineNumber,
                QStringLiteral("sample %1 of %2 %3 horizon %4 is given twice")
                    .arg(sample)
                    .arg(ticker, date.toString(Qt::ISODate))
                    .arg(horizon));
    }
    if (groups.empty())
        fail(path, 0, QStringLiteral("no sample rows after the header"));

    std::vector<SampledReturns> samples;
    samples.reserve(groups.size());
    for (const auto &[key, returns] : groups) {
        SampledReturns sampled { std::get<0>(key), std::get<1>(key), std::get<2>(key), {} };
        sampled.returns.reserve(returns.size());
        for (const auto &[index, value] : returns)
            sampled.returns.push_back(value);
        samples.push_back(std::move(sampled));
    }
    return samples;
}

} // namespace Eval
