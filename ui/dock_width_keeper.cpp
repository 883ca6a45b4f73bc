#include "ui/dock_width_keeper.h"

#include <QDockWidget>
#include <QEvent>
#include <QGuiApplication>
#include <QLayout>
#include <QMainWindow>
#include <QTimer>

DockWidthKeeper::DockWidthKeeper(QMainWindow *window, QDockWidget *dock)
    : QObject(dock)
    , m_window(window)
    , m_dock(dock)
{
    window->installEventFilter(this);
    dock->installEventFilter(this);
}

bool DockWidthKeeper::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::Resize)
        return false;
    if (watched == m_window) {
        // After the window's layout has placed the dock at the new size.
        QTimer::singleShot(0, this, &DockWidthKeeper::restoreWidth);
    } else if (!m_dock->isFloating()
        && (m_preferredWidth == 0 || (QGuiApplication::mouseButtons() & Qt::LeftButton))) {
        // The width the window is first laid out with (the default, or the one restored), then
        // the ones the user drags it to (a window resized by its frame brings no button press).
        m_preferredWidth = m_dock->width();
    }
    return false;
}

void DockWidthKeeper::restoreWidth()
{
    if (m_preferredWidth > 0 && m_dock->isVisible() && !m_dock->isFloating()
        && m_dock->width() < m_preferredWidth) {
        // Sizes are shared out from the window's layout: bring it to the window's new size
        // first, or the dock gets what an older, narrower window had to spare.
        m_window->layout()->activate();
        m_window->resizeDocks({ m_dock }, { m_preferredWidth }, Qt::Horizontal);
    }
}
