#include "run/shard_runs.h"

std::optional<RunRecord> ShardRuns::find(const RunRepository &runs, const RunSpec &spec)
{
    if (!spec.shard)
        return std::nullopt;
    for (const RunRecord &run : runs.list()) { // newest first
        if (run.spec.shard && run.spec.resultDifference(spec).isEmpty())
            return run;
    }
    return std::nullopt;
}
