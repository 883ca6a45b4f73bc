#pragma once

#include "inference/kronos_engine.h"
#include "run/run_spec.h"

#include <memory>

// The engine a run's spec asks for: its checkpoint pair loaded, or seeded random weights of a
// published shape. Throws the engine's errors (CheckpointError with the file and the problem).
namespace RunEngine {

std::shared_ptr<const kronos::KronosEngine> load(const RunSpec &spec);
// What load() would give, from the configs and safetensors headers only (no weights read,
// KronosEngine::inspect). Throws as load() does.
kronos::ModelSummary inspect(const RunSpec &spec);

} // namespace RunEngine
