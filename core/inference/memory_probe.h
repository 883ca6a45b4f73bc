#pragma once

// How much memory the process and the compute device hold, read through the platform's and
// libtorch's own counters (see ../shared/notes/device-memory.md for the APIs per version).
// Free of libtorch so the run layer and the GUI can use it.

#include <QString>
#include <QtGlobal>

namespace kronos {

// One look at memory, in bytes. Device figures are 0 on the CPU and wherever libtorch does not
// report them.
struct MemoryReading
{
    qint64 processBytes = 0; // Linux VmRSS, macOS phys_footprint (Metal memory included)
    qint64 deviceAllocated = 0; // live tensors on the device (CUDA allocated, MPS current)
    qint64 deviceReserved = 0; // held by the device allocator (CUDA reserved, MPS driver)
};

// Thread-safety: every function may be called from any thread; reading has no side effects.
class MemoryProbe
{
public:
    // `device` as in EngineOptions: cpu, cuda or mps.
    explicit MemoryProbe(QString device);

    MemoryReading read() const;
    // The figure a memory budget is held against: process memory on the CPU, the device
    // allocator's reservation on a GPU (where the process figure does not include it).
    qint64 budgetedBytes(const MemoryReading &reading) const;

    // The process's peak resident set since start or the last resetPeakProcessBytes() (Linux
    // VmHWM, macOS resident_size_max), for benchmarks; 0 where unknown.
    static qint64 peakProcessBytes();
    // Starts a new peak (Linux: writes 5 to /proc/self/clear_refs); a no-op elsewhere.
    static void resetPeakProcessBytes();

    // Physical memory of the machine, or the container's cgroup limit when lower; 0 unknown.
    static qint64 physicalMemoryBytes();
    // The budget when the user gives none: 70% of physical memory; on MPS the recommended
    // maximum where libtorch reports it (2.5+).
    qint64 defaultBudgetBytes() const;
    // Returns cached blocks to the system: the CUDA/MPS caching allocator, and on glibc the
    // heap's free pages (otherwise a soft OOM would see the abandoned batch's memory forever).
    void releaseCachedMemory() const;
    // Process-wide, for the executables: lets glibc's heap keep freed memory for reuse (blocks
    // up to 32 MiB from the heap, trimming only past 128 MiB free) instead of mapping, zeroing
    // and faulting in every forward pass's activations again. A no-op elsewhere.
    static void reuseFreedMemory();

private:
    QString m_device;
};

} // namespace kronos
