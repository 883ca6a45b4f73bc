#include "inference/op_profile.h"

#include "model/cpu_kernels.h"

#include <algorithm>
#include <map>
#include <optional>
#include <torch/csrc/autograd/profiler_legacy.h>

namespace kronos {
namespace {

namespace profiler = torch::autograd::profiler;

const QString OutsideStages = QStringLiteral("outside stages");

// Self time per (stage, operator) from one thread's push/pop events, which nest.
struct OperatorTimes
{
    std::vector<QString> stageOrder;
    std::map<std::pair<QString, QString>, std::pair<double, int>> byStageAndName; // us, calls

    void add(const std::vector<profiler::LegacyEvent> &events)
    {
        struct Open
        {
            const profiler::LegacyEvent *push;
            double childUs;
        };
        std::vector<Open> open;
        QString stage = OutsideStages;
        for (const profiler::LegacyEvent &event : events) {
            if (event.kind() == profiler::EventKind::PushRange) {
                open.push_back({ &event, 0.0 });
                const QString name = QString::fromUtf8(event.name());
                if (name.startsWith(QLatin1String(StageScopePrefix))) {
                    stage = name.mid(int(qstrlen(StageScopePrefix)));
                    if (std::find(stageOrder.begin(), stageOrder.end(), stage) == stageOrder.end())
                        stageOrder.push_back(stage);
                }
            } else if (event.kind() == profiler::EventKind::PopRange && !open.empty()) {
                const Open finished = open.back();
                open.pop_back();
                const double elapsed = finished.push->cpuElapsedUs(event);
                if (!open.empty())
                    open.back().childUs += elapsed;
                const QString name = QString::fromUtf8(finished.push->name());
                if (name.startsWith(QLatin1String(StageScopePrefix))) {
                    stage = OutsideStages;
                    continue;
                }
                auto &entry = byStageAndName[{ stage, name }];
                entry.first += elapsed - finished.childUs;
                entry.second += 1;
            }
        }
    }
};

} // namespace

struct OpProfiler::Impl
{
    std::optional<profiler::TLSLegacyProfilerGuard> guard;
    OperatorTimes times;
};

OpProfiler::OpProfiler()
    : m_impl(std::make_unique<Impl>())
{
    m_impl->guard.emplace(
        torch::profiler::impl::ProfilerConfig(torch::profiler::impl::ProfilerState::CPU),
        [times = &m_impl->times](const profiler::thread_event_lists &lists) {
            for (const auto &events : lists)
                times->add(events);
        });
}

OpProfiler::~OpProfiler() = default;

std::vector<OpClassTime> OpProfiler::finish()
{
    m_impl->guard.reset(); // hands the events to OperatorTimes
    const OperatorTimes &times = m_impl->times;
    std::vector<QString> stages = times.stageOrder;
    stages.push_back(OutsideStages);
    std::vector<OpClassTime> result;
    for (const QString &stage : stages) {
        std::map<QString, OpClassTime> classes;
        for (const auto &[key, value] : times.byStageAndName) {
            if (key.first != stage)
                continue;
            OpClassTime &entry = classes[operatorClass(key.second)];
            entry.stage = stage;
            entry.opClass = operatorClass(key.second);
            entry.seconds += value.first / 1e6;
            entry.calls += value.second;
        }
        std::vector<OpClassTime> sorted;
        for (const auto &entry : classes)
            sorted.push_back(entry.second);
        std::sort(sorted.begin(), sorted.end(),
            [](const OpClassTime &a, const OpClassTime &b) { return a.seconds > b.seconds; });
        result.insert(result.end(), sorted.begin(), sorted.end());
    }
    return result;
}

QString OpProfiler::operatorClass(const QString &name)
{
    static const std::map<QString, QString> classes = [] {
        std::map<QString, QString> table;
        const auto add = [&](const char *opClass, std::initializer_list<const char *> names) {
            for (const char *op : names)
                table[QStringLiteral("aten::") + QLatin1String(op)] = QLatin1String(opClass);
        };
        add("GEMM", { "mm", "addmm", "bmm", "baddbmm", "matmul", "linear", "mv", "dot" });
        table[QLatin1String(FewRowsKernelName)] = QStringLiteral("GEMM");
        table[QLatin1String(OneQueryKernelName)] = QStringLiteral("attention");
        table[QLatin1String(CausalKernelName)] = QStringLiteral("attention");
        table[QLatin1String(RmsNormKernelName)] = QStringLiteral("elementwise");
        table[QLatin1String(RotaryKernelName)] = QStringLiteral("elementwise");
        add("attention",
            { "softmax", "_softmax", "_softmax_out", "masked_fill_", "masked_fill", "triu",
                "scaled_dot_product_attention", "_scaled_dot_product_flash_attention_for_cpu",
                "_scaled_dot_product_attention_math" });
        add("elementwise",
            { "mul", "mul_", "add", "add_", "sub", "div", "div_", "neg", "rsqrt", "silu", "silu_",
                "pow", "mean", "sum", "cos", "sin", "exp", "addcmul", "addcmul_", "outer", "gt",
                "ne", "bitwise_and", "arange", "rsub", "clamp" });
        add("layout and copies",
            { "copy_", "cat", "clone", "contiguous", "to", "_to_copy", "index_select", "embedding",
                "repeat_interleave", "empty", "empty_like", "empty_strided", "zeros", "zeros_like",
                "zero_", "fill_", "ones", "as_strided", "view", "select", "narrow", "slice",
                "transpose", "t", "reshape", "expand", "unsqueeze", "squeeze", "chunk", "split",
                "_unsafe_view", "_reshape_alias", "resolve_conj", "resolve_neg", "detach", "set_",
                "resize_", "unbind", "stack", "permute", "lift_fresh" });
        add("sampling",
            { "argmax", "topk", "sort", "multinomial", "cumsum", "scatter", "item",
                "_local_scalar_dense", "exponential_" });
        return table;
    }();
    const auto found = classes.find(name);
    return found == classes.end() ? QStringLiteral("other") : found->second;
}

} // namespace kronos
