#pragma once

#include <QString>

namespace kronos {

// The machine's single-precision matrix-multiply rate right now, in FLOP/s: the best of a few
// products of the prefill's typical shape (12 x 252 tokens, d_model 512), on `device`, with the
// intra-op threads set now. What the "floor" of kronos-cli bench and kw_run_benchmark divides the
// dense work (forecast_work.h) by.
double measureSgemmRate(const QString &device);

} // namespace kronos
