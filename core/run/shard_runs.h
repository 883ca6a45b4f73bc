#pragma once

#include "run/run_repository.h"

#include <optional>

// Finds a shard's own run in a database (kronos-cli score --shard I/N): a task that is started
// again — requeued by the scheduler, resubmitted after a failure — continues that run instead of
// starting over.
//
// Stateless; uses the repository's connection (its thread).
class ShardRuns
{
public:
    // The newest run in `runs` that scores the same shard of the same whole run as `spec`
    // (RunSpec::resultDifference empty), or nothing.
    static std::optional<RunRecord> find(const RunRepository &runs, const RunSpec &spec);
};
