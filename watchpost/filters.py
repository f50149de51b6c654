"""Filter values as users type them, shared by `watchpost events` and the HTTP API.

Each parser raises ValueError with a message fit to show the user; the CLI and the API
turn it into their own kind of refusal (a usage error, a 400).
"""
from __future__ import annotations

import math


def numbers(text: str, n: int, name: str) -> tuple[float, ...]:
    """`n` comma-separated numbers ('--bbox 35,34,38,37')."""
    try:
        values = tuple(float(x) for x in text.split(","))
    except ValueError:
        values = ()
    if len(values) != n or not all(math.isfinite(v) for v in values):
        raise ValueError(f"{name}: {text!r} is not {n} comma-separated numbers")
    return values


def resolve_near(place: str) -> tuple[float, float]:
    """'LAT,LON' as given, else the geoparser's best resolution of the name."""
    try:
        lat, lon = (float(part) for part in place.split(","))
    except ValueError:
        pass
    else:
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # also refuses nan and inf
            raise ValueError(f"{place!r} is not LAT,LON with -90 <= LAT <= 90 and -180 <= LON <= 180")
        return lat, lon
    from .geo import Geoparser

    found = Geoparser().resolve(place)
    if found is None or found.lat is None:
        raise ValueError(f"cannot place {place!r}")
    return found.lat, found.lon
