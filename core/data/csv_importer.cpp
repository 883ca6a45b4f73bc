#include "data/csv_importer.h"

#include "data/bar_row_parser.h"
#include "data/csv_reader.h"
#include "data/database_error.h"
#include "data/file_error.h"
#include "data/price_file_layout.h"
#include "data/price_store.h"
#include "data/sql_statement.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>

namespace {

// Rows written per batch: large enough to amortize the statement, small enough to stay cheap.
constexpr qsizetype WriteBatchRows = 4096;

} // namespace

CsvImporter::CsvImporter(QSqlDatabase database, const std::atomic<bool> *cancel)
    : m_database(database)
    , m_cancel(cancel)
{
}

bool CsvImporter::isCancelled() const
{
    return m_cancel && m_cancel->load(std::memory_order_relaxed);
}

QStringList CsvImporter::expandPaths(const QStringList &paths)
{
    QStringList files;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.isDir()) {
            files.append(path);
            continue;
        }
        const QDir folder(path);
        const QStringList names = folder.entryList(
            { QStringLiteral("*.csv") }, QDir::Files, QDir::Name | QDir::IgnoreCase);
        for (const QString &name : names)
            files.append(folder.filePath(name));
    }
    return files;
}

void CsvImporter::importPaths(const QStringList &paths, ImportReport &report,
    const std::function<void(const FileImportReport &)> &fileDone)
{
    for (const QString &path : expandPaths(paths)) {
        if (isCancelled()) {
            report.cancelled = true;
            break;
        }
        report.files.append(importFile(path));
        report.cancelled = report.files.last().cancelled;
        if (fileDone)
            fileDone(report.files.last());
    }
}

FileImportReport CsvImporter::importFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        FileImportReport report;
        report.file = path;
        report.error = QStringLiteral("cannot open: %1").arg(file.errorString());
        return report;
    }
    FileImportReport report = importDevice(file, QFileInfo(path).fileName());
    report.file = path;
    return report;
}

FileImportReport CsvImporter::importDevice(QIODevice &device, const QString &fileName)
{
    FileImportReport report;
    report.file = fileName;
    CsvReader reader(device);
    CsvRecord header;
    try {
        if (!reader.readRecord(header)) {
            report.error = QStringLiteral("file is empty");
            return report;
        }
    } catch (const FileError &error) {
        report.error = QString::fromUtf8(error.what());
        return report;
    }
    PriceFileLayout layout = PriceFileLayout::recognize(header.fields);
    if (layout.kind == PriceFileLayout::Kind::Unrecognized) {
        report.error = layout.error;
        return report;
    }

    try {
        SqlTransaction transaction(m_database);
        PriceStore store(m_database);
        try {
            if (layout.kind == PriceFileLayout::Kind::Sectors)
                importSectors(reader, layout, store, report);
            else
                importPrices(reader, layout, store, report);
        } catch (const FileError &error) {
            // A file that cannot be read to its end is rejected as a whole; the import goes on.
            report.error = QString::fromUtf8(error.what());
        }
        if (report.error.isEmpty() && !report.cancelled) {
            transaction.commit();
            return report;
        }
        // Left without commit(), the transaction rolls the file back.
    } catch (const DatabaseError &error) {
        throw DatabaseError(QStringLiteral("%1: %2; nothing imported from this file")
                                .arg(fileName, QString::fromUtf8(error.what())));
    }
    report.imported = 0;
    report.replaced = 0;
    report.tickers.clear();
    if (!report.error.isEmpty())
        report.error += QStringLiteral("; nothing imported from this file");
    return report;
}

void CsvImporter::importPrices(
    CsvReader &reader, const PriceFileLayout &layout, PriceStore &store, FileImportReport &report)
{
    const BarRowParser parser(
        layout, BarRowParser::tickerFromFileName(report.file), reader.delimiter());
    struct TickerState
    {
        qint64 storedBefore = 0;
        QHash<qint64, qint64> lineOfTimestamp;
    };
    QHash<QString, TickerState> seen;
    bool intraday = false;

    QList<TickerBar> pending;
    pending.reserve(WriteBatchRows);
    const auto flush = [&] {
        if (!pending.isEmpty())
            store.writeBars(pending);
        pending.clear();
    };

    CsvRecord record;
    QString ticker;
    QString rejection;
    Bar bar;
    while (reader.readRecord(record)) {
        if (isCancelled()) {
            report.cancelled = true;
            return;
        }
        ++report.read;
        if (!parser.parse(record.fields, ticker, bar, rejection)) {
            ++report.rejected;
            report.rejections.append({ record.lineNumber, rejection });
            continue;
        }
        auto state = seen.find(ticker);
        if (state == seen.end()) {
            store.addInstrument(ticker);
            state = seen.insert(ticker, { store.barCount(ticker), {} });
        }
        const qint64 seconds = bar.timestamp.toSecsSinceEpoch();
        const auto first = state->lineOfTimestamp.constFind(seconds);
        if (first != state->lineOfTimestamp.cend()) {
            ++report.rejected;
            report.rejections.append({ record.lineNumber,
                QStringLiteral("duplicate timestamp %1 for %2 (first on line %3)")
                    .arg(record.fields.at(layout.timestamp).trimmed(), ticker)
                    .arg(*first) });
            continue;
        }
        state->lineOfTimestamp.insert(seconds, record.lineNumber);
        pending.append({ ticker, bar });
        if (pending.size() == WriteBatchRows)
            flush();
        intraday = intraday || bar.timestamp.time() != QTime(0, 0);
        ++report.imported;
    }

    flush();
    qint64 added = 0;
    for (auto it = seen.cbegin(); it != seen.cend(); ++it) {
        added += store.barCount(it.key()) - it->storedBefore;
        report.tickers.append(it.key());
    }
    report.tickers.sort();
    report.replaced = report.imported - added;
    report.format = QStringLiteral("%1, %2").arg(
        layout.style, intraday ? QStringLiteral("intraday") : QStringLiteral("daily"));
}

void CsvImporter::importSectors(
    CsvReader &reader, const PriceFileLayout &layout, PriceStore &store, FileImportReport &report)
{
    report.format = layout.style;
    QHash<QString, qint64> lineOfTicker;
    CsvRecord record;
    while (reader.readRecord(record)) {
        if (isCancelled()) {
            report.cancelled = true;
            return;
        }
        ++report.read;
        const auto reject = [&](const QString &reason) {
            ++report.rejected;
            report.rejections.append({ record.lineNumber, reason });
        };
        if (record.fields.size() != layout.columnCount) {
            reject(QStringLiteral("expected %1 fields, got %2")
                       .arg(layout.columnCount)
                       .arg(record.fields.size()));
            continue;
        }
        const QString ticker = record.fields.at(layout.ticker).trimmed().toUpper();
        if (ticker.isEmpty()) {
            reject(QStringLiteral("ticker is empty"));
            continue;
        }
        if (lineOfTicker.contains(ticker)) {
            reject(QStringLiteral("duplicate ticker %1 (first on line %2)")
                       .arg(ticker)
                       .arg(lineOfTicker.value(ticker)));
            continue;
        }
        lineOfTicker.insert(ticker, record.lineNumber);
        if (store.instrument(ticker))
            ++report.replaced;
        store.setSector(ticker, record.fields.at(layout.sector).trimmed());
        ++report.imported;
        report.tickers.append(ticker);
    }
    report.tickers.sort();
}
