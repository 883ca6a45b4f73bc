#include "ui/readable_placeholders.h"

#include <QApplication>
#include <QEvent>
#include <algorithm>
#include <cmath>

namespace ReadablePlaceholders {

namespace {

// Lightness (0 to 1) two colours must differ by to read one on the other.
constexpr double MinimumDifference = 0.3;
// How far from Base towards Text a mended placeholder lies.
constexpr double TextShare = 0.6;

constexpr QPalette::ColorGroup Groups[]
    = { QPalette::Active, QPalette::Inactive, QPalette::Disabled };

QColor blend(const QColor &over, const QColor &under, double overShare)
{
    return QColor::fromRgbF(float(over.redF() * overShare + under.redF() * (1 - overShare)),
        float(over.greenF() * overShare + under.greenF() * (1 - overShare)),
        float(over.blueF() * overShare + under.blueF() * (1 - overShare)));
}

bool standsOut(const QPalette &palette, QPalette::ColorGroup group)
{
    const QColor base = palette.color(group, QPalette::Base);
    const QColor placeholder = palette.color(group, QPalette::PlaceholderText);
    const QColor drawn = blend(placeholder, base, placeholder.alphaF());
    return std::abs(drawn.lightnessF() - base.lightnessF()) >= MinimumDifference;
}

// Mends the application palette each time it changes; mending it changes it once more, but
// then it is readable and left alone.
class PaletteWatcher : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::ApplicationPaletteChange && watched == qApp
            && !isReadable(QApplication::palette()))
            QApplication::setPalette(readable(QApplication::palette()));
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

bool isReadable(const QPalette &palette)
{
    return std::all_of(std::begin(Groups), std::end(Groups),
        [&palette](QPalette::ColorGroup group) { return standsOut(palette, group); });
}

QPalette readable(const QPalette &palette)
{
    QPalette mended = palette;
    for (QPalette::ColorGroup group : Groups) {
        if (!standsOut(palette, group))
            mended.setColor(group, QPalette::PlaceholderText,
                blend(palette.color(group, QPalette::Text), palette.color(group, QPalette::Base),
                    TextShare));
    }
    return mended;
}

void install(QApplication &application)
{
    application.installEventFilter(new PaletteWatcher(&application));
    if (!isReadable(QApplication::palette()))
        QApplication::setPalette(readable(QApplication::palette()));
}

} // namespace ReadablePlaceholders
