#include "data/bar_row_parser.h"

#include <QFileInfo>
#include <QLocale>
#include <charconv>
#include <cmath>

namespace {

// Reads 1..maxDigits digits at `pos`, advancing it; -1 when there is none.
int readNumber(QStringView text, qsizetype &pos, int minDigits, int maxDigits)
{
    int value = 0;
    int digits = 0;
    while (pos < text.size() && digits < maxDigits && text[pos].isDigit()) {
        value = value * 10 + text[pos].digitValue();
        ++pos;
        ++digits;
    }
    return digits >= minDigits ? value : -1;
}

bool skip(QStringView text, qsizetype &pos, QChar expected)
{
    if (pos < text.size() && text[pos] == expected) {
        ++pos;
        return true;
    }
    return false;
}

// Locale-independent decimal parsing that accepts the whole text or nothing, like
// QString::toDouble() but several times faster (that one compares the text against nan/inf
// spellings first, which dominated the import time). Accepts a leading '+', and a decimal comma
// when asked to.
bool parseDecimal(QStringView text, bool decimalComma, double &value)
{
    char buffer[64];
    if (text.startsWith(QLatin1Char('+')))
        text = text.mid(1);
    if (text.isEmpty() || text.size() >= qsizetype(sizeof buffer))
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c > 127)
            return false;
        buffer[i] = decimalComma && c == u',' ? '.' : char(c);
    }
    const char *end = buffer + text.size();
#ifdef __cpp_lib_to_chars
    const std::from_chars_result result = std::from_chars(buffer, end, value);
    return result.ec == std::errc() && result.ptr == end;
#else
    // libc++ before LLVM 17 (Apple's included) has no floating-point std::from_chars.
    static const QLocale c = [] {
        QLocale locale = QLocale::c();
        locale.setNumberOptions(QLocale::RejectGroupSeparator);
        return locale;
    }();
    bool ok = false;
    value = c.toDouble(QLatin1String(buffer, end - buffer), &ok);
    return ok;
#endif
}

} // namespace

BarRowParser::BarRowParser(
    const PriceFileLayout &layout, const QString &fallbackTicker, char delimiter)
    : m_layout(layout)
    , m_fallbackTicker(fallbackTicker)
    , m_decimalComma(delimiter == ';')
{
}

std::optional<QDateTime> BarRowParser::parseTimestamp(QStringView text)
{
    qsizetype pos = 0;
    const int year = readNumber(text, pos, 4, 4);
    if (year < 0 || pos >= text.size()
        || (text[pos] != QLatin1Char('-') && text[pos] != QLatin1Char('/')))
        return std::nullopt;
    const QChar separator = text[pos++];
    const int month = readNumber(text, pos, 1, 2);
    if (month < 0 || !skip(text, pos, separator))
        return std::nullopt;
    const int day = readNumber(text, pos, 1, 2);
    const QDate date(year, month, day);
    if (day < 0 || !date.isValid())
        return std::nullopt;
    if (pos == text.size())
        return QDateTime(date, QTime(0, 0), Qt::UTC);

    // Time of day only after an ISO date, as Kronos files write it.
    if (separator != QLatin1Char('-')
        || !(skip(text, pos, QLatin1Char(' ')) || skip(text, pos, QLatin1Char('T'))))
        return std::nullopt;
    const int hour = readNumber(text, pos, 1, 2);
    if (hour < 0 || !skip(text, pos, QLatin1Char(':')))
        return std::nullopt;
    const int minute = readNumber(text, pos, 2, 2);
    int second = 0;
    if (skip(text, pos, QLatin1Char(':')))
        second = readNumber(text, pos, 2, 2);
    const QTime time(hour, minute, second);
    if (minute < 0 || second < 0 || pos != text.size() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, Qt::UTC);
}

QString BarRowParser::tickerFromFileName(const QString &fileName)
{
    QString base = QFileInfo(fileName).completeBaseName();
    if (base.endsWith(QLatin1String("_data"), Qt::CaseInsensitive))
        base.chop(5);
    return base.trimmed().toUpper();
}

bool BarRowParser::parseNumber(const QStringList &fields, int column, const char *name,
    double &value, QString &rejection) const
{
    const QStringView text = QStringView(fields.at(column)).trimmed();
    if (text.isEmpty()) {
        rejection = QStringLiteral("%1 is empty").arg(QLatin1String(name));
        return false;
    }
    if (!parseDecimal(text, m_decimalComma, value)) {
        rejection = QStringLiteral("%1 '%2' is not a number").arg(QLatin1String(name), text);
        return false;
    }
    if (!std::isfinite(value)) {
        rejection = QStringLiteral("%1 '%2' is not finite").arg(QLatin1String(name), text);
        return false;
    }
    return true;
}

bool BarRowParser::parseOptional(const QStringList &fields, int column, const char *name,
    std::optional<double> &value, QString &rejection) const
{
    value.reset();
    if (column < 0 || fields.at(column).trimmed().isEmpty())
        return true;
    double number = 0;
    if (!parseNumber(fields, column, name, number, rejection))
        return false;
    value = number;
    return true;
}

bool BarRowParser::parse(
    const QStringList &fields, QString &ticker, Bar &bar, QString &rejection) const
{
    if (fields.size() != m_layout.columnCount) {
        rejection = QStringLiteral("expected %1 fields, got %2")
                        .arg(m_layout.columnCount)
                        .arg(fields.size());
        return false;
    }
    ticker
        = m_layout.ticker >= 0 ? fields.at(m_layout.ticker).trimmed().toUpper() : m_fallbackTicker;
    if (ticker.isEmpty()) {
        rejection = QStringLiteral("ticker is empty");
        return false;
    }
    const QString timestampText = fields.at(m_layout.timestamp).trimmed();
    const std::optional<QDateTime> timestamp = parseTimestamp(timestampText);
    if (!timestamp) {
        rejection = QStringLiteral("timestamp '%1' not understood (expected YYYY-MM-DD, "
                                   "YYYY-MM-DD HH:MM[:SS] or YYYY/MM/DD)")
                        .arg(timestampText);
        return false;
    }
    bar.timestamp = *timestamp;
    if (!parseNumber(fields, m_layout.open, "open", bar.open, rejection)
        || !parseNumber(fields, m_layout.high, "high", bar.high, rejection)
        || !parseNumber(fields, m_layout.low, "low", bar.low, rejection)
        || !parseNumber(fields, m_layout.close, "close", bar.close, rejection)
        || !parseOptional(fields, m_layout.volume, "volume", bar.volume, rejection)
        || !parseOptional(fields, m_layout.amount, "amount", bar.amount, rejection)
        || !parseOptional(
            fields, m_layout.adjustedClose, "adj close", bar.adjustedClose, rejection))
        return false;

    const auto text = [&](int column) { return fields.at(column).trimmed(); };
    const std::pair<int, const char *> prices[] = { { m_layout.open, "open" },
        { m_layout.high, "high" }, { m_layout.low, "low" }, { m_layout.close, "close" } };
    const double values[] = { bar.open, bar.high, bar.low, bar.close };
    for (int i = 0; i < 4; ++i) {
        if (values[i] <= 0) {
            rejection = QStringLiteral("%1 %2 is not above zero")
                            .arg(QLatin1String(prices[i].second), text(prices[i].first));
            return false;
        }
    }
    if (bar.adjustedClose && *bar.adjustedClose <= 0) {
        rejection
            = QStringLiteral("adj close %1 is not above zero").arg(text(m_layout.adjustedClose));
        return false;
    }
    if (bar.low > std::min(bar.open, bar.close)) {
        rejection = QStringLiteral("low %1 is above min(open, close) %2")
                        .arg(text(m_layout.low),
                            text(bar.open < bar.close ? m_layout.open : m_layout.close));
        return false;
    }
    if (bar.high < std::max(bar.open, bar.close)) {
        rejection = QStringLiteral("high %1 is below max(open, close) %2")
                        .arg(text(m_layout.high),
                            text(bar.open > bar.close ? m_layout.open : m_layout.close));
        return false;
    }
    if (bar.volume && *bar.volume < 0) {
        rejection = QStringLiteral("volume %1 is negative").arg(text(m_layout.volume));
        return false;
    }
    if (bar.amount && *bar.amount < 0) {
        rejection = QStringLiteral("amount %1 is negative").arg(text(m_layout.amount));
        return false;
    }
    return true;
}
