#include "ui/memory_status_label.h"

#include "data/byte_size.h"
#include "workbench/background_executor.h"

MemoryStatusLabel::MemoryStatusLabel(BackgroundExecutor &executor, QWidget *parent)
    : QLabel(parent)
    , m_executor(executor)
{
    setObjectName(QStringLiteral("memoryStatus"));
    setToolTip(tr("Memory of this process now, and on a GPU what its allocator holds"));
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &MemoryStatusLabel::readNow);
    m_timer.start();
    readNow();
}

void MemoryStatusLabel::setDevice(const QString &device)
{
    m_device = device;
}

void MemoryStatusLabel::showReading(
    qint64 processBytes, qint64 deviceAllocated, qint64 deviceReserved)
{
    QString text = tr("Process %1").arg(ByteSize::format(processBytes));
    if (m_device != QLatin1String("cpu"))
        text += tr(" · %1 allocated %2, reserved %3")
                    .arg(m_device, ByteSize::format(deviceAllocated),
                        ByteSize::format(deviceReserved));
    setText(text);
}

void MemoryStatusLabel::setRunSampling(bool sampling)
{
    if (sampling)
        m_timer.stop();
    else
        m_timer.start();
}

void MemoryStatusLabel::readNow()
{
    // /proc and the device counters are cheap but still I/O: read them off the GUI thread, one
    // reading at a time.
    if (m_reading)
        return;
    m_reading = true;
    onResult(m_executor.run([device = m_device] { return kronos::MemoryProbe(device).read(); }),
        this, [this](const kronos::MemoryReading &reading) {
            m_reading = false;
            showReading(reading.processBytes, reading.deviceAllocated, reading.deviceReserved);
            Q_EMIT idleReading(reading);
        });
}
