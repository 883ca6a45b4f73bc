#pragma once

#include <QDateEdit>

// A QDateEdit that takes a date typed whole. QDateEdit edits one section at a time: with the
// whole text selected (Ctrl+A, or a triple click) it drops the year's digits, and a separator
// typed after a section filled itself skips the next section — "2017-01-03" became 2019-01-03.
// Here typing over a whole selection starts at the first section, any separator (-, / or .)
// moves to the next section, and one right after an automatic step is taken as that step.
//
// GUI thread only.
class WholeDateEdit : public QDateEdit
{
    Q_OBJECT

public:
    explicit WholeDateEdit(QWidget *parent = nullptr);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    // The last digit filled a section and moved on to the next one.
    bool m_steppedToNextSection = false;
};
