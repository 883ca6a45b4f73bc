#pragma once

#include "eval/evaluation.h"

#include <QString>
#include <QStringList>

namespace Eval {

// The answer to the question the workbench exists for — does the model have an edge on this
// universe? — in a few sentences a person reads before any table: a headline, one finding per
// horizon, and the caveats that qualify them. Plain text (no markup); numbers with 3 or 4
// decimals, returns and shares in percent.
struct EvaluationVerdict
{
    enum class Kind {
        Edge, // a significant ranking skill that survives costs on at least one horizon
        SkillEatenByCosts, // significant ranking skill, but the book loses after costs
        NoEdge, // no significant ranking skill
        Control, // a random-weights run: never an edge
        NothingToJudge, // no date with a RankIC
    };
    Kind kind = Kind::NothingToJudge;
    QString headline;
    QStringList findings; // one per horizon
    QStringList caveats;
};

// Judges a report. A horizon shows skill when the model's RankIC mean is positive with a
// Newey-West t at or above the report's minNeweyWestT; the skill survives costs when the
// long-short book's mean net return is positive too. Caveats: overlapping windows, few dates,
// losing to persistence as a return forecast, bands that cover far from 80%, costs eating the
// spread, a model close to momentum, names without a sector, score rows left unused, and the
// many figures tested. Pure; thread-safe.
EvaluationVerdict judgeEvaluation(const EvaluationReport &report);

} // namespace Eval
