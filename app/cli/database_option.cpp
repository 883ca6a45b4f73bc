#include "cli/database_option.h"

#include "data/bundled_sample.h"
#include "data/database_error.h"
#include "data/market_database.h"

#include <QCommandLineParser>

DatabaseOption::DatabaseOption(QCommandLineParser &parser)
    : m_option(QStringLiteral("db"),
        QStringLiteral("Market database file (default: %1).").arg(MarketDatabase::defaultPath()),
        QStringLiteral("PATH"))
{
    parser.addOption(m_option);
}

bool DatabaseOption::open(
    const QCommandLineParser &parser, MarketDatabase &database, QTextStream &err) const
{
    const QString path = this->path(parser);
    try {
        database.open(path);
        if (!database.wasCreated())
            return true;
        BundledSample::install(database.database());
    } catch (const DatabaseError &failure) {
        err << "kronos-cli: " << failure.what() << "\n";
        return false;
    }
    err << "kronos-cli: new database " << path << ", bundled sample installed\n" << Qt::flush;
    return true;
}

QString DatabaseOption::path(const QCommandLineParser &parser) const
{
    return parser.isSet(m_option) ? parser.value(m_option) : MarketDatabase::defaultPath();
}
