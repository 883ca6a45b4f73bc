#pragma once

#include <exception>

namespace kronos {

// Whether a failure out of libtorch means memory ran out: c10::OutOfMemoryError (CUDA), or a
// c10::Error whose text says so ("MPS backend out of memory", the CPU allocator's "can't
// allocate memory"), or std::bad_alloc. Such a batch can be retried smaller.
bool isOutOfMemoryError(const std::exception &error);

} // namespace kronos
