#include "ui/random_weights_banner.h"

RandomWeightsBanner::RandomWeightsBanner(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("randomWeightsBanner"));
    setWordWrap(true);
    setOpenExternalLinks(true);
    setTextFormat(Qt::RichText);
    setTextInteractionFlags(Qt::TextBrowserInteraction);
    // Fixed colours on purpose: white on dark red reads the same in light and dark palettes.
    setStyleSheet(QStringLiteral("QLabel { background: #b71c1c; color: white; padding: 8px; }"
                                 "QLabel a { color: #ffe082; }"));
    setText(tr("<b>RANDOM WEIGHTS — THE SCORES OF THIS RUN ARE MEANINGLESS.</b> No checkpoint is "
               "configured, so the model is the Kronos-mini shape with seeded random weights: "
               "useful to try the workbench and measure speed and memory, not to judge stocks. "
               "For real forecasts, download a published checkpoint pair from NeoQuasar on "
               "Hugging Face — <a href=\"https://huggingface.co/NeoQuasar/Kronos-small\">"
               "Kronos-small</a> with <a href=\"https://huggingface.co/NeoQuasar/"
               "Kronos-Tokenizer-base\">Kronos-Tokenizer-base</a> (or Kronos-mini with "
               "Kronos-Tokenizer-2k) — with <i>Download checkpoints…</i> in Run setup, or choose "
               "the two folders there."));
    setToolTip(tr("Shown until a model and a tokenizer folder are chosen in Run setup"));
}
