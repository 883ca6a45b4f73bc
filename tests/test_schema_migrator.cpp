#include "data/market_database.h"
#include "data/schema_migrator.h"
#include "market_test_database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <thread>

namespace {

// A plain connection to `path` (no migration, no pragmas), removed when it goes: queries on it
// must be declared after it.
class PlainConnection
{
public:
    PlainConnection(const QString &name, const QString &path)
        : m_database(QSqlDatabase::addDatabase("QSQLITE", name))
        , m_name(name)
    {
        m_database.setDatabaseName(path);
        m_database.open();
    }
    ~PlainConnection()
    {
        m_database.close();
        m_database = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    PlainConnection(const PlainConnection &) = delete;
    PlainConnection &operator=(const PlainConnection &) = delete;

    QSqlDatabase &database() { return m_database; }

private:
    QSqlDatabase m_database;
    const QString m_name;
};

// Stores a finished run with id `id`, in the columns runs has had since version 3.
bool storeRun(QSqlQuery &query, int id)
{
    return query.exec(QStringLiteral("INSERT INTO runs (id, name, universe, spec, status,"
                                     " created_at, updated_at) VALUES (%1, 'r', 'u', '{}',"
                                     " 'finished', 0, 0)")
                          .arg(id));
}

} // namespace

// Schema versions: creation from nothing, upgrades from every earlier version, refusal of a
// newer file, all-or-nothing steps, and connections that open a new file at once.
class TestSchemaMigrator : public QObject
{
    Q_OBJECT

private:
    static QStringList tables(const QSqlDatabase &database)
    {
        QStringList names = database.tables();
        names.sort();
        return names;
    }

    static QVariant pragma(const QSqlDatabase &database, const QString &name)
    {
        QSqlQuery query(database);
        query.exec(QStringLiteral("PRAGMA ") + name);
        query.next();
        return query.value(0);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void defaultFileIsInTheApplicationData()
    {
        QCoreApplication::setApplicationName(QStringLiteral("kronos-workbench"));
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QCOMPARE(MarketDatabase::defaultPath(), folder + "/kronos-workbench.sqlite");
    }

    void createsTheSchemaInAnEmptyFile()
    {
        MarketTestDatabase market;
        QVERIFY2(market.isOpen(), qPrintable(market.errorString()));
        const QSqlDatabase database = market.database();
        QCOMPARE(SchemaMigrator::currentVersion(database), SchemaMigrator().latestVersion());
        QCOMPARE(tables(database),
            (QStringList { "bars", "instruments", "run_batches", "run_evaluations",
                "run_forecast_paths", "run_ids", "run_memory_samples", "run_sample_paths",
                "run_scores", "run_shards", "run_skipped", "run_warnings", "runs",
                "universe_members", "universes" }));
        QCOMPARE(pragma(database, "journal_mode").toString(), QStringLiteral("wal"));
        QCOMPARE(pragma(database, "foreign_keys").toInt(), 1);
    }

    void reopeningKeepsDataAndVersion()
    {
        QTemporaryDir folder;
        const QString path = folder.filePath("market.sqlite");
        {
            MarketDatabase first;
            first.open(path);
            QVERIFY(first.wasCreated());
            QSqlQuery(first.database()).exec("INSERT INTO instruments (ticker) VALUES ('A')");
        }
        MarketDatabase second;
        second.open(path);
        QVERIFY(!second.wasCreated());
        QSqlQuery query(second.database());
        query.exec("SELECT COUNT(*) FROM instruments");
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 1);
    }

    void upgradesFromEveryEarlierVersion_data()
    {
        QTest::addColumn<int>("startVersion");
        // Versions are numbered by the issues that add them, so the list may have a gap.
        QTest::addRow("from version 0") << 0;
        const QList<SchemaMigration> steps = SchemaMigrator::marketDataMigrations();
        for (const SchemaMigration &step : steps.mid(0, steps.size() - 1))
            QTest::addRow("from version %d", step.version) << step.version;
    }

    void upgradesFromEveryEarlierVersion()
    {
        QFETCH(int, startVersion);
        QTemporaryDir folder;
        PlainConnection connection("upgrade", folder.filePath("old.sqlite"));
        QSqlDatabase &database = connection.database();
        QVERIFY(database.isOpen());
        SchemaMigrator migrator;
        migrator.migrate(database, startVersion);
        QCOMPARE(SchemaMigrator::currentVersion(database), startVersion);
        migrator.migrate(database);
        QCOMPARE(SchemaMigrator::currentVersion(database), migrator.latestVersion());
    }

    // The mechanism later issues extend: a new step runs once, on top of the stored data.
    void appendedMigrationUpgradesAnExistingFile()
    {
        MarketTestDatabase market;
        QSqlDatabase database = market.database();
        QVERIFY(QSqlQuery(database).exec("INSERT INTO instruments (ticker) VALUES ('A')"));
        QList<SchemaMigration> steps = SchemaMigrator::marketDataMigrations();
        const int next = steps.last().version + 1;
        steps.append({ next, { "CREATE TABLE notes (id INTEGER PRIMARY KEY)" } });
        SchemaMigrator migrator(steps);
        migrator.migrate(database);
        QCOMPARE(SchemaMigrator::currentVersion(database), next);
        QVERIFY(database.tables().contains("notes"));
        migrator.migrate(database);
        QSqlQuery query(database);
        query.exec("SELECT ticker FROM instruments");
        QVERIFY(query.next());
    }

    void failedStepLeavesThePreviousVersion()
    {
        MarketTestDatabase market;
        QSqlDatabase database = market.database();
        const int before = SchemaMigrator::currentVersion(database);
        QList<SchemaMigration> steps = SchemaMigrator::marketDataMigrations();
        steps.append({ before + 1,
            { "CREATE TABLE half_done (id INTEGER)", "ALTER TABLE no_such_table ADD x" } });
        SchemaMigrator migrator(steps);
        const QString error = databaseErrorOf([&] { migrator.migrate(database); });
        QVERIFY2(
            error.startsWith(QStringLiteral("migration to version %1 failed: ").arg(before + 1)),
            qPrintable(error));
        QCOMPARE(SchemaMigrator::currentVersion(database), before);
        QVERIFY(!database.tables().contains("half_done"));
    }

    // Version 5 rebuilds run_memory_samples with the shard in its key: nothing stored is lost.
    void shardColumnsKeepStoredBatchesAndMemorySamples()
    {
        QTemporaryDir folder;
        PlainConnection connection("shards", folder.filePath("v3.sqlite"));
        QSqlDatabase &database = connection.database();
        QVERIFY(database.isOpen());
        SchemaMigrator migrator;
        migrator.migrate(database, 3);
        QSqlQuery query(database);
        QVERIFY(storeRun(query, 1));
        QVERIFY(query.exec("INSERT INTO run_batches VALUES (1, 0, 4, 0.5, 1000)"));
        QVERIFY(query.exec("INSERT INTO run_memory_samples VALUES (1, 1700000000000, 10, 0, 0)"));
        migrator.migrate(database);
        QVERIFY(query.exec("SELECT shard, size FROM run_batches"));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 0);
        QCOMPARE(query.value(1).toInt(), 4);
        QVERIFY(query.exec("SELECT shard, time_ms, process_bytes FROM run_memory_samples"));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 0);
        QCOMPARE(query.value(1).toLongLong(), 1700000000000LL);
        QCOMPARE(query.value(2).toLongLong(), 10LL);
        // Two shards may sample the same millisecond.
        QVERIFY2(
            query.exec("INSERT INTO run_memory_samples VALUES (1, 1, 1700000000000, 20, 0, 0)"),
            qPrintable(query.lastError().text()));
    }

    // Version 6 counts run ids from the largest stored and follows every run stored after.
    void runIdsContinueFromTheLargestStored()
    {
        QTemporaryDir folder;
        PlainConnection connection("runIds", folder.filePath("v5.sqlite"));
        QSqlDatabase &database = connection.database();
        QVERIFY(database.isOpen());
        SchemaMigrator migrator;
        migrator.migrate(database, 5);
        QSqlQuery query(database);
        for (int id : { 3, 7 })
            QVERIFY(storeRun(query, id));
        migrator.migrate(database);
        QVERIFY(query.exec("SELECT last FROM run_ids"));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toLongLong(), 7LL);
        // A run stored with an id of its own (a test's, another tool's) moves the count past it.
        QVERIFY(storeRun(query, 12));
        QVERIFY(query.exec("DELETE FROM runs WHERE id = 12"));
        QVERIFY(query.exec("SELECT last FROM run_ids"));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toLongLong(), 12LL);
    }

    // A connection that found no schema while another was creating it waits for the write
    // lock and finds the tables made, instead of failing on "table instruments already exists":
    // the GUI's background tasks (and kronos-cli) open a new file at the same time.
    void aSecondConnectionOpeningANewFileWhileTheSchemaIsCreatedOpensIt()
    {
        QTemporaryDir folder;
        const QString path = folder.filePath("new.sqlite");
        PlainConnection connection("creator", path);
        QSqlDatabase &creator = connection.database();
        QVERIFY(creator.isOpen());
        QSqlQuery query(creator);
        QVERIFY(query.exec("PRAGMA journal_mode = WAL"));
        QVERIFY(query.exec("BEGIN IMMEDIATE"));

        QString error;
        bool created = true;
        std::thread second([&] {
            MarketDatabase market;
            error = databaseErrorOf([&] {
                market.open(path);
                created = market.wasCreated();
            });
        });
        // Time for the second connection to read version 0 and wait on the lock held here.
        QThread::msleep(500);
        QStringList failed;
        for (const SchemaMigration &migration : SchemaMigrator::marketDataMigrations()) {
            for (const QString &statement : migration.statements) {
                if (!query.exec(statement))
                    failed.append(query.lastError().text());
            }
        }
        const int latest = SchemaMigrator().latestVersion();
        if (!query.exec(QStringLiteral("PRAGMA user_version = %1").arg(latest))
            || !query.exec("COMMIT"))
            failed.append(query.lastError().text());
        second.join();

        QVERIFY2(failed.isEmpty(), qPrintable(failed.join("; ")));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!created);
        QCOMPARE(SchemaMigrator::currentVersion(creator), latest);
    }

    void newerFileIsRefused()
    {
        QTemporaryDir folder;
        const QString path = folder.filePath("future.sqlite");
        {
            MarketDatabase market;
            market.open(path);
            QSqlQuery(market.database()).exec("PRAGMA user_version = 999");
        }
        MarketDatabase market;
        const QString error = databaseErrorOf([&] { market.open(path); });
        QVERIFY2(error.startsWith(path
                     + ": the database has schema version 999, newer than this "
                       "program"),
            qPrintable(error));
    }

    // The message names the file, whatever stopped it: a folder that cannot be made (a file is
    // in the way) or a path that is a folder.
    void openOnAnUnopenablePathThrowsNamingThePath_data()
    {
        QTest::addColumn<QString>("below");
        QTest::addRow("under a file") << QStringLiteral("file/market.sqlite");
        QTest::addRow("a folder") << QStringLiteral("folder");
    }

    void openOnAnUnopenablePathThrowsNamingThePath()
    {
        QFETCH(QString, below);
        QTemporaryDir folder;
        QFile file(folder.filePath("file"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QVERIFY(QDir(folder.path()).mkdir("folder"));
        const QString path = folder.filePath(below);
        MarketDatabase market;
        const QString error = databaseErrorOf([&] { market.open(path); });
        QVERIFY2(error.contains(path), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestSchemaMigrator)
#include "test_schema_migrator.moc"
