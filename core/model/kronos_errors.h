#pragma once

#include <stdexcept>

namespace kronos {

// A checkpoint, config or input file that cannot be used. The message names the file and what
// is wrong with it, in words a user can act on.
class CheckpointError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// A forecast request that cannot be run as given (wrong lengths, NaN input, unknown device).
class ForecastError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// Thrown out of a forecast when its cancel flag was set; nothing of the batch is returned.
class ForecastCancelled : public std::runtime_error
{
public:
    ForecastCancelled()
        : std::runtime_error("forecast cancelled")
    {
    }
};

} // namespace kronos
