#pragma once

#include "safetensors_file.h"

#include <torch/torch.h>

namespace kronos {

// Copies a safetensors state_dict into a module's parameters by name. Strict, as a loader must
// be: every parameter present with its exact shape ("transformer.3.ffn.w1.weight: got [256, 128],
// expected [1024, 512]"), no unknown tensor, floating-point dtypes only. Names listed as optional
// buffers (matched by suffix) may be present or absent; their values are recomputed by the code.
// Throws CheckpointError naming the file and every problem found.
void loadStateDict(torch::nn::Module &module, const SafetensorsFile &file,
    const std::vector<std::string> &optionalBufferSuffixes);

} // namespace kronos
