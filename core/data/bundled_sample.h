#pragma once

#include <QString>

class QSqlDatabase; // only install() needs a connection; the sample's name is for anyone

// The sample embedded in the program (resources/sample): 100 S&P 500 tickers over all 11 GICS
// sectors with all 1,259 trading days from 2015-01-12 to 2020-01-10, plus the sectors of 448
// tickers. Installing it gives a new database data to work on offline, with no setup.
class BundledSample
{
public:
    // The built-in universe holding the sample's tickers.
    static QString universeName();

    // Imports the sample's bars and sectors, creates the sample universe and refreshes the
    // sector universes. Each part is one transaction. Throws DatabaseError when a part fails or
    // the sample in this build is missing or damaged.
    static void install(QSqlDatabase database);
};
