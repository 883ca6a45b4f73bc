#include "data/csv_reader.h"

#include "data/file_error.h"

#include <QIODevice>

namespace {

constexpr qint64 MinimumChunkBytes = 64 * 1024;

enum class FieldState { Start, Unquoted, Quoted, QuoteInQuoted };

} // namespace

CsvReader::CsvReader(QIODevice &device)
    : m_device(device)
{
}

bool CsvReader::fillBuffer()
{
    m_buffer.remove(0, m_position);
    m_position = 0;
    // Growing the chunk with the buffer keeps a long header scan linear, not quadratic.
    const qint64 wanted = qMax(MinimumChunkBytes, qint64(m_buffer.size()));
    const qsizetype filled = m_buffer.size();
    m_buffer.resize(filled + wanted);
    // read() into a QByteArray cannot tell a failed read from the end of the input.
    const qint64 got = m_device.read(m_buffer.data() + filled, wanted);
    m_buffer.resize(filled + qMax(got, qint64(0)));
    if (got < 0)
        throw FileError(QStringLiteral("line %1: cannot read: %2")
                               .arg(QString::number(m_lineNumber), m_device.errorString()));
    return got > 0;
}

void CsvReader::skipByteOrderMark()
{
    while (m_buffer.size() - m_position < 3 && fillBuffer()) { }
    if (m_buffer.mid(m_position, 3) == QByteArrayLiteral("\xEF\xBB\xBF"))
        m_position += 3;
}

void CsvReader::detectHeaderLayout()
{
    int commas = 0;
    int semicolons = 0;
    bool inQuotes = false;
    qsizetype scan = m_position;
    char lastSignificant = 0;
    for (;;) {
        if (scan >= m_buffer.size()) {
            const qsizetype consumed = m_position;
            if (!fillBuffer())
                break;
            scan -= consumed;
        }
        const char c = m_buffer.at(scan++);
        if (c == '"')
            inQuotes = !inQuotes;
        else if (inQuotes)
            continue;
        else if (c == '\n')
            break;
        else if (c == ',')
            ++commas;
        else if (c == ';')
            ++semicolons;
        if (c != '\r')
            lastSignificant = c;
    }
    m_delimiter = semicolons > commas ? ';' : ',';
    m_dropTrailingEmptyField = lastSignificant == m_delimiter;
}

bool CsvReader::readRecord(CsvRecord &record)
{
    record.fields.clear();
    if (m_delimiter == 0) {
        skipByteOrderMark();
        detectHeaderLayout();
    }

    FieldState state = FieldState::Start;
    QByteArray field;
    bool fieldWasQuoted = false;
    // Bytes of `field` that came from inside quotes; a CR there is data, not a line ending.
    qsizetype quotedLength = 0;
    qint64 quoteOpenedOnLine = 0;
    record.lineNumber = m_lineNumber;

    const auto finishField = [&] {
        if (state == FieldState::Unquoted && field.size() > quotedLength && field.endsWith('\r'))
            field.chop(1);
        record.fields.append(QString::fromUtf8(field));
        field.clear();
        quotedLength = 0;
        state = FieldState::Start;
    };
    // Returns true when the record is complete, false when it was an empty line to skip.
    const auto finishRecord = [&] {
        const bool lastWasQuoted = fieldWasQuoted;
        finishField();
        fieldWasQuoted = false;
        if (record.fields.size() == 1 && record.fields.first().isEmpty() && !lastWasQuoted) {
            record.fields.clear();
            record.lineNumber = m_lineNumber;
            return false;
        }
        if (m_dropTrailingEmptyField && record.fields.size() > 1 && record.fields.last().isEmpty()
            && !lastWasQuoted)
            record.fields.removeLast();
        return true;
    };

    for (;;) {
        if (m_position >= m_buffer.size() && !fillBuffer()) {
            if (state == FieldState::Quoted)
                throw FileError(QStringLiteral("line %1: quoted field is not closed before the "
                                                  "end of the file")
                                       .arg(quoteOpenedOnLine));
            if (state == FieldState::Start && record.fields.isEmpty())
                return false;
            return finishRecord();
        }
        const char *data = m_buffer.constData();
        const qsizetype size = m_buffer.size();
        switch (state) {
        case FieldState::Start:
            if (data[m_position] == '"') {
                ++m_position;
                state = FieldState::Quoted;
                fieldWasQuoted = true;
                quoteOpenedOnLine = m_lineNumber;
            } else {
                state = FieldState::Unquoted;
                fieldWasQuoted = false;
            }
            break;
        case FieldState::Unquoted: {
            const qsizetype start = m_position;
            while (m_position < size && data[m_position] != m_delimiter && data[m_position] != '\n')
                ++m_position;
            field.append(data + start, m_position - start);
            if (m_position == size)
                break;
            if (data[m_position++] == m_delimiter) {
                finishField();
                fieldWasQuoted = false;
                break;
            }
            ++m_lineNumber;
            if (finishRecord())
                return true;
            break;
        }
        case FieldState::Quoted: {
            const qsizetype start = m_position;
            while (m_position < size && data[m_position] != '"') {
                if (data[m_position] == '\n')
                    ++m_lineNumber;
                ++m_position;
            }
            field.append(data + start, m_position - start);
            if (m_position == size)
                break;
            ++m_position;
            state = FieldState::QuoteInQuoted;
            break;
        }
        case FieldState::QuoteInQuoted:
            if (data[m_position] == '"') {
                field.append('"');
                ++m_position;
                state = FieldState::Quoted;
            } else {
                quotedLength = field.size();
                state = FieldState::Unquoted;
            }
            break;
        }
    }
}
