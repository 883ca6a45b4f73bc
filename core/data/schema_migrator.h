#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// One forward step of the database schema: the SQL statements that take a database from
// version `version - 1` to `version`.
struct SchemaMigration
{
    int version;
    QStringList statements;
};

// Brings a database's schema up to date, recording the version in `PRAGMA user_version`.
//
// Each migration runs in its own transaction together with its version bump, so a failure
// leaves the database at the last version that applied completely. A database newer than the
// newest known migration is refused rather than guessed at. Later issues extend the schema by
// appending to marketDataMigrations() (never by editing a released step).
//
// Works on the calling thread's connection. Connections to one file may migrate it at the same
// time (the GUI's background tasks, kronos-cli): each step takes SQLite's write lock and reads
// the version again under it, so a step another connection applied is skipped, never repeated.
class SchemaMigrator
{
public:
    explicit SchemaMigrator(QList<SchemaMigration> migrations = marketDataMigrations());

    // The application's schema history: version 1 (instruments, bars, universes) onward.
    static QList<SchemaMigration> marketDataMigrations();

    int latestVersion() const;
    // Throws DatabaseError when the version cannot be read.
    static int currentVersion(const QSqlDatabase &database);

    // Applies every migration above the database's version, up to `targetVersion` (the latest
    // when negative), and returns the version it found: under the write lock of its first step
    // when it had one to apply (0: this call created the schema). Throws DatabaseError when a
    // step fails ("migration to version 2 failed: no such table: bars (ALTER TABLE bars ...)")
    // or the database is newer than this program.
    int migrate(QSqlDatabase &database, int targetVersion = -1) const;

private:
    void refuseNewer(int version) const;
    // The step's statements and version bump, inside the caller's transaction.
    static void apply(QSqlDatabase &database, const SchemaMigration &migration);

    QList<SchemaMigration> m_migrations;
};
