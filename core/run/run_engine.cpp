#include "run/run_engine.h"

namespace RunEngine {

std::shared_ptr<const kronos::KronosEngine> load(const RunSpec &spec)
{
    if (!spec.model.randomShape.isEmpty())
        return kronos::KronosEngine::withRandomWeights(
            kronos::publishedShape(spec.model.randomShape), spec.model.weightsSeed,
            spec.engineOptions());
    return kronos::KronosEngine::load(
        spec.model.modelDir, spec.model.tokenizerDir, spec.engineOptions());
}

kronos::ModelSummary inspect(const RunSpec &spec)
{
    if (!spec.model.randomShape.isEmpty())
        return kronos::KronosEngine::inspect(
            kronos::publishedShape(spec.model.randomShape), spec.engineOptions());
    return kronos::KronosEngine::inspect(
        spec.model.modelDir, spec.model.tokenizerDir, spec.engineOptions());
}

} // namespace RunEngine
