#pragma once

#include "data/import_report.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>

class QIODevice;
class CsvReader;
class PriceStore;
struct PriceFileLayout;

// Imports price and sector CSV files (see PriceFileLayout for the formats) into a
// MarketDatabase.
//
// Each file is one transaction: valid rows are stored (re-imported rows replace the stored bar
// in place), invalid rows are skipped and reported with their line and reason; an unreadable
// file, a header that is not understood or a cancel rolls the whole file back, leaving the store
// exactly as it was, and is reported in the file's report. A database error rolls the file back
// too, and throws DatabaseError: the import stops there, and the files before it stay imported
// (each was reported to `fileDone`). Files are read in chunks, so memory stays bounded.
//
// Runs on the thread that owns the database connection (a worker's own MarketDatabase).
// `cancel` may be set from any thread; the importer checks it between rows.
class CsvImporter
{
public:
    explicit CsvImporter(QSqlDatabase database, const std::atomic<bool> *cancel = nullptr);

    FileImportReport importFile(const QString &path);
    // `fileName` names the data in the report and, for per-ticker files, gives the ticker
    // (`AAPL_data.csv` or `AAPL.csv`).
    FileImportReport importDevice(QIODevice &device, const QString &fileName);
    // Files, and folders (every *.csv directly inside, by name), reported into `report` file by
    // file: when a DatabaseError stops the import, `report` holds the files imported before it.
    // Stops after a cancel. `fileDone` is called after each file, e.g. for progress.
    void importPaths(const QStringList &paths, ImportReport &report,
        const std::function<void(const FileImportReport &)> &fileDone = {});

    // The files importPaths() would read, in order.
    static QStringList expandPaths(const QStringList &paths);

private:
    bool isCancelled() const;
    void importPrices(CsvReader &reader, const PriceFileLayout &layout, PriceStore &store,
        FileImportReport &report);
    void importSectors(CsvReader &reader, const PriceFileLayout &layout, PriceStore &store,
        FileImportReport &report);

    QSqlDatabase m_database;
    const std::atomic<bool> *m_cancel;
};
