#include "data/byte_size.h"
#include "inference/memory_probe.h"
#include "run/run_spec.h"

// Apart from run_spec.cpp: the device's default budget is asked of libtorch (Apple's GPU), and
// kronos-cli, which reads and writes run specs, links no libtorch (app/cli/engine_handover.h).
qint64 RunSpec::memoryBudgetBytes() const
{
    return memoryBudgetMib > 0 ? ByteSize::fromMiB(memoryBudgetMib)
                               : kronos::MemoryProbe(device).defaultBudgetBytes();
}
