#pragma once

#include <QMainWindow>

// The workbench's top-level window. It owns the panels and wires them to core's run controller;
// it holds no run logic of its own.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
};
