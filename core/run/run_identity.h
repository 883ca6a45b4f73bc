#pragma once

#include "run/run_spec.h"

#include <QString>

// Which run a result comes from, as exports name it: the run's id and name, and the weights it
// ran — a checkpoint's folders, or seeded random weights whose scores mean nothing.
struct RunIdentity
{
    qint64 id = 0; // 0: no stored run
    QString name;
    ModelSource model;

    bool isKnown() const { return id > 0; }
    bool usesRandomWeights() const { return !model.randomShape.isEmpty(); }
    // The predictor's folder, or "random Kronos-mini weights (seed 1)".
    QString checkpointText() const;
    // A short name of the weights for a table cell or a header: random weights as
    // checkpointText() says; a folder of the checkpoint cache (…/models/<owner>/<name>/<revision>)
    // or of a Hugging Face cache (models--<owner>--<name>/snapshots/<hash>) by its repository,
    // "owner/name"; another folder by its name, with its parent's when the name says nothing
    // ("kronos-small/model", not "model").
    QString checkpointName() const;
    // "Run 12 'Sample 2019-06-03' · Kronos-small" (" · RANDOM WEIGHTS: meaningless scores"),
    // or "No run" for an unknown one: the header of a view of the run.
    QString headerText() const;
    // "Run 12 'Sample 2019-06-03', /models/Kronos-small" (", RANDOM WEIGHTS: meaningless
    // scores" for random weights).
    QString text() const;
    // The run's name with the characters file systems refuse replaced: the start of an export's
    // file name.
    QString fileStem() const;
};
