#pragma once

#include <QString>
#include <stdexcept>

// A statement, a transaction or the database file failed, or a record asked for is not there to
// change. The one way core/'s run storage reports failure (an SQL error never reads as "no
// rows"); what() says what failed. Turned into a message once: by the worker's runFailed, a
// Workspace task's `error`, or a CLI command.
class DatabaseError : public std::runtime_error
{
public:
    explicit DatabaseError(const QString &message)
        : std::runtime_error(message.toStdString())
    {
    }
};
