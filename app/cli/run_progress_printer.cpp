#include "cli/run_progress_printer.h"

#include "data/byte_size.h"

#include <cstdio>

#ifdef _WIN32
#include <io.h>
#define kw_isatty _isatty
#define kw_fileno _fileno
#else
#include <unistd.h>
#define kw_isatty isatty
#define kw_fileno fileno
#endif

RunProgressPrinter::RunProgressPrinter(QTextStream &err, bool terminal)
    : m_err(err)
    , m_terminal(terminal)
{
}

bool RunProgressPrinter::isTerminal(FILE *stream)
{
    return kw_isatty(kw_fileno(stream)) != 0;
}

void RunProgressPrinter::runStarted(const RunPlanSummary &summary)
{
    m_clock.start();
    m_toScore = summary.toScore;
    m_err << QStringLiteral("run %1 (%2): %3 dates x %4 tickers = %5 planned, %6 skipped, "
                            "%7 already scored, %8 to score; batch %9, memory budget %10\n")
                 .arg(summary.runId)
                 .arg(summary.name)
                 .arg(summary.dates)
                 .arg(summary.tickers)
                 .arg(summary.planned)
                 .arg(summary.skipped)
                 .arg(summary.alreadyScored)
                 .arg(summary.toScore)
                 .arg(summary.batchSize > 0 ? QString::number(summary.batchSize)
                                            : QStringLiteral("auto"))
                 .arg(ByteSize::format(summary.budgetBytes))
          << Qt::flush;
}

void RunProgressPrinter::batchStarted(int index, int count, int size)
{
    if (m_firstIndex < 0)
        m_firstIndex = index;
    m_batchCount = count - m_firstIndex;
    if (!m_terminal)
        m_err << QStringLiteral("batch %1/%2: %3 series\n").arg(index + 1).arg(count).arg(size)
              << Qt::flush;
    else
        redraw();
}

void RunProgressPrinter::batchFinished(int index, double seconds, qint64 peakBytes, int series)
{
    m_scored += series;
    ++m_batchesDone;
    if (!m_terminal)
        m_err << QStringLiteral("batch %1 done: %2 series in %3 s, peak %4\n")
                     .arg(index + 1)
                     .arg(series)
                     .arg(seconds, 0, 'f', 2)
                     .arg(ByteSize::format(peakBytes))
              << Qt::flush;
    else
        redraw();
}

void RunProgressPrinter::memorySample(qint64 processBytes)
{
    m_memory = processBytes;
    // Samples come at 10 Hz; the line is redrawn at most twice a second.
    if (m_terminal && m_clock.isValid() && m_clock.elapsed() - m_lastDrawMs >= 500)
        redraw();
}

void RunProgressPrinter::warning(const QString &text)
{
    runEnded();
    m_err << "warning: " << text << "\n" << Qt::flush;
}

void RunProgressPrinter::runEnded()
{
    if (m_terminal && m_lastDrawMs >= 0)
        m_err << "\n" << Qt::flush;
    m_lastDrawMs = -1000;
}

void RunProgressPrinter::redraw()
{
    constexpr int Width = 30;
    const double seconds = m_clock.isValid() ? m_clock.elapsed() / 1000.0 : 0;
    const double rate = seconds > 0 ? m_scored / seconds : 0;
    const int filled = m_toScore > 0 ? int(Width * double(m_scored) / m_toScore) : Width;
    const QString eta = rate > 0
        ? QStringLiteral("%1 s").arg((m_toScore - m_scored) / rate, 0, 'f', 0)
        : QStringLiteral("?");
    m_err << "\r[" << QString(filled, QLatin1Char('#')) << QString(Width - filled, QLatin1Char('.'))
          << "] "
          << QStringLiteral("%1/%2 batches, %3/%4 series, %5 series/s, ETA %6, memory %7   ")
                 .arg(m_batchesDone)
                 .arg(m_batchCount)
                 .arg(m_scored)
                 .arg(m_toScore)
                 .arg(rate, 0, 'f', 2)
                 .arg(eta, ByteSize::format(m_memory))
          << Qt::flush;
    m_lastDrawMs = m_clock.isValid() ? m_clock.elapsed() : 0;
}
