"""The geoparser's vocabulary and weights, read once from data/patterns/: toponym_cues.yml (the words around a
name that recognise.py reads) and geo_weights.yml (the thresholds and weights of recognise.py, gazetteer.py,
coherence.py and the Geoparser). See data/patterns/README.md."""
from __future__ import annotations

from functools import lru_cache

import yaml

from ..config import DATA_DIR

PATTERNS = DATA_DIR / "patterns"


@lru_cache(maxsize=None)
def _load(name: str) -> dict:
    return yaml.safe_load((PATTERNS / name).read_text(encoding="utf-8"))


def words(key: str) -> tuple[str, ...]:
    """One word list of toponym_cues.yml, in its written order; every entry must be a string (a bare `on` in
    the file would be YAML's boolean, and would silently never match)."""
    found = _load("toponym_cues.yml")[key]
    bad = [w for w in found if not isinstance(w, str)]
    if bad:
        raise ValueError(f"toponym_cues.yml: {key} has entries that are not strings (quote them): {bad}")
    return tuple(found)


def weights(section: str) -> dict:
    """One section of geo_weights.yml: name → number (or, for gazetteer.feature_prior, feature code → number)."""
    found = dict(_load("geo_weights.yml")[section])
    for name, value in found.items():
        values = value.values() if isinstance(value, dict) else [value]
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            raise ValueError(f"geo_weights.yml: {section}.{name} is not a number: {value!r}")
    return found
