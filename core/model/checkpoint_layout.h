#pragma once

// The tensors a Kronos checkpoint holds for a given config: upstream's state_dict names and
// their shapes, known without building the modules (the modules register exactly these; a test
// holds the two together). Free of libtorch: inspecting a checkpoint needs no weights.

#include "model/kronos_config.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kronos {

struct ExpectedTensor
{
    std::string name;
    std::vector<int64_t> shape;
};
using TensorLayout = std::vector<ExpectedTensor>;

TensorLayout tokenizerLayout(const TokenizerConfig &config);
TensorLayout predictorLayout(const PredictorConfig &config);

// Elements of every tensor in the layout.
int64_t elementCount(const TensorLayout &layout);

} // namespace kronos
