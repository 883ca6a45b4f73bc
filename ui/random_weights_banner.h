#pragma once

#include <QLabel>

// The warning shown above everything while no checkpoint is configured: the run uses seeded
// random weights, so its scores mean nothing, and this is how to get real ones. It cannot be
// closed — it goes away only when a checkpoint is chosen. GUI thread only.
class RandomWeightsBanner : public QLabel
{
    Q_OBJECT

public:
    explicit RandomWeightsBanner(QWidget *parent = nullptr);
};
