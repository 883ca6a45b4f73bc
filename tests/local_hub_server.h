#pragma once

#include <QByteArray>
#include <QHash>
#include <QTcpServer>
#include <QTcpSocket>

// A minimal HTTP/1.1 server on 127.0.0.1 that answers like the Hugging Face hub for tests:
// `/<repo>/resolve/<revision>/<file>` redirects (302, with X-Linked-Etag for weights) to
// `/cdn/<file>`, which serves the bytes and honours `Range: bytes=N-` with 206. Never touches
// anything but loopback.
class LocalHubServer : public QObject
{
    Q_OBJECT

public:
    struct File
    {
        QByteArray bytes;
        QByteArray linkedEtag; // sent on the redirect, as the hub does for large files
        qint64 cutAfter = -1; // close the connection after this many body bytes (once)
    };

    LocalHubServer()
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
        });
    }

    QString baseUrl() const
    {
        return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort());
    }
    void addFile(const QString &repo, const QString &name, const File &file)
    {
        m_files[repo + QLatin1Char('/') + name] = file;
    }
    QList<QByteArray> rangesSeen() const { return m_ranges; }

private:
    void serve(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        if (!buffer.contains("\r\n\r\n"))
            return;
        const QList<QByteArray> lines = buffer.left(buffer.indexOf("\r\n\r\n")).split('\n');
        m_buffers.remove(socket);
        const QByteArray path = lines.value(0).split(' ').value(1);
        QByteArray range;
        for (const QByteArray &line : lines)
            if (line.toLower().startsWith("range:"))
                range = line.mid(6).trimmed();

        const QByteArray resolve = "/resolve/";
        if (path.contains(resolve)) {
            const QByteArray repo = path.mid(1, path.indexOf(resolve) - 1);
            const QByteArray rest = path.mid(path.indexOf(resolve) + resolve.size());
            const QByteArray name = rest.mid(rest.indexOf('/') + 1);
            const auto found = m_files.find(QString::fromLatin1(repo + '/' + name));
            if (found == m_files.end())
                return reply(socket, "404 Not Found", {}, "Entry not found");
            QList<QByteArray> headers { "Location: /cdn/" + repo + "/" + name };
            if (!found->linkedEtag.isEmpty())
                headers << "X-Linked-Etag: \"" + found->linkedEtag + "\"";
            return reply(socket, "302 Found", headers, {});
        }
        const QByteArray key = path.mid(QByteArray("/cdn/").size());
        auto found = m_files.find(QString::fromLatin1(key));
        if (found == m_files.end())
            return reply(socket, "404 Not Found", {}, "no such object");
        qint64 start = 0;
        if (range.startsWith("bytes=")) {
            m_ranges << range;
            start = range.mid(6, range.indexOf('-') - 6).toLongLong();
        }
        const QByteArray body = found->bytes.mid(start);
        QList<QByteArray> headers;
        if (start > 0)
            headers << "Content-Range: bytes " + QByteArray::number(start) + "-"
                    + QByteArray::number(found->bytes.size() - 1) + "/"
                    + QByteArray::number(found->bytes.size());
        const qint64 cut = found->cutAfter;
        found->cutAfter = -1;
        reply(socket, start > 0 ? "206 Partial Content" : "200 OK", headers, body, cut);
    }

    void reply(QTcpSocket *socket, const QByteArray &status, QList<QByteArray> headers,
        const QByteArray &body, qint64 cutAfter = -1)
    {
        headers << "Content-Length: " + QByteArray::number(body.size()) << "Connection: close";
        QByteArray response = "HTTP/1.1 " + status + "\r\n";
        for (const QByteArray &header : headers)
            response += header + "\r\n";
        response += "\r\n" + (cutAfter >= 0 ? body.left(cutAfter) : body);
        socket->write(response);
        socket->flush();
        socket->disconnectFromHost();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

    QTcpServer m_server;
    QHash<QString, File> m_files;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<QByteArray> m_ranges;
};
