#include "data/import_report.h"

#include <algorithm>
#include <numeric>

namespace {

template <typename Member> qint64 sum(const QList<FileImportReport> &files, Member member)
{
    return std::accumulate(files.cbegin(), files.cend(), qint64(0),
        [member](qint64 total, const FileImportReport &file) { return total + file.*member; });
}

QString counts(qint64 read, qint64 imported, qint64 replaced, qint64 rejected)
{
    return QStringLiteral("%1 read, %2 imported, %3 replaced, %4 rejected")
        .arg(read)
        .arg(imported)
        .arg(replaced)
        .arg(rejected);
}

} // namespace

QStringList FileImportReport::lines(qsizetype maxRejections) const
{
    QStringList result;
    if (!error.isEmpty()) {
        result.append(QStringLiteral("%1: rejected: %2").arg(file, error));
        return result;
    }
    QString summary = QStringLiteral("%1: %2 (%3)")
                          .arg(file, counts(read, imported, replaced, rejected), format);
    if (cancelled)
        summary += QStringLiteral(", cancelled: nothing stored");
    result.append(summary);
    const qsizetype shown
        = maxRejections < 0 ? rejections.size() : std::min(maxRejections, rejections.size());
    for (qsizetype i = 0; i < shown; ++i)
        result.append(QStringLiteral("%1:%2: %3")
                          .arg(file)
                          .arg(rejections.at(i).line)
                          .arg(rejections.at(i).reason));
    if (shown < rejections.size())
        result.append(QStringLiteral("%1: %2 more rejected rows not shown")
                          .arg(file)
                          .arg(rejections.size() - shown));
    return result;
}

QString UniverseChange::text() const
{
    // Long lists are cut: a first import into an empty database adds hundreds of tickers.
    constexpr qsizetype MaxNamed = 12;
    const auto named = [](const QStringList &tickers) {
        QString text = tickers.mid(0, MaxNamed).join(QStringLiteral(", "));
        if (tickers.size() > MaxNamed)
            text += QStringLiteral(" and %1 more").arg(tickers.size() - MaxNamed);
        return text;
    };
    QStringList parts;
    if (!added.isEmpty())
        parts << QStringLiteral("added %1").arg(named(added));
    if (!removed.isEmpty())
        parts << QStringLiteral("removed %1").arg(named(removed));
    return QStringLiteral("%1: %2 -> %3 members (%4)")
        .arg(universe)
        .arg(membersBefore)
        .arg(membersAfter())
        .arg(parts.join(QStringLiteral("; ")));
}

qint64 ImportReport::read() const
{
    return sum(files, &FileImportReport::read);
}

qint64 ImportReport::imported() const
{
    return sum(files, &FileImportReport::imported);
}

qint64 ImportReport::replaced() const
{
    return sum(files, &FileImportReport::replaced);
}

qint64 ImportReport::rejected() const
{
    return sum(files, &FileImportReport::rejected);
}

bool ImportReport::everythingImported() const
{
    if (cancelled)
        return false;
    return std::all_of(files.cbegin(), files.cend(), [](const FileImportReport &file) {
        return file.error.isEmpty() && !file.cancelled && file.rejected == 0;
    });
}

QString ImportReport::totalsLine() const
{
    return QStringLiteral("%1 file(s): %2%3")
        .arg(files.size())
        .arg(counts(read(), imported(), replaced(), rejected()),
            cancelled ? QStringLiteral(", cancelled") : QString());
}
