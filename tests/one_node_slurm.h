#pragma once

// A real Slurm cluster of one node for the `slurm` tests (see ../shared/notes/slurm-one-node.md):
// munged, slurmctld and slurmd started in the foreground as child processes, everything in a
// private folder, on free non-default ports, without accounting (jobs are followed with squeue
// and scontrol). The destructor cancels the jobs and stops every daemon by its pid; a daemon
// also gets SIGTERM when the test process dies (PR_SET_PDEATHSIG), so none outlives a crash.

#include "inference/memory_probe.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <algorithm>
#include <csignal>
#include <memory>
#include <sys/prctl.h>
#include <unistd.h>

class OneNodeSlurm
{
public:
    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    // Empty when this machine can run the cluster; otherwise why not.
    static QString unavailableReason()
    {
        QStringList missing;
        for (const char *program :
            { "munged", "slurmctld", "slurmd", "sbatch", "squeue", "scontrol", "scancel", "sinfo" })
            if (executable(QLatin1String(program)).isEmpty())
                missing << QLatin1String(program);
        if (!missing.isEmpty())
            return QStringLiteral("Slurm is not installed (missing %1; scripts/setup installs "
                                  "slurm-wlm and munge)")
                .arg(missing.join(QStringLiteral(", ")));
        if (::geteuid() != 0)
            return QStringLiteral("a one-node Slurm cluster runs its daemons as root; run the "
                                  "slurm tests as root (CI does)");
        return {};
    }

    OneNodeSlurm()
        : m_folder(QDir::tempPath() + QStringLiteral("/kw-slurm-XXXXXX"))
    {
    }

    ~OneNodeSlurm() { stop(); }

    QString folder() const { return m_folder.path(); }
    QString configPath() const { return m_folder.filePath(QStringLiteral("slurm.conf")); }

    // Starts the daemons and waits until the node is idle. Returns false with `error` set (the
    // daemons' logs appended) when it does not come up within a minute.
    bool start(QString &error)
    {
        if (!m_folder.isValid()) {
            error = QStringLiteral("cannot create a private folder");
            return false;
        }
        for (const char *sub : { "state", "spool", "log" })
            QDir(m_folder.path()).mkpath(QLatin1String(sub));
        if (!writeMungeKey(error) || !writeConfig(error))
            return false;
        const QString d = m_folder.path();
        startDaemon(QStringLiteral("munged"),
            { QStringLiteral("-F"), QStringLiteral("--key-file=%1/munge.key").arg(d),
                QStringLiteral("--socket=%1/munge.sock").arg(d),
                QStringLiteral("--pid-file=%1/munged.pid").arg(d),
                QStringLiteral("--log-file=%1/log/munged.log").arg(d),
                QStringLiteral("--seed-file=%1/munge.seed").arg(d), QStringLiteral("--force") });
        if (!waitFor([&] { return QFile::exists(d + QStringLiteral("/munge.sock")); }, 30000)) {
            error = QStringLiteral("munged did not create its socket") + logs();
            return false;
        }
        startDaemon(QStringLiteral("slurmctld"), { QStringLiteral("-D"), QStringLiteral("-c") });
        startDaemon(
            QStringLiteral("slurmd"), { QStringLiteral("-D"), QStringLiteral("-N"), host() });
        const bool idle = waitFor(
            [&] {
                return run(QStringLiteral("sinfo"), { "-h", "-o", "%T" }).out.trimmed()
                    == QLatin1String("idle");
            },
            60000);
        if (!idle)
            error = QStringLiteral("the node did not become idle within a minute") + logs();
        return idle;
    }

    // The environment the cluster's commands (and sbatch's jobs) need: SLURM_CONF.
    QProcessEnvironment environment() const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("SLURM_CONF"), configPath());
        return environment;
    }

    Result run(const QString &program, const QStringList &arguments, int timeoutMs = 60000) const
    {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(executable(program), arguments);
        Result result;
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
            result.err = program + QStringLiteral(" did not finish");
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    // Whether squeue still lists a job (or array task) of `jobId` (pending, running, completing).
    bool isQueued(const QString &jobId) const
    {
        return !run(QStringLiteral("squeue"), { "-h", "-o", "%i", "-j", jobId })
                    .out.trimmed()
                    .isEmpty();
    }

    // Waits until none of `jobIds` is queued; false after `timeoutMs`.
    bool waitUntilDone(const QStringList &jobIds, int timeoutMs) const
    {
        return waitFor(
            [&] {
                for (const QString &id : jobIds)
                    if (isQueued(id))
                        return false;
                return true;
            },
            timeoutMs);
    }

    // JobState of each job of `jobId` (an array: one per task), as scontrol keeps them for an
    // hour after they end (MinJobAge): "COMPLETED", "CANCELLED",
    // "PENDING:DependencyNeverSatisfied".
    QStringList jobStates(const QString &jobId) const
    {
        QStringList states;
        const QString text = run(QStringLiteral("scontrol"), { "show", "job", "-o", jobId }).out;
        for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QString state = field(line, QStringLiteral("JobState"));
            states << (state == QLatin1String("PENDING")
                    ? state + QLatin1Char(':') + field(line, QStringLiteral("Reason"))
                    : state);
        }
        return states;
    }

    // Polls `done` (no scheduler signals a client): true once it holds, false after `timeoutMs`.
    template <typename Condition> static bool waitFor(Condition done, int timeoutMs)
    {
        const QDeadlineTimer deadline(timeoutMs);
        while (!done()) {
            if (deadline.hasExpired())
                return false;
            QThread::msleep(200);
        }
        return true;
    }

    // The last lines of every daemon log, for failure messages.
    QString logs() const
    {
        QString text;
        for (const QFileInfo &log :
            QDir(m_folder.filePath(QStringLiteral("log"))).entryInfoList(QDir::Files)) {
            QFile file(log.filePath());
            file.open(QIODevice::ReadOnly);
            const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
            text += QStringLiteral("\n--- %1\n%2")
                        .arg(log.fileName(), lines.mid(lines.size() - 15).join('\n'));
        }
        return text;
    }

private:
    static QString executable(const QString &name)
    {
        return QStandardPaths::findExecutable(name,
            { QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin"), QStringLiteral("/sbin"),
                QStringLiteral("/bin"), QStringLiteral("/usr/local/sbin"),
                QStringLiteral("/usr/local/bin") });
    }

    static QString field(const QString &line, const QString &name)
    {
        for (const QString &word : line.split(QLatin1Char(' ')))
            if (word.startsWith(name + QLatin1Char('=')))
                return word.section(QLatin1Char('='), 1);
        return {};
    }

    static QString host() { return QSysInfo::machineHostName().section(QLatin1Char('.'), 0, 0); }

    bool writeMungeKey(QString &error)
    {
        QFile key(m_folder.filePath(QStringLiteral("munge.key")));
        QByteArray bytes(1024, Qt::Uninitialized);
        QRandomGenerator::system()->fillRange(
            reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / int(sizeof(quint32)));
        if (!key.open(QIODevice::WriteOnly) || key.write(bytes) != bytes.size()) {
            error = QStringLiteral("cannot write the munge key");
            return false;
        }
        key.close();
        key.setPermissions(QFile::ReadOwner);
        return true;
    }

    // Two free ports, neither Slurm's default (6817/6818).
    static QList<quint16> freePorts()
    {
        QTcpServer first;
        QTcpServer second;
        first.listen(QHostAddress::LocalHost, 0);
        second.listen(QHostAddress::LocalHost, 0);
        return { first.serverPort(), second.serverPort() };
    }

    bool writeConfig(QString &error)
    {
        const QString d = m_folder.path();
        const QList<quint16> ports = freePorts();
        // The node as it is (slurmd drains a node configured larger than the machine).
        const qint64 memoryMb = std::min<qint64>(
            16000, kronos::MemoryProbe::physicalMemoryBytes() / 1048576 * 8 / 10);
        const QString config
            = QStringLiteral("ClusterName=kwtest\n"
                             "SlurmctldHost=%1(127.0.0.1)\n"
                             "SlurmUser=root\n"
                             "SlurmctldPort=%2\n"
                             "SlurmdPort=%3\n"
                             "AuthType=auth/munge\n"
                             "AuthInfo=socket=%4/munge.sock\n"
                             "CredType=cred/munge\n"
                             "StateSaveLocation=%4/state\n"
                             "SlurmdSpoolDir=%4/spool\n"
                             "SlurmctldPidFile=%4/slurmctld.pid\n"
                             "SlurmdPidFile=%4/slurmd.pid\n"
                             "SlurmctldLogFile=%4/log/slurmctld.log\n"
                             "SlurmdLogFile=%4/log/slurmd.log\n"
                             "ProctrackType=proctrack/linuxproc\n"
                             "TaskPlugin=task/none\n"
                             "SelectType=select/cons_tres\n"
                             "SelectTypeParameters=CR_Core_Memory\n"
                             "SchedulerType=sched/backfill\n"
                             "ReturnToService=2\n"
                             "MpiDefault=none\n"
                             "JobAcctGatherType=jobacct_gather/none\n"
                             "MinJobAge=3600\n"
                             "NodeName=%1 NodeAddr=127.0.0.1 CPUs=%5 RealMemory=%6 State=UNKNOWN\n"
                             "PartitionName=main Nodes=%1 Default=YES MaxTime=INFINITE State=UP\n")
                  .arg(host())
                  .arg(ports.at(0))
                  .arg(ports.at(1))
                  .arg(d)
                  .arg(QThread::idealThreadCount())
                  .arg(memoryMb);
        QFile file(configPath());
        if (!file.open(QIODevice::WriteOnly) || file.write(config.toUtf8()) < 0) {
            error = QStringLiteral("cannot write slurm.conf");
            return false;
        }
        return true;
    }

    void startDaemon(const QString &name, const QStringList &arguments)
    {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(environment());
        process->setProcessChannelMode(QProcess::MergedChannels);
        process->setStandardOutputFile(m_folder.filePath(QStringLiteral("log/%1.out").arg(name)));
        process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        process->start(executable(name), arguments);
        process->waitForStarted();
        m_daemons.push_back(std::move(process));
    }

    void stop()
    {
        if (m_daemons.empty())
            return;
        // Jobs first, while slurmd can still signal them.
        if (m_daemons.size() == 3) {
            run(QStringLiteral("scancel"), { "--full", "--user", "root" });
            waitFor([&] { return run(QStringLiteral("squeue"), { "-h" }).out.trimmed().isEmpty(); },
                30000);
        }
        for (auto daemon = m_daemons.rbegin(); daemon != m_daemons.rend(); ++daemon) {
            (*daemon)->terminate(); // SIGTERM to its pid
            if (!(*daemon)->waitForFinished(15000)) {
                (*daemon)->kill();
                (*daemon)->waitForFinished(5000);
            }
        }
        m_daemons.clear();
    }

    QTemporaryDir m_folder;
    std::vector<std::unique_ptr<QProcess>> m_daemons; // munged, slurmctld, slurmd
};
