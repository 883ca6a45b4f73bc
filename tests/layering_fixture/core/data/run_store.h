#pragma once
// Planted for the layering test: a core header that exposes a database connection.
#include <QSqlDatabase>
