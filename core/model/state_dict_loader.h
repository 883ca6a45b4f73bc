#pragma once

#include "model/checkpoint_layout.h"
#include "model/safetensors_file.h"

#include <torch/torch.h>

namespace kronos {

// Checks a safetensors state_dict against the tensors an architecture expects, from the header
// alone. Strict, as a loader must be: every expected tensor present with its exact shape
// ("transformer.3.ffn.w1.weight: got [256, 128], expected [1024, 512]"), no unknown tensor,
// floating-point dtypes only. Names listed as optional buffers (matched by suffix) may be present
// or absent; their values are recomputed by the code.
// Throws CheckpointError naming the file and every problem found.
void checkStateDict(const SafetensorsFile &file, const TensorLayout &expected,
    const std::vector<std::string> &optionalBufferSuffixes);

// checkStateDict against the module's own parameters, then reads each tensor from the file
// straight into its parameter (one copy; no tensor of the file is held on the way).
void loadStateDict(torch::nn::Module &module, const SafetensorsFile &file,
    const std::vector<std::string> &optionalBufferSuffixes);

} // namespace kronos
