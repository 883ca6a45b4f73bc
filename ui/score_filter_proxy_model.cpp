#include "ui/score_filter_proxy_model.h"

#include "ui/score_table_model.h"

ScoreFilterProxyModel::ScoreFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ScoreTableModel::SortRole);
    // Appended rows take their sorted place while a run goes on.
    setDynamicSortFilter(true);
}

void ScoreFilterProxyModel::setTickerFilter(const QString &text)
{
    const QString ticker = text.trimmed();
    if (ticker == m_ticker)
        return;
    m_ticker = ticker;
    invalidateRowsFilter();
}

void ScoreFilterProxyModel::setDateFilter(const QDate &date)
{
    if (date == m_date)
        return;
    m_date = date;
    invalidateRowsFilter();
}

void ScoreFilterProxyModel::setHorizonFilter(int horizon)
{
    if (horizon == m_horizon)
        return;
    m_horizon = horizon;
    invalidateRowsFilter();
}

bool ScoreFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid())
        return false;
    // Reads the rows directly rather than through data(): filtering runs once per row on every
    // change, and the row struct is at hand.
    const auto *scores = qobject_cast<const ScoreTableModel *>(sourceModel());
    if (!scores)
        return true;
    const ScoreRow &row = scores->row(sourceRow);
    if (m_date.isValid() && row.date.date() != m_date)
        return false;
    if (m_horizon != 0 && row.horizon != m_horizon)
        return false;
    return m_ticker.isEmpty() || row.ticker.contains(m_ticker, Qt::CaseInsensitive);
}
