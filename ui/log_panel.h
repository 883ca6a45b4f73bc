#pragma once

#include <QWidget>

class QPlainTextEdit;

// The run's warnings (skipped tickers with their reasons, out-of-memory backoffs, failures), one
// line each, newest last. GUI thread only.
class LogPanel : public QWidget
{
    Q_OBJECT

public:
    explicit LogPanel(QWidget *parent = nullptr);

    QString text() const;

public Q_SLOTS:
    void appendWarning(const QString &message);
    void appendError(const QString &message);
    void appendInfo(const QString &message);
    void clear();

private:
    void append(const QString &html);

    QPlainTextEdit *m_view;
};
