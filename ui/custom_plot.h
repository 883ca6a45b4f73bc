#pragma once

// qcustomplot.h spells Qt's keywords (`signals:`, `foreach`), which the core libraries switch off
// for everything linking them (QT_NO_KEYWORDS, because libtorch uses `slots` as an identifier).
// Every GUI source includes QCustomPlot through this header, never directly.

#ifdef QT_NO_KEYWORDS
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
#else
#include <qcustomplot.h>
#endif
