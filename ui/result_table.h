#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <optional>

class QStandardItem;
class QStandardItemModel;
class QTableView;
class QWidget;

// The read-only tables of the Evaluation tab: cells that show a figure rounded and keep the
// exact value, "n/a" for an undefined one, headers whose tooltips say what a column measures.
// GUI thread only.
namespace ResultTable {

// `value` with `decimals` decimals, or "n/a".
QString formatValue(const std::optional<double> &value, int decimals = 4);

// A read-only cell showing `value` rounded, the exact value under Qt::UserRole.
QStandardItem *valueItem(const std::optional<double> &value, int decimals = 4);

// A read-only cell showing `value` × 100 with `decimals` decimals and a percent sign; the
// exact value (not × 100) under Qt::UserRole.
QStandardItem *percentItem(const std::optional<double> &value, int decimals = 2);

QStandardItem *textItem(const QString &text);

// Gives every "n/a" cell of `row` the tooltip `why` (what makes the figure undefined).
void explainUndefined(const QList<QStandardItem *> &row, const QString &why);

// Column titles with their tooltips: (title, what the column measures).
void setHeader(QStandardItemModel *model, const QList<QPair<QString, QString>> &columns);

// A table over `model` that selects whole rows, without a row header, its columns as wide as
// their contents.
QTableView *tableView(QStandardItemModel *model, const QString &objectName, QWidget *parent);

} // namespace ResultTable
