#pragma once

#include "market_database.h"

#include <QFuture>
#include <QString>
#include <QtConcurrent>

// Runs `work(QSqlDatabase)` on QtConcurrent's pool with a connection of its own to the market
// database at `databasePath`: a Qt SQL connection belongs to the thread that opened it, and no
// SQL runs on the GUI thread. `Result` is a struct with a QString `error` member; when the file
// cannot be opened, work is not called and the result carries the error. The connection is
// closed when work returns.
template <typename Result, typename Work>
QFuture<Result> runOnMarketDatabase(const QString &databasePath, Work work)
{
    return QtConcurrent::run([databasePath, work = std::move(work)]() -> Result {
        MarketDatabase market;
        if (!market.open(databasePath)) {
            Result failed {};
            failed.error = market.errorString();
            return failed;
        }
        return work(market.database());
    });
}
