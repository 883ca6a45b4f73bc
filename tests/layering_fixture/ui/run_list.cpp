// Planted for the layering test: a widget source that reaches Qt SQL through a core header.
#include "data/run_store.h"
