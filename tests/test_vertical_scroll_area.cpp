#include "ui/vertical_scroll_area.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QScrollBar>
#include <QtTest>

// The run setup's and the gate thresholds' scroll areas: as wide as their fields need, also
// after those needs change (the thresholds' width was fixed when the tab was built).
class TestVerticalScrollArea : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void itsLeastWidthFollowsWhatItHolds()
    {
        QWidget window;
        auto *content = new QWidget;
        auto *label = new QLabel(QStringLiteral("Short"), content);
        (new QVBoxLayout(content))->addWidget(label);
        auto *area = new VerticalScrollArea(content);
        auto *layout = new QHBoxLayout(&window);
        layout->addWidget(area);
        layout->addStretch(1);
        window.resize(1200, 300);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const auto needed = [&] {
            return content->minimumSizeHint().width()
                + area->verticalScrollBar()->sizeHint().width();
        };
        QVERIFY(area->minimumSizeHint().width() >= needed());
        const int before = area->width();

        label->setText(QStringLiteral("A much longer label than before, which needs the room"));
        QTRY_VERIFY(area->width() > before + 100);
        QCOMPARE(area->minimumSizeHint().width(), needed());
        QVERIFY(area->width() >= needed());
        QCOMPARE(area->horizontalScrollBarPolicy(), Qt::ScrollBarAlwaysOff);
    }
};

QTEST_MAIN(TestVerticalScrollArea)
#include "test_vertical_scroll_area.moc"
