#pragma once

#include <QScrollArea>

// A scroll area for a column of fields: it scrolls up and down only, and is never narrower
// than what it holds needs, now — its least width follows the widget's minimum size hint when
// that changes (longer texts, a larger font), where a width fixed when it was built cut fields
// off at the right.
class VerticalScrollArea : public QScrollArea
{
    Q_OBJECT

public:
    explicit VerticalScrollArea(QWidget *content, QWidget *parent = nullptr);

    QSize minimumSizeHint() const override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};
