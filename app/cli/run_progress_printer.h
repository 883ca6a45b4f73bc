#pragma once

#include "run/run_records.h"

#include <QElapsedTimer>
#include <QTextStream>

// Shows a scoring run's progress on standard error: on a terminal, one line redrawn in place
// (bar of batches done, series/s, ETA, current memory); otherwise one log line per event, so
// redirected output stays readable. Lives on the main thread; fed by the worker's queued signals.
class RunProgressPrinter
{
public:
    RunProgressPrinter(QTextStream &err, bool terminal);

    void runStarted(const RunPlanSummary &summary);
    void batchStarted(int index, int count, int size);
    void batchFinished(int index, double seconds, qint64 peakBytes, int series);
    void memorySample(qint64 processBytes);
    void warning(const QString &text);
    void runEnded(); // ends the in-place line before a final message

    static bool isTerminal(FILE *stream);

private:
    void redraw();

    QTextStream &m_err;
    bool m_terminal;
    QElapsedTimer m_clock;
    int m_toScore = 0;
    int m_scored = 0;
    int m_batchesDone = 0;
    int m_batchCount = 0;
    int m_firstIndex = -1;
    qint64 m_memory = 0;
    qint64 m_lastDrawMs = -1000;
};
