#include "workbench/market_catalog.h"

const UniverseInfo *MarketCatalog::find(const QString &name) const
{
    for (const UniverseInfo &universe : universes) {
        if (universe.name == name)
            return &universe;
    }
    return nullptr;
}
