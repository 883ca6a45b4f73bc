#include "workbench/background_executor.h"

#include <QThread>
#include <algorithm>

BackgroundExecutor::BackgroundExecutor()
{
    // The tasks are mostly SQLite and file I/O, some of them long (an import, the first
    // start's sample): a few threads keep a long one from holding up the short reads behind it.
    m_pool.setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
    m_pool.setObjectName(QStringLiteral("backgroundExecutor"));
}

BackgroundExecutor::~BackgroundExecutor()
{
    waitForDone();
}

void BackgroundExecutor::waitForDone()
{
    m_pool.waitForDone();
}
