"""What the dashboard's map needs beyond event clusters: events placed only at a province or a
country, one group per administrative unit (however the reports spelled it: "Idlib", "Idlib
Governorate"), and the names of towns to print on the map at high zoom, from the gazetteer."""
from __future__ import annotations

import re
from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, Query

from .params import Filters, box
from .pool import ReadStore

router = APIRouter(tags=["map"])
ADMIN_WORDS = re.compile(r"\b(governorate|province|oblast|region|state|district|department|prefecture|county|"
                         r"muhafazah|muhafazat|wilayah|vilayet|raion|rayon)\b|[^\w]+")
MAX_LISTED = 100  # events listed for one area
LABEL_MIN_ZOOM = 6  # below, the country outlines say enough and a town's name hides the events
LABEL_CELL_PX = 90  # one name per square of this many screen pixels, the biggest town's


def unit_key(country: str | None, admin1: str | None, location: str | None) -> str:
    """One key per administrative unit: the country and its province with words such as
    'Governorate' or 'Province' dropped; a country alone; a region by its name."""
    if admin1:
        return f"{country or ''}/{ADMIN_WORDS.sub('', admin1.lower())}"
    if country:
        return country
    return f"~{ADMIN_WORDS.sub('', (location or '').lower())}"


def level(admin1: str | None, country: str | None) -> str:
    return "province" if admin1 else "country" if country else "region"


def counts() -> dict[str, Any]:
    return {"events": 0, "types": Counter(), "statuses": Counter()}


def add(entry: dict[str, Any], row: dict[str, Any]) -> None:
    entry["events"] += row["n"]
    entry["types"][row["type"]] += row["n"]
    entry["statuses"][row["status"]] += row["n"]


@router.get("/events/areas")
def event_areas(filters: Filters, store: ReadStore) -> dict:
    """Filtered events placed only at a province, a country or a larger region, grouped by
    administrative unit: per unit its name (the shortest the reports use), level, a position
    to draw it at (the one most of its events carry), the counts by type and status, and its
    `members`: the positions its events carry, with their counts (/events/clusters draws the
    same events at those points). `key` names the unit for `/events/areas/events`."""
    groups: dict[str, dict[str, Any]] = {}
    for r in store.area_events(filters, grouped=True):
        key = unit_key(r["country"], r["admin1"], r["location"])
        g = groups.setdefault(key, {"key": key, "country": r["country"], "level": level(r["admin1"], r["country"]),
                                    "names": Counter(), "members": {}, **counts()})
        add(g, r)
        g["names"][r["admin1"] or r["location"] or r["country"]] += r["n"]
        add(g["members"].setdefault((r["latitude"], r["longitude"]), {"lat": r["latitude"], "lon": r["longitude"], **counts()}), r)
    out = []
    for g in groups.values():
        names, members = g.pop("names"), sorted(g.pop("members").values(), key=lambda m: -m["events"])
        out.append({**g, "name": min(names, key=lambda n: (len(n), n)), "names": sorted(names),
                    "lat": members[0]["lat"], "lon": members[0]["lon"], "members": members})
    return {"areas": sorted(out, key=lambda a: -a["events"])}


@router.get("/events/areas/events")
def area_events(filters: Filters, store: ReadStore, key: Annotated[str, Query(max_length=300)],
                limit: Annotated[int, Query(ge=1, le=MAX_LISTED)] = MAX_LISTED) -> dict:
    """The filtered events of one area of `/events/areas`, oldest first: id, type, status, dates and place."""
    rows = store.area_events(filters)
    found = sorted((r for r in rows if unit_key(r["country"], r["admin1"], r["location"]) == key),
                   key=lambda r: (r["date_start"] or r["first_reported"] or "", r["id"]))
    return {"key": key, "total": len(found), "events": found[:limit]}


@router.get("/places")
def place_names(view: Annotated[str, Query(description="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT of the map")],
                zoom: Annotated[int, Query(ge=0, le=22)]) -> dict:
    """Towns and villages to label the map with, from the offline gazetteer: in the view, the
    most populous in each square of about LABEL_CELL_PX pixels; none below LABEL_MIN_ZOOM."""
    west, south, east, north = box(view, "view")
    if zoom < LABEL_MIN_ZOOM:
        return {"places": []}
    from ..geo.gazetteer import gazetteer

    rows = gazetteer().towns_in(south, north, west, east)
    cell = 360 / 2**zoom * LABEL_CELL_PX / 256  # degrees of longitude on 256-pixel tiles
    taken: set[tuple[int, int]] = set()
    places = []
    for name, lat, lon, population in rows:
        square = (int((lon + 180) // cell), int((lat + 90) // cell))
        if square not in taken:
            taken.add(square)
            places.append({"name": name, "lat": lat, "lon": lon, "population": population})
    return {"places": places}
