#include "ui/whole_date_edit.h"

#include <QKeyEvent>
#include <QLineEdit>

WholeDateEdit::WholeDateEdit(QWidget *parent)
    : QDateEdit(parent)
{
}

void WholeDateEdit::keyPressEvent(QKeyEvent *event)
{
    const QString text = event->text();
    const bool digit = text.size() == 1 && text.front().isDigit();
    const bool separator = text.size() == 1 && text.front().isPunct();
    if (separator) {
        // Any separator (-, /, .) moves on, unless the section filled itself and moved on.
        if (!m_steppedToNextSection && currentSectionIndex() + 1 < sectionCount())
            setSelectedSection(sectionAt(currentSectionIndex() + 1));
        m_steppedToNextSection = false;
        event->accept();
        return;
    }
    const QLineEdit *line = lineEdit();
    if (digit && line->hasSelectedText() && line->selectedText() == line->text())
        setSelectedSection(sectionAt(0));
    const Section before = currentSection();
    QDateEdit::keyPressEvent(event);
    m_steppedToNextSection = digit && currentSection() != before;
}

void WholeDateEdit::focusOutEvent(QFocusEvent *event)
{
    m_steppedToNextSection = false;
    QDateEdit::focusOutEvent(event);
}
