#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

class QIODevice;

// One record of a CSV file: its fields (UTF-8 decoded, quotes removed) and the 1-based line
// number of the physical line it starts on. A quoted field may span lines, so the next
// record's line number can be more than one higher.
struct CsvRecord
{
    qint64 lineNumber = 0;
    QStringList fields;
};

// RFC 4180 tokenizer: reads records one at a time from a QIODevice.
//
// - Fields are separated by `,` or `;`, detected from the first line (the header): the one that
//   occurs more often outside quotes wins, `,` on a tie.
// - Quoted fields may hold the delimiter, `""` (one quote) and line breaks.
// - A UTF-8 byte order mark at the start is skipped; lines may end in LF or CRLF.
// - When the header line ends with a delimiter (an empty last field, as some spreadsheets
//   write), the one empty field that follows the last delimiter of every record is dropped.
// - Empty lines are skipped.
// - Text after a closing quote is kept as part of the field (`"ab"c` reads `abc`); a quote that
//   is never closed is an error.
//
// The device is not owned, must be open for reading and outlive the reader. Reads in chunks,
// so memory stays bounded by the longest record. Not thread-safe; one reader per thread.
class CsvReader
{
public:
    explicit CsvReader(QIODevice &device);

    // Reads the next record into `record`. Returns false at the end of the input only. Throws
    // FileError for a malformed input or a failed read, naming the line but not the file
    // (the device has no name; the caller adds it): "line 12: quoted field is not closed before
    // the end of the file", "line 3: cannot read: Input/output error". The records before it
    // were returned; a caller does not read on after it.
    bool readRecord(CsvRecord &record);

    // The delimiter in use (`,` or `;`), known once the first record has been read.
    char delimiter() const { return m_delimiter; }

private:
    bool fillBuffer();
    void skipByteOrderMark();
    void detectHeaderLayout();

    QIODevice &m_device;
    QByteArray m_buffer;
    qsizetype m_position = 0;
    qint64 m_lineNumber = 1;
    char m_delimiter = 0;
    bool m_dropTrailingEmptyField = false;
};
