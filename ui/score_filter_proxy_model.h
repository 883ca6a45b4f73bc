#pragma once

#include <QDate>
#include <QSortFilterProxyModel>

// Filters a ScoreTableModel by ticker text, date and horizon, and sorts it by raw values
// (ScoreTableModel::SortRole). Lives on the GUI thread.
class ScoreFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ScoreFilterProxyModel(QObject *parent = nullptr);

    QString tickerFilter() const { return m_ticker; }
    QDate dateFilter() const { return m_date; }
    int horizonFilter() const { return m_horizon; }

public Q_SLOTS:
    // Rows whose ticker contains `text` (case-insensitive); empty: every ticker.
    void setTickerFilter(const QString &text);
    // Rows of that date; an invalid date: every date.
    void setDateFilter(const QDate &date);
    // Rows of that horizon; 0: every horizon.
    void setHorizonFilter(int horizon);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_ticker;
    QDate m_date;
    int m_horizon = 0;
};
