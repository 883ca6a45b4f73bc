#include "ui/vertical_scroll_area.h"

#include <QEvent>
#include <QScrollBar>

VerticalScrollArea::VerticalScrollArea(QWidget *content, QWidget *parent)
    : QScrollArea(parent)
{
    setWidget(content);
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
}

QSize VerticalScrollArea::minimumSizeHint() const
{
    const QSize own = QScrollArea::minimumSizeHint();
    if (!widget())
        return own;
    const int width = widget()->minimumSizeHint().width() + verticalScrollBar()->sizeHint().width()
        + 2 * frameWidth();
    return { std::max(own.width(), width), own.height() };
}

bool VerticalScrollArea::eventFilter(QObject *watched, QEvent *event)
{
    // The content's layout changed its needs: the layout around this area asks again.
    // (setWidget() made this area the content's event filter.)
    if (watched == widget() && event->type() == QEvent::LayoutRequest)
        updateGeometry();
    return QScrollArea::eventFilter(watched, event);
}
