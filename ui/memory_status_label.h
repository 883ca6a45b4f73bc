#pragma once

#include "inference/memory_probe.h"

#include <QLabel>
#include <QTimer>

class BackgroundExecutor;

// The status bar's memory figure: process memory and, on a GPU, the device allocator's
// allocated and reserved bytes. During a run it shows the run's samples; otherwise it reads the
// counters itself once a second on the executor. GUI thread object.
class MemoryStatusLabel : public QLabel
{
    Q_OBJECT

public:
    // `executor` reads the counters; it must outlive the label.
    explicit MemoryStatusLabel(BackgroundExecutor &executor, QWidget *parent = nullptr);

    // The device whose counters are read while idle (cpu, cuda, mps).
    void setDevice(const QString &device);

public Q_SLOTS:
    void showReading(qint64 processBytes, qint64 deviceAllocated, qint64 deviceReserved);
    // While a run samples memory, the label takes its samples instead of reading on its own.
    void setRunSampling(bool sampling);

Q_SIGNALS:
    // A reading of the label's own, taken between runs (a run's samples include its batches).
    void idleReading(const kronos::MemoryReading &reading);

private:
    void readNow();

    BackgroundExecutor &m_executor;
    QTimer m_timer;
    QString m_device = QStringLiteral("cpu");
    bool m_reading = false;
};
