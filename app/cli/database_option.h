#pragma once

#include <QCommandLineOption>
#include <QTextStream>

class MarketDatabase;
class QCommandLineParser;

// `--db PATH`, shared by the commands that work on the market database. Without it the
// application's default database is used (MarketDatabase::defaultPath()).
class DatabaseOption
{
public:
    // Adds the option to `parser`.
    explicit DatabaseOption(QCommandLineParser &parser);

    // Opens the database the user chose. A new database receives the bundled sample first, as
    // on the application's first start. Reports a failure on `err` and returns false.
    bool open(const QCommandLineParser &parser, MarketDatabase &database, QTextStream &err) const;
    // The database the user chose, without opening it.
    QString path(const QCommandLineParser &parser) const;

private:
    QCommandLineOption m_option;
};
