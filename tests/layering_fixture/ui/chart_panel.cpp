// Planted for the layering test: a widget source that reaches libtorch through a core header.
#include "model/engine_internals.h"
