#pragma once

#include <QSqlDatabase>
#include <QString>

// The SQLite file that holds instruments, bars and universes: one open connection to it.
//
// open() creates the file when missing, switches on WAL and foreign keys, and migrates the
// schema to the newest version (see SchemaMigrator). The repositories (PriceStore,
// UniverseRepository, CsvImporter) take database() and must be destroyed before this object.
//
// A Qt SQL connection belongs to the thread that opened it: open one MarketDatabase per thread
// (a worker opens its own on the same file; WAL lets readers and a writer share it).
class MarketDatabase
{
public:
    MarketDatabase();
    ~MarketDatabase();
    MarketDatabase(const MarketDatabase &) = delete;
    MarketDatabase &operator=(const MarketDatabase &) = delete;

    // `QStandardPaths::AppDataLocation/kronos-workbench.sqlite`.
    static QString defaultPath();

    // Throws DatabaseError, naming the file, when it cannot be opened, configured or migrated.
    void open(const QString &filePath);
    // True when this open() created the schema in a new or empty file, so the caller may seed
    // it. Of connections opening a new file at once, one is told so.
    bool wasCreated() const { return m_wasCreated; }
    QSqlDatabase database() const;
    QString filePath() const { return m_filePath; }

private:
    void configure();

    QString m_connectionName;
    QString m_filePath;
    bool m_wasCreated = false;
};
