#include "inference/sgemm_rate.h"

#include <algorithm>
#include <chrono>
#include <torch/torch.h>

namespace kronos {

double measureSgemmRate(const QString &device)
{
    torch::InferenceMode inferenceMode;
    const auto options = torch::TensorOptions().device(device.toStdString());
    const torch::Tensor a = torch::randn({ 3024, 512 }, options);
    const torch::Tensor b = torch::randn({ 512, 512 }, options);
    double best = 1e30;
    for (int repeat = 0; repeat < 8; ++repeat) {
        const auto start = std::chrono::steady_clock::now();
        torch::mm(a, b).sum().item<float>(); // item() waits for a device to finish
        best = std::min(
            best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return 2.0 * 3024 * 512 * 512 / best;
}

} // namespace kronos
