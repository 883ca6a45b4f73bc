#include "data/csv_importer.h"
#include "data/database_error.h"
#include "data/market_database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>

// Imports every CSV of a folder (by default the 482 files of ../shared/data/sp500-daily/prices)
// into a new database, twice: into the empty store, then again over the stored rows (every row
// replaced). Prints the figures; the target is under 10 s for the first pass.
//
// Usage: kw_import_benchmark [FOLDER]
int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    const QString folder = application.arguments().value(1, QStringLiteral(KW_BENCHMARK_PRICES));
    QTextStream out(stdout);

    QTemporaryDir scratch;
    MarketDatabase database;
    try {
        if (!scratch.isValid())
            throw DatabaseError(QStringLiteral("no temporary folder"));
        database.open(scratch.filePath(QStringLiteral("benchmark.sqlite")));
    } catch (const DatabaseError &error) {
        out << "cannot create the database: " << error.what() << "\n";
        return 1;
    }
    const QStringList files = CsvImporter::expandPaths({ folder });
    out << "importing " << files.size() << " files from " << folder << "\n";
    CsvImporter importer(database.database());
    for (const char *pass : { "empty store", "re-import" }) {
        QElapsedTimer timer;
        timer.start();
        ImportReport report;
        importer.importPaths(files, report);
        const double seconds = timer.nsecsElapsed() / 1e9;
        out << QStringLiteral("%1: %2 s, %3 rows/s — %4\n")
                   .arg(QLatin1String(pass))
                   .arg(seconds, 0, 'f', 2)
                   .arg(qRound64(report.imported() / seconds))
                   .arg(report.totalsLine());
        out.flush();
    }
    return 0;
}
