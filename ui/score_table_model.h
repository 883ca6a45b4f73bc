#pragma once

#include "run/run_records.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QHash>
#include <QList>
#include <QString>
#include <set>

class RunResults;

// The scores of the run RunResults shows, as a table: one row per ScoreRow, with the ticker's
// sector; rows are appended while the run goes on. The model holds no rows of its own: it reads
// RunResults and follows its signals. Sort and filter through ScoreFilterProxyModel: SortRole
// gives raw values (dates, numbers); tooltips give numbers as the CSV export writes them.
// Prices are adjusted closes, as the run scored them.
//
// Lives on the GUI thread; `results` must outlive it.
class ScoreTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        DateColumn,
        TickerColumn,
        SectorColumn,
        HorizonColumn,
        LastCloseColumn,
        PredictedCloseColumn,
        ScoreColumn,
        P10Column,
        P50Column,
        P90Column,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit ScoreTableModel(const RunResults &results, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const ScoreRow &row(int index) const;
    QString sector(const QString &ticker) const { return m_sectors.value(ticker); }
    // Distinct dates and horizons of the rows, ascending.
    QList<QDate> dates() const { return { m_dates.begin(), m_dates.end() }; }
    QList<int> horizons() const { return { m_horizons.begin(), m_horizons.end() }; }
    // True when some row has percentiles (the run sampled).
    bool hasPercentiles() const { return m_hasPercentiles; }

    // The rows of one date and horizon, in model order.
    QList<ScoreRow> rowsAt(const QDate &date, int horizon) const;
    // Every horizon's row of one ticker on one date, by horizon.
    QList<ScoreRow> rowsOf(const QString &ticker, const QDate &date) const;

public Q_SLOTS:
    // ticker -> GICS sector (the market catalog's), for the sector column.
    void setSectors(const QHash<QString, QString> &sectors);

Q_SIGNALS:
    // A date or horizon appeared (filters and charts offer it), or the first percentiles.
    void keysChanged();

private:
    // Records the row's date and horizon; true when one of them, or percentiles, are new.
    bool recordKeys(const ScoreRow &row);
    void recordAllKeys();

    const RunResults &m_results;
    QHash<QString, QString> m_sectors;
    // Derived from the rows, for the filters.
    std::set<QDate> m_dates;
    std::set<int> m_horizons;
    bool m_hasPercentiles = false;
};
