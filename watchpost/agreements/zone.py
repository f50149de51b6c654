"""Where an agreement applies: GeoJSON areas (polygons) and/or a list of named places.

A point is inside an area by the even-odd rule over its rings (holes count); it is at a place
when it lies within the radius that place's precision allows (15 km for a town, 50 km for a
district), or, for a province or larger, in the same country and first-level division.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..geodesy import km
from ..merge.events import RADIUS_KM
from ..store import around

Ring = list[list[float]]  # [[lon, lat], ...] as GeoJSON writes them


@dataclass
class ZonePlace:
    """A named place an agreement covers."""

    name: str
    lat: float
    lon: float
    country: str | None = None
    admin1: str | None = None
    precision: int = 1

    def holds(self, lat: float, lon: float, country: str | None, admin1: str | None) -> bool:
        if self.precision >= 3 and self.admin1:
            return (country, admin1) == (self.country, self.admin1)
        return km(self.lat, self.lon, lat, lon) <= RADIUS_KM.get(self.precision, RADIUS_KM[3])


def inside(lon: float, lat: float, rings: list[Ring]) -> bool:
    """Even-odd ray casting over a polygon's rings: the outer ring and its holes."""
    hit = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                hit = not hit
    return hit


def polygons(geometry: dict[str, Any]) -> list[list[Ring]]:
    """The polygons of a Polygon or MultiPolygon geometry."""
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        return [coords]
    if kind == "MultiPolygon":
        return list(coords)
    raise ValueError(f"zone geometry must be a Polygon or MultiPolygon, not {kind!r}")


def feature_collection(geojson: dict[str, Any]) -> dict[str, Any]:
    """Any GeoJSON zone (geometry, Feature or FeatureCollection) as a FeatureCollection whose
    features each carry a `name`; raises ValueError on anything that is not an area."""
    kind = geojson.get("type")
    if kind == "FeatureCollection":
        features = geojson.get("features") or []
    elif kind == "Feature":
        features = [geojson]
    else:
        features = [{"type": "Feature", "properties": {}, "geometry": geojson}]
    out = []
    for i, feature in enumerate(features):
        geometry = feature.get("geometry") or {}
        for polygon in polygons(geometry):
            for ring in polygon:
                if len(ring) < 4 or any(len(p) < 2 or not all(isinstance(v, (int, float)) for v in p[:2]) for p in ring):
                    raise ValueError(f"zone feature {i}: a ring needs at least 4 [lon, lat] positions")
        name = (feature.get("properties") or {}).get("name") or f"area {i + 1}"
        out.append({"type": "Feature", "properties": {**(feature.get("properties") or {}), "name": name}, "geometry": geometry})
    if not out:
        raise ValueError("zone has no features")
    return {"type": "FeatureCollection", "features": out}


@dataclass
class Zone:
    """An agreement's areas (a GeoJSON FeatureCollection, or None) and places."""

    areas: dict[str, Any] | None = None
    places: list[ZonePlace] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.areas or self.places)

    def containing(self, lat: float, lon: float, country: str | None = None, admin1: str | None = None) -> list[str]:
        """Names of the areas and places that contain the point (empty: outside the zone)."""
        names = [f["properties"]["name"] for f in (self.areas or {}).get("features", [])
                 if any(inside(lon, lat, rings) for rings in polygons(f["geometry"]))]
        return names + [p.name for p in self.places if p.holds(lat, lon, country, admin1)]

    def bbox(self) -> tuple[float, float, float, float] | None:
        """(min lon, min lat, max lon, max lat) around everything, or None when a province-wide
        place makes the zone a matter of names rather than coordinates."""
        boxes = []
        for feature in (self.areas or {}).get("features", []):
            points = [p for rings in polygons(feature["geometry"]) for ring in rings for p in ring]
            boxes.append((min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points), max(p[1] for p in points)))
        for place in self.places:
            if place.precision >= 3 and place.admin1:
                return None
            boxes.append(around(place.lat, place.lon, RADIUS_KM.get(place.precision, RADIUS_KM[3])))
        if not boxes:
            return None
        return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)
