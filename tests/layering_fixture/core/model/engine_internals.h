#pragma once
// Planted for the layering test: a core header that exposes libtorch.
#include <torch/torch.h>
