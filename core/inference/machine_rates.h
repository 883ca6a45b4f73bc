#pragma once

#include <QString>

// What the machine can do right now, on `device` with the intra-op threads set now: the rates
// the floors of kronos-cli bench and kw_run_benchmark divide a forecast's work by
// (forecast_work.h). The best of a few tries each: a busy machine lowers them.
namespace kronos {

// Single-precision matrix multiplication, in FLOP/s: products of the prefill's typical shape
// (12 x 252 tokens, d_model 512).
double measureSgemmRate(const QString &device);

// Reading memory, in bytes/s: sums over a 256 MB buffer, the size of a 12-series step's weights
// and caches and more than the caches of machines of this kind keep for one process.
double measureReadRate(const QString &device);

} // namespace kronos
