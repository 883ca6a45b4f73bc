#include "inference/out_of_memory.h"

#include <c10/util/Exception.h>
#include <new>
#include <string>

namespace kronos {

bool isOutOfMemoryError(const std::exception &error)
{
    if (dynamic_cast<const c10::OutOfMemoryError *>(&error)
        || dynamic_cast<const std::bad_alloc *>(&error))
        return true;
    if (!dynamic_cast<const c10::Error *>(&error))
        return false;
    // Only libtorch's own errors are read by their text: a ForecastError naming a series that
    // contains these words must not be retried.
    const std::string text = error.what();
    return text.find("out of memory") != std::string::npos
        || text.find("can't allocate memory") != std::string::npos;
}

} // namespace kronos
