"""Aggregates over filtered events for the API: counts, map grid clusters, actors and dyads,
timeline buckets. Each query extends `EventFilter.where()` and runs through the Store with
parameters only."""
from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from functools import lru_cache
from typing import Any

from ..store import EventFilter, Store, around

EARTH_KM = 6371.0
CELL_PX = 64  # a map cluster cell, in screen pixels of 256-pixel web-mercator tiles
MICRO = 1_000_000  # grid arithmetic in integer micro-degrees, portable across SQLite and PostgreSQL
DAY = "coalesce(date_start, first_reported)"  # the day an event is counted on, as Store.timeline does
PLACED = "latitude IS NOT NULL AND longitude IS NOT NULL"
PLACE_INDEX_DEG2 = 400.0  # boxes up to this many square degrees (Syria is about 50) read the place index


def selection(store: Store, filters: EventFilter, covered: bool = False) -> tuple[str, list[Any]]:
    """`events WHERE <the filter's clauses>` and its parameters, with `near` as the exact
    great-circle distance `query_events` applies. SQLite gets told how to read: a box of a
    country's size or less has the place index; a `covered` query (one that reads no column but
    the day, type and status) over statuses, types, source counts and dates reads the narrow
    `events_by_day` index alone; anything else reads the table straight through. Left to itself
    SQLite walks an index on an unselective column (or a world-sized box) and fetches most rows
    one by one, several times slower."""
    sql, params = filters.where()
    box = filters.bbox or (filters.near and around(*filters.near, filters.radius_km))
    if filters.near:
        lat, lon = filters.near
        # haversine: distance <= r  <=>  sin²(dlat/2) + cos(lat1)·cos(lat2)·sin²(dlon/2) <= sin²(r / 2R)
        sql += (" AND sin(radians(latitude - ?) / 2) * sin(radians(latitude - ?) / 2)"
                " + cos(radians(?)) * cos(radians(latitude)) * sin(radians(longitude - ?) / 2) * sin(radians(longitude - ?) / 2)"
                " <= ?")
        params += [lat, lat, lat, lon, lon, math.sin(min(filters.radius_km / EARTH_KM / 2, math.pi / 2)) ** 2]
    how = ""
    if store.dialect == "sqlite" and not (box and (box[2] - box[0]) * (box[3] - box[1]) <= PLACE_INDEX_DEG2):
        narrow = covered and not (box or filters.actor or filters.country or filters.source)
        how = " INDEXED BY events_by_day" if narrow else " NOT INDEXED"
    return f"events{how} WHERE {sql}", params


def count_events(store: Store, filters: EventFilter) -> int:
    """How many events match the filters."""
    sql, params = selection(store, filters, covered=True)
    return store.rows(f"SELECT count(*) AS n FROM {sql}", params)[0]["n"]


def cell_degrees(zoom: int) -> float:
    """The side of a cluster cell at this map zoom level, in degrees of longitude."""
    return 360.0 / 2**zoom * CELL_PX / 256


def tally(entry: dict[str, Any], row: dict[str, Any]) -> None:
    """Add one (type, status) group row to a cell or bucket."""
    entry["events"] += row["n"]
    entry["types"][row["type"]] += row["n"]
    entry["statuses"][row["status"]] += row["n"]


def counted() -> dict[str, Any]:
    """An empty cell or bucket."""
    return {"events": 0, "types": Counter(), "statuses": Counter()}


def clusters(store: Store, filters: EventFilter, zoom: int) -> list[dict[str, Any]]:
    """Placed events binned on a grid that fits the zoom level: per cell the count, the mean
    position, the extent, counts by type and status, and the event id where the cell holds one."""
    sql, params = selection(store, filters)
    step = max(1, round(cell_degrees(zoom) * MICRO))
    rows = store.rows(
        f"SELECT CAST((longitude + 180) * {MICRO} AS INTEGER) / ? AS gx, CAST((latitude + 90) * {MICRO} AS INTEGER) / ? AS gy, "
        "type, status, count(*) AS n, sum(latitude) AS lat, sum(longitude) AS lon, min(id) AS id, "
        "min(longitude) AS west, min(latitude) AS south, max(longitude) AS east, max(latitude) AS north "
        f"FROM {sql} AND {PLACED} GROUP BY gx, gy, type, status", [step, step, *params])
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    for r in rows:
        cell = cells.setdefault((r["gx"], r["gy"]), {**counted(), "lat": 0.0, "lon": 0.0, "id": r["id"],
                                                     "bbox": [r["west"], r["south"], r["east"], r["north"]]})
        tally(cell, r)
        cell["lat"] += r["lat"]
        cell["lon"] += r["lon"]
        box = cell["bbox"]
        cell["bbox"] = [min(box[0], r["west"]), min(box[1], r["south"]), max(box[2], r["east"]), max(box[3], r["north"])]
    out = [{**cell, "lat": cell["lat"] / cell["events"], "lon": cell["lon"] / cell["events"],
            "id": cell["id"] if cell["events"] == 1 else None}
           for cell in cells.values()]
    return sorted(out, key=lambda c: -c["events"])


PAIR = ("actor1", "actor1_country", "actor1_kind", "actor2", "actor2_country", "actor2_kind")


def actors_and_dyads(store: Store, filters: EventFilter, limit: int) -> dict[str, list[dict[str, Any]]]:
    """Each actor (name, country, kind) with the number of filtered events it takes part in, and
    the actor1 → actor2 dyads with their event and reported fatality counts; most events first.
    Both come from one grouping of the events by their pair of actors."""
    sql, params = selection(store, filters)
    pairs = store.rows(f"SELECT {', '.join(PAIR)}, count(*) AS events, sum(coalesce(fatalities, 0)) AS fatalities FROM {sql} "
                       f"AND (actor1 IS NOT NULL OR actor2 IS NOT NULL) GROUP BY {', '.join(PAIR)}", params)
    counts: Counter[tuple[str, str | None, str | None]] = Counter()
    for p in pairs:
        one, two = (p["actor1"], p["actor1_country"], p["actor1_kind"]), (p["actor2"], p["actor2_country"], p["actor2_kind"])
        for actor in {one, two}:  # an actor on both sides of an event counts once
            if actor[0] is not None:
                counts[actor] += p["events"]
    actors = [{"name": name, "country": country, "kind": kind, "events": n} for (name, country, kind), n in counts.items()]
    dyads = [p for p in pairs if p["actor1"] is not None and p["actor2"] is not None]
    return {"actors": sorted(actors, key=lambda a: (-a["events"], a["name"]))[:limit],
            "dyads": sorted(dyads, key=lambda d: (-d["events"], d["actor1"], d["actor2"]))[:limit]}


@lru_cache(maxsize=65536)
def bucket(day: str, interval: str) -> str:
    """The first day of the day, ISO week (Monday) or month holding `day`."""
    date = dt.date.fromisoformat(day[:10])
    if interval == "week":
        date -= dt.timedelta(days=date.weekday())
    elif interval == "month":
        date = date.replace(day=1)
    return date.isoformat()


def timeline(store: Store, filters: EventFilter, interval: str) -> list[dict[str, Any]]:
    """Events per day, week or month, with counts by type and status."""
    sql, params = selection(store, filters, covered=True)
    rows = store.rows(f"SELECT {DAY} AS day_key, type, status, count(*) AS n FROM {sql} AND {DAY} IS NOT NULL "
                      "GROUP BY day_key, type, status", params)
    buckets: dict[str, dict[str, Any]] = {}
    for r in rows:
        key = bucket(r["day_key"], interval)
        tally(buckets.setdefault(key, {"date": key, **counted()}), r)
    return [buckets[key] for key in sorted(buckets)]
