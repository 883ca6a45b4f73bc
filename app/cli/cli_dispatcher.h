#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>
#include <functional>
#include <optional>

class QCommandLineParser;

// A `kronos-cli` subcommand. `run` receives the arguments after the command name, with the
// program name in front ("kronos-cli forecast"), as QCommandLineParser expects, and returns the
// process exit status.
struct CliCommand
{
    QString name;
    QString summary;
    std::function<int(const QStringList &arguments)> run;
};

// Routes `kronos-cli [--help|--version] <command> [options]` to the registered commands.
// Exit status 2 for a usage error, as command-line tools conventionally do.
class CliDispatcher
{
public:
    CliDispatcher(QTextStream &out, QTextStream &err);

    void add(CliCommand command);
    // `--version --verbose`, which names the libtorch and BLAS: printed by the engine program
    // (kronos-cli hands it over, as it does the engine commands); without one, the version line.
    void setVerboseVersion(std::function<int()> verboseVersion);
    int dispatch(const QStringList &arguments);

    // "kronos-cli (Kronos Workbench 0.1.0)\n", what --version prints.
    static QString versionText();

    static constexpr int UsageError = 2;

private:
    QString usage() const;

    QTextStream &m_out;
    QTextStream &m_err;
    QList<CliCommand> m_commands;
    std::function<int()> m_verboseVersion;
};

// The start every command shares: parses its arguments (program name first); a parse error is
// printed as "kronos-cli <command>: ..." and ends the command with CliDispatcher::UsageError,
// --help prints the command's help and ends it with 0. Returns nothing when the command goes on.
std::optional<int> parseCommandArguments(QCommandLineParser &parser, const QStringList &arguments,
    const QString &command, QTextStream &out, QTextStream &err);
