#include "run/positive_list.h"

#include <QtTest>

// The one parser of horizon and batch-size lists, as the GUI's fields and the CLI's options read
// them.
class TestPositiveList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsListsAsPeopleTypeThem_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<int>>("values");
        QTest::addColumn<QString>("invalidPart");
        QTest::newRow("commas") << "20,60,90" << QList<int> { 20, 60, 90 } << QString();
        QTest::newRow("commas and spaces") << " 5, 120 " << QList<int> { 5, 120 } << QString();
        QTest::newRow("spaces") << "20 60\t90" << QList<int> { 20, 60, 90 } << QString();
        QTest::newRow("order kept, repeats dropped")
            << "90,20,90" << QList<int> { 90, 20 } << QString();
        QTest::newRow("empty parts skipped") << "20,,60," << QList<int> { 20, 60 } << QString();
        QTest::newRow("empty") << "" << QList<int> {} << QString();
        QTest::newRow("a word") << "5, soon" << QList<int> { 5 } << "soon";
        QTest::newRow("zero") << "0,20" << QList<int> {} << "0";
        QTest::newRow("negative") << "20,-5" << QList<int> { 20 } << "-5";
        QTest::newRow("a fraction") << "2.5" << QList<int> {} << "2.5";
    }
    void readsListsAsPeopleTypeThem()
    {
        QFETCH(QString, text);
        QFETCH(QList<int>, values);
        QFETCH(QString, invalidPart);
        const PositiveList list = parsePositiveList(text);
        QCOMPARE(list.values, values);
        QCOMPARE(list.invalidPart, invalidPart);
        QCOMPARE(list.isValid(), invalidPart.isEmpty() && !values.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPositiveList)
#include "test_positive_list.moc"
