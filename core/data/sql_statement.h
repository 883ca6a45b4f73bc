#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

// Statements and transactions that throw DatabaseError where Qt SQL answers false, so an SQL
// failure can never read as "no rows". Every statement of core/data's stores and of core/run's
// RunRepository goes through these.
namespace Sql {

// `statement` prepared on `database`. Throws when it cannot be prepared (a missing table, a
// syntax error: SQLite reports those here, and exec() would only say "Parameter count
// mismatch"). `forwardOnly` for reads that walk their rows once.
QSqlQuery prepare(const QSqlDatabase &database, const QString &statement, bool forwardOnly = false);
// Runs the prepared `query`; throws with the driver's message and the statement.
void exec(QSqlQuery &query);
// Runs the bound column lists of the prepared `query` (QSqlQuery::execBatch()).
void execBatch(QSqlQuery &query);

} // namespace Sql

// One write transaction, holding SQLite's write lock from its start: committed by commit(),
// rolled back when left without it (a statement threw). Works on the connection's thread only.
class SqlTransaction
{
public:
    explicit SqlTransaction(QSqlDatabase database);
    ~SqlTransaction();
    SqlTransaction(const SqlTransaction &) = delete;
    SqlTransaction &operator=(const SqlTransaction &) = delete;

    void commit();

private:
    QSqlDatabase m_database;
    bool m_committed = false;
};
