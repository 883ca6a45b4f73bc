#include "data/csv_writer.h"

#include "data/atomic_file.h"
#include "data/file_error.h"

#include <QRegularExpression>

namespace {

bool isPlainNumber(const QString &cell)
{
    static const QRegularExpression number(
        QStringLiteral("^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$"));
    return number.match(cell).hasMatch();
}

// A spreadsheet evaluates such a cell as a formula (CSV injection, OWASP).
bool startsLikeFormula(const QString &cell)
{
    if (cell.isEmpty())
        return false;
    switch (cell.front().unicode()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
        return true;
    default:
        return false;
    }
}

} // namespace

CsvWriter::CsvWriter(const QString &filePath)
    : m_file(filePath)
{
    if (!m_file.open(QIODevice::WriteOnly))
        throw FileError(writeFailureMessage(m_file));
}

void CsvWriter::writeRow(const QStringList &cells)
{
    const QByteArray bytes = formatRow(cells).toUtf8();
    if (m_file.write(bytes) != bytes.size())
        throw FileError(writeFailureMessage(m_file));
}

void CsvWriter::commit()
{
    commitAtomically(m_file);
}

QString CsvWriter::formatCell(const QString &cell)
{
    QString text = cell;
    if (startsLikeFormula(text) && !isPlainNumber(text))
        text.prepend(QLatin1Char('\''));
    const bool needsQuotes = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"'))
        || text.contains(QLatin1Char('\r')) || text.contains(QLatin1Char('\n'));
    if (!needsQuotes)
        return text;
    text.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

QString CsvWriter::formatRow(const QStringList &cells)
{
    QString row;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            row += QLatin1Char(',');
        row += formatCell(cells.at(i));
    }
    row += QLatin1String("\r\n");
    return row;
}
