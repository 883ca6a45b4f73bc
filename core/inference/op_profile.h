#pragma once

// Where a forecast's time goes, per stage and per class of libtorch operator, from libtorch's own
// profiler: self time (an operator's time minus the operators it called) on the calling thread,
// which includes the work an operator hands to its intra-op threads and waits for.
// Profiling slows small operators down noticeably: read shares, not absolute times.
//
// Not thread-safe: one OpProfiler at a time, on the thread that runs the forecast.

#include <QString>
#include <memory>
#include <vector>

namespace kronos {

// The decoder marks each stage with a user scope named StageScopePrefix + stage name.
constexpr const char *StageScopePrefix = "kronos::";

struct OpClassTime
{
    QString stage; // "encode", "prefill", "decode steps", "tokenizer decode" or "outside stages"
    QString opClass; // "GEMM", "attention", "elementwise", "layout and copies", "sampling", "other"
    double seconds = 0;
    int calls = 0;
};

class OpProfiler
{
public:
    OpProfiler(); // starts recording
    ~OpProfiler();

    // Stops recording and returns the self time per (stage, class), stages in forecast order,
    // classes by decreasing time.
    std::vector<OpClassTime> finish();

    // The class of an operator name such as "aten::addmm".
    static QString operatorClass(const QString &name);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace kronos
