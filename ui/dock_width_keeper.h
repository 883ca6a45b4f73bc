#pragma once

#include <QObject>

class QDockWidget;
class QMainWindow;

// Gives a dock back its width once the window has room again: QMainWindow narrows docks when
// the window shrinks and then gives all regained width to the central widget. The width the
// dock first showed with, or the one the user dragged it to, is kept; after every resize of the
// window the dock is widened to it as far as the window allows.
//
// GUI thread only; a child of the dock.
class DockWidthKeeper : public QObject
{
    Q_OBJECT

public:
    explicit DockWidthKeeper(QMainWindow *window, QDockWidget *dock);

    int preferredWidth() const { return m_preferredWidth; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void restoreWidth();

    QMainWindow *m_window;
    QDockWidget *m_dock;
    int m_preferredWidth = 0;
};
