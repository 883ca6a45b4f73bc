#include "ui/result_table.h"

#include <QHeaderView>
#include <QStandardItemModel>
#include <QTableView>

namespace ResultTable {

QString formatValue(const std::optional<double> &value, int decimals)
{
    return value ? QString::number(*value, 'f', decimals) : QStringLiteral("n/a");
}

QStandardItem *valueItem(const std::optional<double> &value, int decimals)
{
    auto *item = new QStandardItem(formatValue(value, decimals));
    item->setEditable(false);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    if (value)
        item->setData(*value, Qt::UserRole);
    return item;
}

QStandardItem *percentItem(const std::optional<double> &value, int decimals)
{
    QStandardItem *item = valueItem(value ? std::optional(*value * 100.0) : std::nullopt, decimals);
    if (value) {
        item->setText(item->text() + QLatin1Char('%'));
        item->setData(*value, Qt::UserRole);
    }
    return item;
}

QStandardItem *textItem(const QString &text)
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    return item;
}

void explainUndefined(const QList<QStandardItem *> &row, const QString &why)
{
    for (QStandardItem *item : row) {
        if (item->text() == QLatin1String("n/a"))
            item->setToolTip(why);
    }
}

void setHeader(QStandardItemModel *model, const QList<QPair<QString, QString>> &columns)
{
    model->setColumnCount(int(columns.size()));
    for (int column = 0; column < columns.size(); ++column) {
        auto *item = new QStandardItem(columns[column].first);
        item->setToolTip(columns[column].second);
        model->setHorizontalHeaderItem(column, item);
    }
}

QTableView *tableView(QStandardItemModel *model, const QString &objectName, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setModel(model);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return view;
}

} // namespace ResultTable
