#pragma once

#include <QString>
#include <stdexcept>

// What the market database could not do: a statement, a transaction or the database file failed
// (an SQL error never reads as "no rows"), an edit was refused ("a universe named 'Tech' already
// exists", a built-in universe changed, a record asked for is not there), or the bundled sample
// could not be installed. The one way core/data's classes and core/run's run storage report
// failure; what() is a message for the user. Turned into a message once: by the worker's
// runFailed, a Workspace task's `error`, or a CLI command (stderr and the exit status).
class DatabaseError : public std::runtime_error
{
public:
    explicit DatabaseError(const QString &message)
        : std::runtime_error(message.toStdString())
    {
    }
};
