#include "inference/machine_rates.h"

#include "inference/memory_probe.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <torch/torch.h>

namespace kronos {
namespace {

// The shortest of `repeats` runs of `work`, in seconds.
double shortestSeconds(int repeats, const std::function<void()> &work)
{
    double best = 1e30;
    for (int repeat = 0; repeat < repeats; ++repeat) {
        const auto start = std::chrono::steady_clock::now();
        work();
        best = std::min(
            best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

} // namespace

double measureSgemmRate(const QString &device)
{
    torch::InferenceMode inferenceMode;
    const auto options = torch::TensorOptions().device(device.toStdString());
    const torch::Tensor a = torch::randn({ 3024, 512 }, options);
    const torch::Tensor b = torch::randn({ 512, 512 }, options);
    // item() waits for a device to finish.
    return 2.0 * 3024 * 512 * 512
        / shortestSeconds(8, [&] { torch::mm(a, b).sum().item<float>(); });
}

double measureReadRate(const QString &device)
{
    torch::InferenceMode inferenceMode;
    constexpr int64_t Floats = 64 * 1024 * 1024; // 256 MB
    double seconds = 0;
    {
        // Written, so that reading it does not map the shared zero page.
        const torch::Tensor buffer
            = torch::ones({ Floats }, torch::TensorOptions().device(device.toStdString()));
        seconds = shortestSeconds(4, [&] { buffer.sum().item<float>(); });
    }
    // A device's caching allocator would keep the buffer's block from what comes next.
    MemoryProbe(device).releaseCachedMemory();
    return Floats * sizeof(float) / seconds;
}

} // namespace kronos
