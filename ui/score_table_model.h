#pragma once

#include <QAbstractTableModel>
#include <QDate>
#include <QList>
#include <QString>
#include <optional>
#include <set>

// One row of the scores table: a run's score of (date, ticker, horizon) with the ticker's
// sector, as the GUI shows it. Prices are adjusted closes, as the run scored them.
struct ScoreTableRow
{
    QDate date;
    QString ticker;
    QString sector; // empty when unknown
    int horizon = 0; // trading days
    double lastClose = 0;
    double predictedClose = 0;
    double score = 0; // (predicted close - last close) / last close
    // Percentiles of the sampled closes at the horizon; only when the run sampled.
    std::optional<double> p10;
    std::optional<double> p50;
    std::optional<double> p90;
};

// The scores of a run as a table, one row per ScoreTableRow; rows may be appended while the run
// goes on. Sort and filter through ScoreFilterProxyModel: SortRole gives raw values (dates,
// numbers); tooltips give numbers as the CSV export writes them.
//
// Lives on the GUI thread.
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

    explicit ScoreTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const ScoreTableRow &row(int index) const { return m_rows[index]; }
    const QList<ScoreTableRow> &rows() const { return m_rows; }
    // Distinct dates and horizons of the rows, ascending.
    QList<QDate> dates() const { return { m_dates.begin(), m_dates.end() }; }
    QList<int> horizons() const { return { m_horizons.begin(), m_horizons.end() }; }
    // True when some row has percentiles (the run sampled).
    bool hasPercentiles() const { return m_hasPercentiles; }

    // The rows of one date and horizon, in model order.
    QList<ScoreTableRow> rowsAt(const QDate &date, int horizon) const;
    // Every horizon's row of one ticker on one date, by horizon.
    QList<ScoreTableRow> rowsOf(const QString &ticker, const QDate &date) const;

public Q_SLOTS:
    void appendRows(const QList<ScoreTableRow> &rows);
    void setRows(const QList<ScoreTableRow> &rows);
    void clear();

Q_SIGNALS:
    // A date or horizon appeared (filters and charts offer it), or the first percentiles.
    void keysChanged();

private:
    // Records the row's date and horizon; true when one of them, or percentiles, are new.
    bool recordKeys(const ScoreTableRow &row);

    QList<ScoreTableRow> m_rows;
    std::set<QDate> m_dates;
    std::set<int> m_horizons;
    bool m_hasPercentiles = false;
};
