#include "cli/scoring_run_options.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

ScoringRunOptions::ScoringRunOptions(QCommandLineParser &parser)
    : m_run(parser)
{
    parser.addOptions({ m_batchSize, m_name, m_spec });
}

bool ScoringRunOptions::read(const QCommandLineParser &parser, RunSpec &spec, QString &error) const
{
    if (parser.isSet(m_spec)) {
        QStringList given = m_run.given(parser);
        for (const QCommandLineOption *option : { &m_batchSize, &m_name })
            if (parser.isSet(*option))
                given << option->names().first();
        if (!given.isEmpty()) {
            error = QStringLiteral("--spec holds the whole run: give no other run option (got "
                                   "--%1)")
                        .arg(given.join(QStringLiteral(", --")));
            return false;
        }
        return readSpecFile(parser.value(m_spec), spec, error);
    }
    if (parser.value(m_batchSize) == QLatin1String("auto")) {
        spec.batchSize = 0;
    } else {
        qint64 size = 0;
        if (!readPositiveOption(
                parser.value(m_batchSize), QStringLiteral("batch-size"), size, error))
            return false;
        spec.batchSize = int(size);
    }
    if (!m_run.read(parser, spec, error))
        return false;
    spec.name = parser.value(m_name);
    return true;
}

bool ScoringRunOptions::readSpecFile(const QString &path, RunSpec &spec, QString &error) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        error = QStringLiteral("%1 is not a run spec: %2").arg(path, parseError.errorString());
        return false;
    }
    if (!RunSpec::fromJson(document.object(), spec, error)) {
        error = QStringLiteral("%1: %2").arg(path, error);
        return false;
    }
    if (spec.shard) {
        error = QStringLiteral("%1 is the spec of shard %2; give the whole run's")
                    .arg(path, spec.shard->text());
        return false;
    }
    return true;
}
