#include "data/sql_statement.h"

#include "data/database_error.h"

#include <QSqlError>

namespace {

[[noreturn]] void fail(const QSqlQuery &query, const QString &statement)
{
    throw DatabaseError(QStringLiteral("%1 (%2)").arg(query.lastError().text(), statement));
}

} // namespace

QSqlQuery Sql::prepare(const QSqlDatabase &database, const QString &statement, bool forwardOnly)
{
    QSqlQuery query(database);
    query.setForwardOnly(forwardOnly);
    if (!query.prepare(statement))
        fail(query, statement);
    return query;
}

void Sql::exec(QSqlQuery &query)
{
    if (!query.exec())
        fail(query, query.lastQuery());
}

void Sql::execBatch(QSqlQuery &query)
{
    if (!query.execBatch())
        fail(query, query.lastQuery());
}

SqlTransaction::SqlTransaction(QSqlDatabase database)
    : m_database(std::move(database))
{
    // IMMEDIATE takes the write lock now, waiting out another writer (busy_timeout), so that
    // what the transaction reads stays true until it commits. A deferred transaction that reads
    // first fails at its first write when another connection wrote in between.
    QSqlQuery begin(m_database);
    if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
        throw DatabaseError(
            QStringLiteral("cannot start a transaction: %1").arg(begin.lastError().text()));
}

SqlTransaction::~SqlTransaction()
{
    if (!m_committed)
        m_database.rollback();
}

void SqlTransaction::commit()
{
    if (!m_database.commit())
        throw DatabaseError(QStringLiteral("cannot commit: %1").arg(m_database.lastError().text()));
    m_committed = true;
}
