#include "market_database.h"
#include "market_test_database.h"
#include "schema_migrator.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

// Schema versions: creation from nothing, upgrades from every earlier version, refusal of a
// newer file, and all-or-nothing steps.
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
                "run_forecast_paths", "run_memory_samples", "run_sample_paths", "run_scores",
                "run_skipped", "run_warnings", "runs", "universe_members", "universes" }));
        QCOMPARE(pragma(database, "journal_mode").toString(), QStringLiteral("wal"));
        QCOMPARE(pragma(database, "foreign_keys").toInt(), 1);
    }

    void reopeningKeepsDataAndVersion()
    {
        QTemporaryDir folder;
        const QString path = folder.filePath("market.sqlite");
        {
            MarketDatabase first;
            QVERIFY(first.open(path));
            QVERIFY(first.wasCreated());
            QSqlQuery(first.database()).exec("INSERT INTO instruments (ticker) VALUES ('A')");
        }
        MarketDatabase second;
        QVERIFY(second.open(path));
        QVERIFY(!second.wasCreated());
        QSqlQuery query(second.database());
        query.exec("SELECT COUNT(*) FROM instruments");
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 1);
    }

    void upgradesFromEveryEarlierVersion_data()
    {
        QTest::addColumn<int>("startVersion");
        for (int version = 0; version < SchemaMigrator().latestVersion(); ++version)
            QTest::addRow("from version %d", version) << version;
    }

    void upgradesFromEveryEarlierVersion()
    {
        QFETCH(int, startVersion);
        QTemporaryDir folder;
        QSqlDatabase database = QSqlDatabase::addDatabase("QSQLITE", "upgrade");
        database.setDatabaseName(folder.filePath("old.sqlite"));
        QVERIFY(database.open());
        SchemaMigrator migrator;
        QVERIFY(migrator.migrate(database, startVersion));
        QCOMPARE(SchemaMigrator::currentVersion(database), startVersion);
        QVERIFY2(migrator.migrate(database), qPrintable(migrator.errorString()));
        QCOMPARE(SchemaMigrator::currentVersion(database), migrator.latestVersion());
        database.close();
        database = QSqlDatabase();
        QSqlDatabase::removeDatabase("upgrade");
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
        QVERIFY2(migrator.migrate(database), qPrintable(migrator.errorString()));
        QCOMPARE(SchemaMigrator::currentVersion(database), next);
        QVERIFY(database.tables().contains("notes"));
        QVERIFY(migrator.migrate(database));
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
        QVERIFY(!migrator.migrate(database));
        QVERIFY(migrator.errorString().startsWith(
            QStringLiteral("migration to version %1 failed: ").arg(before + 1)));
        QCOMPARE(SchemaMigrator::currentVersion(database), before);
        QVERIFY(!database.tables().contains("half_done"));
    }

    void newerFileIsRefused()
    {
        QTemporaryDir folder;
        const QString path = folder.filePath("future.sqlite");
        {
            MarketDatabase market;
            QVERIFY(market.open(path));
            QSqlQuery(market.database()).exec("PRAGMA user_version = 999");
        }
        MarketDatabase market;
        QVERIFY(!market.open(path));
        QVERIFY(market.errorString().contains("schema version 999, newer than this program"));
    }
};

QTEST_GUILESS_MAIN(TestSchemaMigrator)
#include "test_schema_migrator.moc"
