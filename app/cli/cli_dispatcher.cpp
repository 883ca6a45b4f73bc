#include "cli/cli_dispatcher.h"

#include "identity/app_identity.h"

#include <QCommandLineParser>

CliDispatcher::CliDispatcher(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{
}

void CliDispatcher::add(CliCommand command)
{
    m_commands.append(std::move(command));
}

void CliDispatcher::setVerboseVersion(std::function<int()> verboseVersion)
{
    m_verboseVersion = std::move(verboseVersion);
}

QString CliDispatcher::versionText()
{
    return QStringLiteral("kronos-cli (%1)\n").arg(AppIdentity::versionLine());
}

int CliDispatcher::dispatch(const QStringList &arguments)
{
    const QString first = arguments.value(1);
    if (first.isEmpty()) {
        m_err << usage();
        return UsageError;
    }
    if (first == QLatin1String("--help") || first == QLatin1String("-h")
        || first == QLatin1String("help")) {
        const QString topic = arguments.value(2);
        if (topic.isEmpty()) {
            m_out << usage();
            return 0;
        }
        return dispatch({ arguments.value(0), topic, QStringLiteral("--help") });
    }
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        if (arguments.contains(QLatin1String("--verbose")) && m_verboseVersion) {
            m_out.flush();
            return m_verboseVersion();
        }
        m_out << versionText();
        return 0;
    }
    for (const CliCommand &command : m_commands) {
        if (command.name == first) {
            QStringList rest = arguments.mid(2);
            rest.prepend(arguments.value(0) + QLatin1Char(' ') + command.name);
            m_out.flush();
            return command.run(rest);
        }
    }
    m_err << "kronos-cli: unknown command '" << first << "'\n\n" << usage();
    return UsageError;
}

QString CliDispatcher::usage() const
{
    QString text
        = QStringLiteral("Usage: kronos-cli <command> [options]\n"
                         "       kronos-cli --version [--verbose] | --help | help <command>\n\n"
                         "Headless Kronos Workbench: forecast, import, score, evaluate.\n\n"
                         "Commands:\n");
    int width = 0;
    for (const CliCommand &command : m_commands)
        width = std::max(width, int(command.name.size()));
    for (const CliCommand &command : m_commands)
        text
            += QStringLiteral("  %1  %2\n").arg(command.name.leftJustified(width), command.summary);
    if (m_commands.isEmpty())
        text += QStringLiteral("  (none yet)\n");
    text += QStringLiteral("\nRun 'kronos-cli <command> --help' for a command's options.\n");
    return text;
}

std::optional<int> parseCommandArguments(QCommandLineParser &parser, const QStringList &arguments,
    const QString &command, QTextStream &out, QTextStream &err)
{
    if (!parser.parse(arguments)) {
        err << "kronos-cli " << command << ": " << parser.errorText() << "\n";
        return CliDispatcher::UsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return 0;
    }
    return std::nullopt;
}
