#pragma once

#include <QStringList>
#include <QTextStream>

// `kronos-cli models list | download REPO [--revision R] | verify [REPO] | remove REPO`:
// the checkpoint cache and Hugging Face downloads (HF_ENDPOINT overrides the hub's address).
int runModelsCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);
