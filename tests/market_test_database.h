#pragma once

#include "data/database_error.h"
#include "data/market_database.h"

#include <QSqlDatabase>
#include <QTemporaryDir>

// A MarketDatabase (latest schema, no bundled sample) in a folder removed after the test.
class MarketTestDatabase
{
public:
    MarketTestDatabase()
    {
        try {
            if (!m_folder.isValid())
                throw DatabaseError(QStringLiteral("no temporary folder"));
            m_market.open(path());
            m_open = true;
        } catch (const DatabaseError &error) {
            m_error = QString::fromUtf8(error.what());
        }
    }

    bool isOpen() const { return m_open; }
    // Why the database did not open.
    QString errorString() const { return m_error; }
    QSqlDatabase database() const { return m_market.database(); }
    QString path() const { return m_folder.filePath(QStringLiteral("market.sqlite")); }
    QString folder() const { return m_folder.path(); }

private:
    QTemporaryDir m_folder;
    MarketDatabase m_market;
    bool m_open = false;
    QString m_error;
};

// The message of the DatabaseError `call()` throws; empty when it throws none.
template <typename Call> QString databaseErrorOf(const Call &call)
{
    try {
        call();
    } catch (const DatabaseError &error) {
        return QString::fromUtf8(error.what());
    }
    return {};
}
