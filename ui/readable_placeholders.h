#pragma once

#include <QPalette>

class QApplication;

// Keeps placeholder text readable whatever palette the application is given. A palette that
// sets dark colours but not PlaceholderText keeps Qt's default, half-transparent black, which
// vanished on a dark field ("more, e.g. 5, 120", "none: random weights").
namespace ReadablePlaceholders {

// Whether PlaceholderText, drawn over Base, stands out from Base in every colour group.
bool isReadable(const QPalette &palette);
// `palette` with PlaceholderText set between Text and Base where it did not stand out.
QPalette readable(const QPalette &palette);
// Mends the application's palette now and whenever it changes. Call once the QApplication
// exists; GUI thread only.
void install(QApplication &application);

} // namespace ReadablePlaceholders
