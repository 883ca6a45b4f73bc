#pragma once

#include "data/market_database.h"

#include <QSqlDatabase>
#include <QTemporaryDir>

// A MarketDatabase (latest schema, no bundled sample) in a folder removed after the test.
class MarketTestDatabase
{
public:
    MarketTestDatabase()
        : m_open(m_folder.isValid() && m_market.open(path()))
    {
    }

    bool isOpen() const { return m_open; }
    QString errorString() const { return m_market.errorString(); }
    QSqlDatabase database() const { return m_market.database(); }
    QString path() const { return m_folder.filePath(QStringLiteral("market.sqlite")); }
    QString folder() const { return m_folder.path(); }

private:
    QTemporaryDir m_folder;
    MarketDatabase m_market;
    bool m_open;
};
