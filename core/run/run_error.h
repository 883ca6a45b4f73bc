#pragma once

#include <QString>
#include <stdexcept>

// A run cannot be planned or go on, with the text shown to the user ("no universe named 'X'").
// Thrown inside core/run; the worker turns it into runFailed or probeFinished once.
class RunError : public std::runtime_error
{
public:
    explicit RunError(const QString &message)
        : std::runtime_error(message.toStdString())
    {
    }
};
