#include "data/market_database.h"

#include "data/database_error.h"
#include "data/schema_migrator.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

namespace {

QString uniqueConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("kw_market_%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

MarketDatabase::MarketDatabase()
    : m_connectionName(uniqueConnectionName())
{
}

MarketDatabase::~MarketDatabase()
{
    {
        QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
        if (database.isOpen())
            database.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString MarketDatabase::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("kronos-workbench.sqlite"));
}

QSqlDatabase MarketDatabase::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

void MarketDatabase::open(const QString &filePath)
{
    m_filePath = filePath;
    const QString folder = QFileInfo(filePath).absolutePath();
    if (!QDir().mkpath(folder))
        throw DatabaseError(
            QStringLiteral("cannot open %1: cannot create the folder %2").arg(filePath, folder));
    QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    database.setDatabaseName(filePath);
    if (!database.open())
        throw DatabaseError(
            QStringLiteral("cannot open %1: %2").arg(filePath, database.lastError().text()));
    configure();
    try {
        m_wasCreated = SchemaMigrator().migrate(database) == 0;
    } catch (const DatabaseError &error) {
        throw DatabaseError(
            QStringLiteral("%1: %2").arg(filePath, QString::fromUtf8(error.what())));
    }
}

void MarketDatabase::configure()
{
    QSqlQuery query(database());
    // WAL: a reader (the GUI) never blocks on an import. NORMAL synchronous is durable across
    // application crashes in WAL mode, and much faster than FULL. The busy timeout lets a
    // second connection wait for a writer instead of failing at once.
    const QStringList pragmas { QStringLiteral("PRAGMA journal_mode = WAL"),
        QStringLiteral("PRAGMA synchronous = NORMAL"), QStringLiteral("PRAGMA foreign_keys = ON"),
        QStringLiteral("PRAGMA busy_timeout = 5000") };
    for (const QString &pragma : pragmas) {
        if (!query.exec(pragma))
            throw DatabaseError(QStringLiteral("cannot configure %1 (%2): %3")
                                    .arg(m_filePath, pragma, query.lastError().text()));
    }
}
