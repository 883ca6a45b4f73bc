#include "ui/score_table_model.h"

#include "workbench/run_results.h"

#include <algorithm>
#include <limits>

namespace {

// As the CSV export writes it (ScoreCsvExport): 10 significant digits.
QString exactNumber(double value)
{
    return QString::number(value, 'g', 10);
}

std::optional<double> numberAt(const ScoreRow &row, int column)
{
    switch (column) {
    case ScoreTableModel::LastCloseColumn:
        return row.lastClose;
    case ScoreTableModel::PredictedCloseColumn:
        return row.predictedClose;
    case ScoreTableModel::ScoreColumn:
        return row.score;
    case ScoreTableModel::P10Column:
        return row.p10;
    case ScoreTableModel::P50Column:
        return row.p50;
    case ScoreTableModel::P90Column:
        return row.p90;
    default:
        return std::nullopt;
    }
}

} // namespace

ScoreTableModel::ScoreTableModel(const RunResults &results, QObject *parent)
    : QAbstractTableModel(parent)
    , m_results(results)
{
    connect(&results, &RunResults::aboutToReset, this, &ScoreTableModel::beginResetModel);
    connect(&results, &RunResults::reset, this, [this] {
        recordAllKeys();
        endResetModel();
        Q_EMIT keysChanged();
    });
    connect(&results, &RunResults::scoresAboutToBeAdded, this, [this](int count) {
        const int first = rowCount();
        beginInsertRows({}, first, first + count - 1);
    });
    connect(&results, &RunResults::scoresAdded, this, [this](int first, int count) {
        bool newKeys = false;
        for (int row = first; row < first + count; ++row)
            newKeys = recordKeys(m_results.scores()[row]) || newKeys;
        endInsertRows();
        if (newKeys)
            Q_EMIT keysChanged();
    });
    recordAllKeys();
}

int ScoreTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_results.scores().size());
}

const ScoreRow &ScoreTableModel::row(int index) const
{
    return m_results.scores()[index];
}

int ScoreTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ScoreTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const ScoreRow &row = this->row(index.row());
    const int column = index.column();
    const bool textual = column == DateColumn || column == TickerColumn || column == SectorColumn
        || column == HorizonColumn;

    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(
            textual ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter);

    if (textual) {
        switch (role) {
        case Qt::DisplayRole:
            if (column == DateColumn)
                return row.date.date().toString(Qt::ISODate);
            if (column == HorizonColumn)
                return QString::number(row.horizon);
            return column == TickerColumn ? row.ticker : sector(row.ticker);
        case SortRole:
            if (column == DateColumn)
                return row.date.date();
            if (column == HorizonColumn)
                return row.horizon;
            return column == TickerColumn ? row.ticker : sector(row.ticker);
        default:
            return {};
        }
    }

    const std::optional<double> value = numberAt(row, column);
    switch (role) {
    case Qt::DisplayRole:
        if (!value)
            return {};
        // A score is a return: shown in percent, where 4 decimals of a fraction would hide it.
        if (column == ScoreColumn)
            return QStringLiteral("%1 %").arg(*value * 100.0, 0, 'f', 2);
        return QString::number(*value, 'f', 2);
    case SortRole:
        // Rows without a value sort before every number.
        return value ? QVariant(*value) : QVariant(-std::numeric_limits<double>::infinity());
    case Qt::ToolTipRole:
        return value ? exactNumber(*value) : QVariant();
    default:
        return {};
    }
}

QVariant ScoreTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    static const char *const titles[ColumnCount] = { "date", "ticker", "sector", "horizon",
        "last_close", "pred_close", "score", "p10", "p50", "p90" };
    static const char *const tips[ColumnCount] = {
        "Evaluation date: the last bar of the context",
        "Ticker",
        "GICS sector",
        "Horizon in trading days",
        "Adjusted close on the evaluation date",
        "Predicted close at the horizon (mean of the samples)",
        "Predicted return at the horizon: (predicted - last) / last",
        "10th percentile of the sampled closes at the horizon",
        "Median of the sampled closes at the horizon",
        "90th percentile of the sampled closes at the horizon",
    };
    if (section < 0 || section >= ColumnCount)
        return {};
    // The CSV export's column names (ScoreCsvExport), so the table and its file read alike.
    if (role == Qt::DisplayRole)
        return QString::fromLatin1(titles[section]);
    if (role == Qt::ToolTipRole)
        return tr(tips[section]);
    return {};
}

QList<ScoreRow> ScoreTableModel::rowsAt(const QDate &date, int horizon) const
{
    QList<ScoreRow> rows;
    for (const ScoreRow &row : m_results.scores()) {
        if (row.date.date() == date && row.horizon == horizon)
            rows.append(row);
    }
    return rows;
}

QList<ScoreRow> ScoreTableModel::rowsOf(const QString &ticker, const QDate &date) const
{
    QList<ScoreRow> rows;
    for (const ScoreRow &row : m_results.scores()) {
        if (row.date.date() == date && row.ticker == ticker)
            rows.append(row);
    }
    std::sort(rows.begin(), rows.end(),
        [](const ScoreRow &a, const ScoreRow &b) { return a.horizon < b.horizon; });
    return rows;
}

void ScoreTableModel::setSectors(const QHash<QString, QString> &sectors)
{
    m_sectors = sectors;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, SectorColumn), index(rowCount() - 1, SectorColumn));
}

void ScoreTableModel::recordAllKeys()
{
    m_dates.clear();
    m_horizons.clear();
    m_hasPercentiles = false;
    for (const ScoreRow &row : m_results.scores())
        recordKeys(row);
}

bool ScoreTableModel::recordKeys(const ScoreRow &row)
{
    const bool firstPercentiles = !m_hasPercentiles && (row.p10 || row.p50 || row.p90);
    m_hasPercentiles = m_hasPercentiles || firstPercentiles;
    const bool newDate = m_dates.insert(row.date.date()).second;
    const bool newHorizon = m_horizons.insert(row.horizon).second;
    return newDate || newHorizon || firstPercentiles;
}
