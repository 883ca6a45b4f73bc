#pragma once

#include "run/run_spec.h"

#include <QString>

// What a run's weights are, independent of the folders they sit in: "sha256:<hex>" of the
// predictor's and the tokenizer's config.json and model.safetensors, or "random:<shape>:<seed>"
// for seeded random weights. Shards of one run scored on different machines must agree on it.
//
// Stateless; reads the files (hundreds of MB for Kronos-base: about a second).
class CheckpointFingerprint
{
public:
    // Throws FileError naming the file that cannot be read.
    static QString of(const ModelSource &model);
};
