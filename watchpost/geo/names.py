"""Place names for the spaCy EntityRuler: the curated supplement (places the model misses or mislabels)."""
from __future__ import annotations

from functools import lru_cache

from .sources import curated_rows

#: Feature codes whose places the ruler labels LOC or FAC rather than GPE.
LOC_FEATURES = {"MT", "MTS", "RGN", "PEN", "ZN", "VAL", "PLN", "DSRT", "ISL", "CONT", "SEA", "OCN"}
FAC_FEATURES = {"AIRB", "AIRP", "NVB", "MILB", "PSTB", "PRT", "BLDG"}


def ruler_label(feature: str) -> str:
    """GPE, LOC or FAC for a GeoNames feature code."""
    if feature in FAC_FEATURES:
        return "FAC"
    return "LOC" if feature in LOC_FEATURES else "GPE"


@lru_cache(maxsize=1)
def ruler_place_names() -> list[tuple[str, str]]:
    """(surface name, label) pairs: curated places with their alternate names.

    Country names are left to the statistical NER: as ruler patterns they would split "New Mexico" or "Mexico City".
    """
    out: dict[str, str] = {}
    for row in curated_rows():
        for name in row.names:
            out.setdefault(name, ruler_label(row.feature))
    return sorted(out.items())
