#pragma once

#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QSpinBox>
#include <optional>
#include <utility>

// A QSpinBox or QDoubleSpinBox that takes a number typed beyond its range and says what it used
// instead. Qt refuses the keystroke that leaves the range, so typing 5000 into a field that
// goes up to 4096 silently left 500; here 5000 stays on screen until Enter or leaving the
// field, which set the nearest bound and leave a note for takeClampNote().
//
// GUI thread only.
template <typename SpinBox> class ClampingSpinBox : public SpinBox
{
public:
    using SpinBox::SpinBox;

    // "5000 bars is above the maximum of 4096 bars: 4096 bars is used." once after a typed
    // number was clamped (read when editingFinished() arrives); empty otherwise.
    QString takeClampNote() { return std::exchange(m_clampNote, QString()); }

protected:
    QValidator::State validate(QString &text, int &pos) const override
    {
        const QValidator::State state = SpinBox::validate(text, pos);
        return state == QValidator::Invalid && typedNumber(text) ? QValidator::Intermediate
                                                                 : state;
    }

    void fixup(QString &text) const override
    {
        const std::optional<double> typed = typedNumber(text);
        if (!typed || (*typed >= this->minimum() && *typed <= this->maximum())) {
            SpinBox::fixup(text);
            return;
        }
        const bool above = *typed > this->maximum();
        const auto used = above ? this->maximum() : this->minimum();
        const auto withSuffix = [this](const QString &number) { return number + this->suffix(); };
        m_clampNote = QCoreApplication::translate("ClampingSpinBox",
            above ? "%1 is above the maximum of %2: %2 is used."
                  : "%1 is below the minimum of %2: %2 is used.")
                          .arg(withSuffix(stripped(text)), withSuffix(this->textFromValue(used)));
        text = this->textFromValue(used);
    }

private:
    QString stripped(QString text) const
    {
        text = text.trimmed();
        if (!this->prefix().isEmpty() && text.startsWith(this->prefix()))
            text.remove(0, this->prefix().size());
        if (!this->suffix().isEmpty() && text.endsWith(this->suffix().trimmed()))
            text.chop(this->suffix().trimmed().size());
        return text.trimmed();
    }

    // The number in `text`, prefix and suffix aside; empty when it is not one.
    std::optional<double> typedNumber(const QString &text) const
    {
        bool ok = false;
        const double value = this->locale().toDouble(stripped(text), &ok);
        return ok ? std::optional<double>(value) : std::nullopt;
    }

    mutable QString m_clampNote; // written by fixup(), which Qt declares const
};
