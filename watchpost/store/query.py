"""Reading events: the filters of `watchpost events` and of the API as SQL, pages in date order,
counts, the timeline, actors with their dyads, and map clusters.

Each aggregate reads the summary tables (write.py) when the filter asks only what they hold, and
the events otherwise. Reading the events, SQLite is told how: through the spatial index when
the place filter leaves fewer events than walking the date-ordered index `events_in_order`
would read, else that index (which holds every column the status, type, source-count, date,
country and place filters read, so those need no table lookups). Date filters read only the
stretch of that index that can hold a match, bounded by how far events' dates stray from the
day they are listed on (summary_dates).
"""
from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

from ..geodesy import EARTH_KM, km
from .db import marks, status_shifts
from .write import LEVELS, REAL, REAL_STATUSES, SOURCES_CAP, day_number, period

if TYPE_CHECKING:
    from .db import Database

DAY = "coalesce(date_start, first_reported)"  # the day an event is listed and counted on
PLACED = "latitude IS NOT NULL AND longitude IS NOT NULL"
CELL_PX = 64  # a map cluster cell, in screen pixels of 256-pixel web-mercator tiles
LOOKUP_COST = 12  # reading one event through the spatial index costs about twelve entries of the date-ordered index
MARGIN = 1e-6  # degrees around a strip of grid cells read through the spatial index (the grid test is exact)
NEAR_SLACK_KM = 0.06  # a 32-bit float in the R*Tree is within 0.0005 degrees (55 m) of the true coordinate
PAIR = ("actor1", "actor1_country", "actor1_kind", "actor2", "actor2_country", "actor2_kind")


@dataclass
class EventFilter:
    """What `query_events` selects; every field is optional. Statuses default to real events."""

    types: Sequence[str] = ()
    statuses: Sequence[str] | None = REAL_STATUSES  # None: every status
    actor: str | None = None  # substring of either actor's name, case-insensitive
    country: str | None = None  # ISO3 of the place or of either actor
    since: str | None = None
    until: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    near: tuple[float, float] | None = None  # lat, lon
    radius_km: float = 50.0
    source: str | None = None  # a document id or source name behind the event
    min_sources: int = 1
    ingested_since: str | None = None  # UTC time: events a document stored since then reports
    agreement: str | None = None  # events linked to this agreement as violations
    violation: str | None = None  # with `agreement`: only "observed" or only "accused" ones
    lead: bool = False  # only events that some document's headline and first paragraph report
    limit: int | None = None
    offset: int = 0

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause and its parameters (`near` as its box; selection() adds the distance)."""
        clauses, params = ["n_sources >= ?"], [self.min_sources]
        if self.types:
            clauses.append(f"type IN ({marks(len(self.types))})")
            params += [t.upper() for t in self.types]
        if self.statuses:
            clauses.append(f"status IN ({marks(len(self.statuses))})")
            params += list(self.statuses)
        if self.actor:
            clauses.append("(lower(actor1) LIKE ? ESCAPE '\\' OR lower(actor2) LIKE ? ESCAPE '\\')")
            params += [f"%{like_literal(self.actor.lower())}%"] * 2
        if self.country:
            clauses.append("(country = ? OR actor1_country = ? OR actor2_country = ?)")
            params += [self.country.upper()] * 3
        if self.since:
            clauses.append("coalesce(date_end, date_start, last_reported) >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("coalesce(date_start, date_end, first_reported) <= ?")
            params.append(self.until)
        box = self.bbox or (self.near and around(*self.near, self.radius_km))
        if box:
            clauses.append("longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?")
            params += [box[0], box[2], box[1], box[3]]
        if self.source:
            clauses.append("events.id IN (SELECT event_id FROM mentions WHERE doc_id = ? UNION SELECT m.event_id "
                           "FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE d.source = ?)")  # each through its index
            params += [self.source] * 2
        if self.ingested_since:
            clauses.append("EXISTS (SELECT 1 FROM mentions m JOIN documents d ON d.id = m.doc_id "
                           "WHERE m.event_id = events.id AND d.ingested_at >= ?)")
            params.append(self.ingested_since)
        if self.agreement:
            clauses.append("EXISTS (SELECT 1 FROM violations v WHERE v.event_id = events.id AND v.agreement_id = ?"
                           + (" AND v.kind = ?)" if self.violation else ")"))
            params += [self.agreement, self.violation] if self.violation else [self.agreement]
        if self.lead:
            clauses.append("lead = 1")
        return " AND ".join(clauses), params


def beyond_summaries(f: EventFilter) -> bool:
    """A filter that no summary table holds: a source, an ingest time, an agreement, the lead."""
    return bool(f.source or f.ingested_since or f.agreement or f.lead)


def like_literal(text: str) -> str:
    """Text matched literally by LIKE ... ESCAPE '\\': its % and _ are not wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def around(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """A bounding box (min lon, min lat, max lon, max lat) containing the circle."""
    dlat = radius_km / 111.0
    dlon = radius_km / (111.0 * max(math.cos(math.radians(lat)), 0.01))
    return lon - dlon, lat - dlat, lon + dlon, lat + dlat



# -- events placed only at an area ---------------------------------------------------------
AREA = f"{PLACED} AND coalesce(geo_precision, 1) >= 3"  # placed at a province or larger: no point within it is known
AREA_GROUP = ("country", "admin1", "location", "latitude", "longitude", "type", "status")
AREA_EVENT = ("id", "type", "status", "date_start", "date_end", "date_precision", "first_reported",
              "location", "admin1", "country", "latitude", "longitude")


def areas(db: Database, f: EventFilter, grouped: bool) -> list[dict[str, Any]]:
    """The filtered events placed only at a province or larger (`near` as a true circle): their
    AREA_EVENT columns, or, `grouped`, how many (n) per AREA_GROUP."""
    where, params = f.where()
    columns = f"{', '.join(AREA_GROUP)}, count(*) AS n" if grouped else ", ".join(AREA_EVENT)
    group = f" GROUP BY {', '.join(AREA_GROUP)}" if grouped else ""
    rows = db.rows(f"SELECT {columns} FROM events WHERE {where} AND {AREA}{group}", params)
    if f.near:
        lat, lon = f.near
        rows = [r for r in rows if km(lat, lon, r["latitude"], r["longitude"]) <= f.radius_km]
    return rows


# -- which summary answers a filter ----------------------------------------------------
def by_counts(f: EventFilter, sources: int) -> bool:
    """summary_counts holds the answer: only types, statuses, country, and min_sources up to `sources`."""
    return not (f.actor or f.since or f.until or f.bbox or f.near or beyond_summaries(f)) \
        and f.min_sources <= sources


def by_days(db: Database, f: EventFilter) -> bool:
    """summary_counts' day rows hold the answer to a date filter: only types, statuses, country and
    since/until, and every stored event lies on its listing day alone (point_dates)."""
    return bool(f.since or f.until) and not (f.actor or f.bbox or f.near or beyond_summaries(f)) \
        and f.min_sources <= 1 and point_dates(db)


def by_pairs(f: EventFilter) -> bool:
    """summary_pairs holds the answer: only statuses, country and actor."""
    return not (f.types or f.since or f.until or f.bbox or f.near or beyond_summaries(f)) \
        and f.min_sources <= 1


def by_cells(f: EventFilter) -> bool:
    """summary_cells holds the answer: only types, statuses and a box."""
    return not (f.actor or f.country or f.since or f.until or f.near or beyond_summaries(f)) \
        and f.min_sources <= 1


def kinds(f: EventFilter, together: bool = True) -> tuple[str, list[Any]]:
    """` AND status IN (...) AND type IN (...)` for a summary table, and its parameters: for the
    real statuses, `together`, their rows filed together (write.REAL), else each status's own."""
    if not f.statuses:
        sql, params = " AND status <> ?", [REAL]
    elif together and set(f.statuses) == set(REAL_STATUSES):
        sql, params = " AND status = ?", [REAL]
    else:
        sql, params = f" AND status IN ({marks(len(f.statuses))})", list(f.statuses)
    if f.types:
        sql, params = sql + f" AND type IN ({marks(len(f.types))})", params + [t.upper() for t in f.types]
    return sql, params


def country_key(f: EventFilter) -> str:
    return f.country.upper() if f.country else ""


# -- reading the events ------------------------------------------------------------------
def selection(db: Database, f: EventFilter, wanted: int | None = None) -> tuple[str, list[Any]]:
    """`events WHERE <the filter>` and its parameters, with `near` as the exact great-circle
    distance and since/until bounded on the listing day. `wanted`: the rows a page reads (offset
    and limit), None when every match is read (counts, aggregates)."""
    sql, params = with_distance(f, *f.where())
    box = f.bbox or (f.near and around(*f.near, f.radius_km))
    for clause, value in date_bounds(db, f):
        sql, params = f"{sql} AND {DAY} {clause} ?", [*params, value]
    spatial = bool(box) and (db.dialect == "postgresql" or through_places(db, box, wanted))
    if spatial:
        where, more = db.in_box(box, f.statuses)
        sql, params = f"{sql} AND {where}", [*params, *more]
    how = ""
    if db.dialect == "sqlite":
        how = " NOT INDEXED" if spatial else "" if (f.source or f.ingested_since or f.agreement) else " INDEXED BY events_in_order"
    return f"events{how} WHERE {sql}", params


def date_extents(db: Database) -> dict[str, int]:
    """The largest days of each summary_dates measure (write.py) over the stored events."""
    return {r["measure"]: r["days"] for r in db.rows("SELECT measure, max(days) AS days FROM summary_dates GROUP BY measure")}


def point_dates(db: Database) -> bool:
    """Whether every stored event's dates are its listing day (YYYY-MM-DD) alone: then since and
    until select events by listing day."""
    most = date_extents(db)
    return not ({"undated", "timed"} & set(most)) and most.get("span", 0) == 0 and most.get("lead", 0) == 0


def date_bounds(db: Database, f: EventFilter) -> list[tuple[str, str]]:
    """Conditions on the listing day implied by since/until: an event ending on or after `since`
    is listed at most the longest span before it, one starting by `until` at most the longest
    lead after it. None while some event has dates but no listing day."""
    if not (f.since or f.until):
        return []
    most = date_extents(db)
    since, until = (day_number(d) if d else None for d in (f.since, f.until))
    if "undated" in most or (f.since and since is None) or (f.until and until is None):
        return []
    bounds = []
    if since is not None:
        bounds.append((">=", dt.date.fromordinal(max(1, since - most.get("span", 0))).isoformat()))
    if until is not None:
        bounds.append(("<", dt.date.fromordinal(min(dt.date.max.toordinal(), until + most.get("lead", 0) + 1)).isoformat()))
    return bounds


def through_places(db: Database, box: Sequence[float], wanted: int | None) -> bool:
    """Whether reading the events in `box` through the spatial index costs less than walking the
    date-ordered index until `wanted` matches (or through, for every match)."""
    inside = placed_in(db, box)
    total = db.rows("SELECT coalesce(sum(events), 0) AS n FROM summary_counts WHERE grain = 'all' AND country = '' AND status <> ?",
                    [REAL])[0]["n"]
    walked = total if wanted is None else min(total, wanted * total / max(inside, 1))
    return inside * LOOKUP_COST < walked


def placed_in(db: Database, box: Sequence[float]) -> int:
    """About how many events lie in a box: those of the summary's grid cells it touches."""
    level = LEVELS[-1] if (box[2] - box[0]) * (box[3] - box[1]) < 400 else LEVELS[0]
    gx, gy = cell_span(box, level, inner=False)
    return int(db.rows("SELECT coalesce(sum(events), 0) AS n FROM summary_cells WHERE level = ? AND gx BETWEEN ? AND ? "
                       "AND gy BETWEEN ? AND ? AND status <> ?", [level, *gx, *gy, REAL])[0]["n"])


def page(db: Database, f: EventFilter) -> list[dict[str, Any]]:
    """The rows of the events matching the filter, in listing order, the filter's page of them."""
    sql, params = selection(db, f, None if f.limit is None else f.offset + f.limit)
    sql = f"SELECT * FROM {sql} ORDER BY {DAY}, id"
    if f.limit is not None:
        sql, params = sql + " LIMIT ? OFFSET ?", [*params, f.limit, f.offset]
    return db.rows(sql, params)


# -- counts --------------------------------------------------------------------------------
def count_events(db: Database, f: EventFilter) -> int:
    """How many events match the filter."""
    if by_counts(f, SOURCES_CAP):
        sql, params = kinds(f)
        return int(db.rows(f"SELECT coalesce(sum(events), 0) AS n FROM summary_counts WHERE grain = 'all' AND country = ? "
                           f"AND sources >= ?{sql}", [country_key(f), f.min_sources, *params])[0]["n"])
    if by_days(db, f):
        sql, params = day_rows(f)
        return int(db.rows(f"SELECT coalesce(sum(events), 0) AS n FROM summary_counts WHERE {sql}", params)[0]["n"])
    if by_pairs(f):
        sql, params = pair_where(f)
        return int(db.rows(f"SELECT coalesce(sum(events), 0) AS n FROM summary_pairs WHERE {sql}", params)[0]["n"])
    shifts = place_shifts(db, f)
    if shifts is not None:
        return places_count(db, f, shifts)
    if by_cells(f):
        return sum(c["events"] for c in grid_cells(db, f, 0, LEVELS[-1], ids=False).values())
    sql, params = selection(db, f)
    return int(db.rows(f"SELECT count(*) AS n FROM {sql}", params)[0]["n"])


def day_rows(f: EventFilter, grain: str = "day", together: bool = True) -> tuple[str, list[Any]]:
    """The summary_counts rows of a grain for the filter, a day filter's (by_days) bounding the day."""
    sql, params = kinds(f, together)
    sql, params = "grain = ? AND country = ? AND sources = 0" + sql, [grain, country_key(f), *params]
    if f.since:
        sql, params = sql + " AND bucket >= ?", [*params, f.since]
    if f.until:
        sql, params = sql + " AND bucket <= ?", [*params, f.until]
    return sql, params


def pair_where(f: EventFilter) -> tuple[str, list[Any]]:
    sql, params = kinds(f)
    sql, params = "country = ?" + sql, [country_key(f), *params]
    if f.actor:
        sql += " AND (lower(actor1) LIKE ? ESCAPE '\\' OR lower(actor2) LIKE ? ESCAPE '\\')"
        params += [f"%{like_literal(f.actor.lower())}%"] * 2
    return sql, params


# -- timeline ------------------------------------------------------------------------------
def counted() -> dict[str, Any]:
    """An empty cell or bucket."""
    return {"events": 0, "types": {}, "statuses": {}}


def tally(entry: dict[str, Any], row: Any) -> None:
    """Add one (type, status) group row to a cell or bucket."""
    n, types, statuses = row["n"], entry["types"], entry["statuses"]
    entry["events"] += n
    types[row["type"]] = types.get(row["type"], 0) + n
    statuses[row["status"]] = statuses.get(row["status"], 0) + n


def timeline(db: Database, f: EventFilter, interval: str) -> list[dict[str, Any]]:
    """Events per day, week (from Monday) or month, with counts by type and status."""
    if by_counts(f, 1) or by_days(db, f):
        sql, params = day_rows(f, interval if by_counts(f, 1) else "day", together=False)  # by status
        rows = db.tuples(f"SELECT bucket, type, status, events FROM summary_counts WHERE {sql}", params)
    else:
        sql, params = selection(db, f)
        rows = [r for r in db.tuples(f"SELECT {DAY} AS day_key, type, status, count(*) AS n FROM {sql} AND {DAY} IS NOT NULL "
                                     "GROUP BY day_key, type, status", params) if day_number(r[0]) is not None]
    buckets: dict[str, dict[str, Any]] = {}
    for day, type_, status, n in rows:
        key = period(day, interval)
        entry = buckets.get(key)
        if entry is None:
            entry = buckets[key] = {"date": key, **counted()}
        types, statuses = entry["types"], entry["statuses"]
        entry["events"] += n
        types[type_] = types.get(type_, 0) + n
        statuses[status] = statuses.get(status, 0) + n
    return [buckets[key] for key in sorted(buckets)]


# -- actors and dyads ----------------------------------------------------------------------
def actors_and_dyads(db: Database, f: EventFilter, limit: int) -> dict[str, list[dict[str, Any]]]:
    """Each actor (name, country, kind) with the number of filtered events it takes part in, and
    the actor1 → actor2 dyads with their event and reported fatality counts; most events first
    (ties by name, country and kind)."""
    if by_pairs(f) and not f.actor:
        return ranked_summaries(db, f, limit)
    if by_pairs(f):
        sql, params = pair_where(f)
        pairs = db.rows(f"SELECT {', '.join(PAIR)}, sum(events) AS events, sum(fatalities) AS fatalities FROM summary_pairs "
                        f"WHERE {sql} GROUP BY {', '.join(PAIR)}", params)
        for p in pairs:
            p.update({c: p[c] or None for c in PAIR}, events=int(p["events"]), fatalities=int(p["fatalities"]))
    else:
        sql, params = selection(db, f)
        pairs = db.rows(f"SELECT {', '.join(PAIR)}, count(*) AS events, sum(coalesce(fatalities, 0)) AS fatalities FROM {sql} "
                        f"AND (actor1 IS NOT NULL OR actor2 IS NOT NULL) GROUP BY {', '.join(PAIR)}", params)
    counts: Counter[tuple[str, str | None, str | None]] = Counter()
    for p in pairs:
        one, two = (p["actor1"], p["actor1_country"], p["actor1_kind"]), (p["actor2"], p["actor2_country"], p["actor2_kind"])
        for actor in {one, two}:  # an actor on both sides of an event counts once
            if actor[0] is not None:
                counts[actor] += p["events"]
    actors = [{"name": name, "country": country, "kind": kind, "events": n} for (name, country, kind), n in counts.items()]
    dyads = [p for p in pairs if p["actor1"] is not None and p["actor2"] is not None]
    return {"actors": sorted(actors, key=actor_rank)[:limit], "dyads": sorted(dyads, key=dyad_rank)[:limit]}


def actor_rank(a: dict[str, Any]) -> tuple:
    return -a["events"], a["name"], a["country"] or "", a["kind"] or ""


def dyad_rank(d: dict[str, Any]) -> tuple:
    return (-d["events"], d["actor1"], d["actor2"], *(d[c] or "" for c in PAIR if c not in ("actor1", "actor2")))


def ranked_summaries(db: Database, f: EventFilter, limit: int) -> dict[str, list[dict[str, Any]]]:
    """The first `limit` actors and dyads from summary_actors and summary_pairs, ranked by the
    database in the order actor_rank and dyad_rank give (text compared by code point)."""
    sql, params = kinds(f)
    text = db.bytewise
    actors = db.rows(f"SELECT name, actor_country AS country, kind, sum(events) AS events FROM summary_actors WHERE country = ?{sql} "
                     f"GROUP BY name, actor_country, kind ORDER BY sum(events) DESC, {text('name')}, {text('actor_country')}, "
                     f"{text('kind')} LIMIT ?", [country_key(f), *params, limit])
    order = ", ".join(text(c) for c in ("actor1", "actor2", *(c for c in PAIR if c not in ("actor1", "actor2"))))
    dyads = db.rows(f"SELECT {', '.join(PAIR)}, sum(events) AS events, sum(fatalities) AS fatalities FROM summary_pairs "
                    f"WHERE country = ? AND actor1 <> '' AND actor2 <> ''{sql} GROUP BY {', '.join(PAIR)} "
                    f"ORDER BY sum(events) DESC, {order} LIMIT ?", [country_key(f), *params, limit])
    for a in actors:
        a.update(country=a["country"] or None, kind=a["kind"] or None, events=int(a["events"]))
    for d in dyads:
        d.update({c: d[c] or None for c in PAIR}, events=int(d["events"]), fatalities=int(d["fatalities"]))
    return {"actors": actors, "dyads": dyads}


# -- counting through the R*Tree ---------------------------------------------------------
def place_shifts(db: Database, f: EventFilter) -> list[float] | None:
    """SQLite, a filter of a place (bbox or near) and at most statuses: the longitude shifts of
    those statuses' worlds in the R*Tree (schema.py), where counting reads the tree alone. Else None."""
    if db.dialect != "sqlite" or not (f.bbox or f.near) or f.types or f.min_sources > 1 or f.actor or f.country \
            or f.since or f.until or beyond_summaries(f):
        return None
    return status_shifts(f.statuses)


def places_count(db: Database, f: EventFilter, shifts: list[float]) -> int:
    """Events matching a place_shifts() filter, counted in the R*Tree: those whose stored box (a
    point rounded outward to 32-bit floats) lies wholly inside the place, and, read from the
    events, the few whose box straddles its edge."""
    if f.bbox:
        w, s, e, n = f.bbox
        count = sum(db.rows("SELECT count(*) AS n FROM event_places WHERE west >= ? AND east <= ? AND south >= ? AND north <= ?",
                            [w + x, e + x, s, n])[0]["n"] for x in shifts)
        overlap = "east >= ? AND west <= ? AND north >= ? AND south <= ?"
        edges = [("west < ? AND east >= ?", w, True), ("west <= ? AND east > ?", e, True),
                 ("south < ? AND north >= ?", s, False), ("south <= ? AND north > ?", n, False)]
        unsure = {r["id"] for x in shifts for edge, at, shifted in edges for r in db.rows(
            f"SELECT id FROM event_places WHERE {overlap} AND {edge}", [w + x, e + x, s, n, *[at + x if shifted else at] * 2])}
    else:
        count, unsure = near_count(db, f, shifts)
    if unsure:
        where, params = with_distance(f, *f.where())
        count += sum(r["n"] for r in db.rows_in(f"SELECT count(*) AS n FROM events WHERE rowid IN ({{marks}}) AND {where}",
                                                sorted(unsure), params))
    return count


def near_count(db: Database, f: EventFilter, shifts: list[float]) -> tuple[int, set[int]]:
    """The events of the R*Tree within the radius for sure, and the ids of those too close to the
    circle to tell from their 32-bit box (read from the events then): the haversine of the box's
    corner, within NEAR_SLACK_KM of the true point."""
    lat, lon = f.near
    w, s, e, n = around(lat, lon, f.radius_km)
    # haversine: distance <= r  <=>  sin²(dlat/2) + cos(lat1)·cos(lat2)·sin²(dlon/2) <= sin²(r / 2R)
    a = ("sin(radians(south - ?) / 2) * sin(radians(south - ?) / 2)"
         " + cos(radians(?)) * cos(radians(south)) * sin(radians(west - ? - ?) / 2) * sin(radians(west - ? - ?) / 2)")
    inner, outer = (math.sin(min(max(0.0, f.radius_km + d) / EARTH_KM / 2, math.pi / 2)) ** 2 for d in (-NEAR_SLACK_KM, NEAR_SLACK_KM))
    count, unsure = 0, set()
    for x in shifts:  # one pass over the tree's candidates: those surely in, and the ids of those near the circle
        found = db.rows(f"SELECT count(CASE WHEN a < ? THEN 1 END) AS n, group_concat(CASE WHEN a >= ? THEN id END) AS ids "
                        f"FROM (SELECT id, {a} AS a FROM event_places WHERE east >= ? AND west <= ? AND north >= ? AND south <= ?) "
                        "WHERE a <= ?", [inner, inner, lat, lat, lat, x, lon, x, lon, w + x, e + x, s, n, outer])[0]
        count += found["n"]
        unsure |= {int(i) for i in (found["ids"] or "").split(",") if i}
    return count, unsure


def with_distance(f: EventFilter, sql: str, params: list[Any]) -> tuple[str, list[Any]]:
    """A WHERE clause with `near` as the exact great-circle distance."""
    if not f.near:
        return sql, params
    lat, lon = f.near
    # haversine: distance <= r  <=>  sin²(dlat/2) + cos(lat1)·cos(lat2)·sin²(dlon/2) <= sin²(r / 2R)
    sql += (" AND sin(radians(latitude - ?) / 2) * sin(radians(latitude - ?) / 2)"
            " + cos(radians(?)) * cos(radians(latitude)) * sin(radians(longitude - ?) / 2) * sin(radians(longitude - ?) / 2)"
            " <= ?")
    return sql, [*params, lat, lat, lat, lon, lon, math.sin(min(f.radius_km / EARTH_KM / 2, math.pi / 2)) ** 2]


# -- map clusters --------------------------------------------------------------------------
def cell_degrees(zoom: int) -> float:
    """The side of a cluster cell at this map zoom level, in degrees of longitude."""
    return 360.0 / 2**zoom * CELL_PX / 256


def grid_expr(column: str, offset: int) -> str:
    """SQL for a coordinate in grid cells of 90 degrees (times 2**level, a parameter): the same
    arithmetic as write.grid, so a row's cell is the one its summary was filed under."""
    return f"({column} + {offset}) / 90.0 * ?"


def cell_span(box: Sequence[float], level: int, inner: bool) -> tuple[tuple[int, int], tuple[int, int]]:
    """The (first, last) grid columns and rows at `level` that a box touches, or (inner) that lie
    wholly inside it: a cell is inside when the grid value of every point in it is beyond that
    of the box's edge, which the arithmetic, monotone in the coordinate, keeps exact."""
    scale = float(1 << level)
    spans = []
    for low, high, offset in ((box[0], box[2], 180), (box[1], box[3], 90)):
        a, b = (low + offset) / 90.0 * scale, (high + offset) / 90.0 * scale
        spans.append((math.floor(a) + 1, math.floor(b) - 1) if inner else (max(0, math.floor(a)), math.floor(b)))
    return spans[0], spans[1]


def strips(box: Sequence[float], level: int) -> tuple[tuple[tuple[int, int], tuple[int, int]] | None, list[tuple[tuple, str, list]]]:
    """A box as the grid cells wholly inside it (their column and row ranges, or None) and up to four
    strips around them: (a box to read through the spatial index, the exact grid condition)."""
    (x0, x1), (y0, y1) = cell_span(box, level, inner=True)
    if x0 > x1 or y0 > y1:
        return None, [(tuple(box), "1 = 1", [])]
    scale, size = float(1 << level), 90.0 / (1 << level)
    west, east, south, north = x0 * size - 180, (x1 + 1) * size - 180, y0 * size - 90, (y1 + 1) * size - 90
    gx, gy = grid_expr("longitude", 180), grid_expr("latitude", 90)
    inside_x, inside_x_params = f"{gx} >= ? AND {gx} < ?", [scale, x0, scale, x1 + 1]
    w, s, e, n = box
    return ((x0, x1), (y0, y1)), [
        ((w, s, min(e, west + MARGIN), n), f"{gx} < ?", [scale, x0]),
        ((max(w, east - MARGIN), s, e, n), f"{gx} >= ?", [scale, x1 + 1]),
        ((west - MARGIN, s, east + MARGIN, min(n, south + MARGIN)), f"{inside_x} AND {gy} < ?", [*inside_x_params, scale, y0]),
        ((west - MARGIN, max(s, north - MARGIN), east + MARGIN, n), f"{inside_x} AND {gy} >= ?", [*inside_x_params, scale, y1 + 1]),
    ]


def grid_cells(db: Database, f: EventFilter, zoom: int, level: int, ids: bool = True) -> dict[tuple[int, int], dict[str, Any]]:
    """Placed events matching a filter that by_cells() accepts, per map cell at `zoom` (at most
    `level`): the summary's cells at `level` inside the filter's box, then those of the finest
    level inside it but outside them, then the events of the thin strips left along its edges.
    `ids`: look up the event of each cell holding one."""
    kind, kind_params = kinds(f, together=False)  # the cells count by status
    parts: list[tuple[int, str, list[Any], bool]] = [(level, "", [], False)]
    around_inner: list[tuple[tuple, str, list]] = []
    if f.bbox:
        parts, inside = [], None
        for finer in (lv for lv in LEVELS if lv >= level):
            span, around_inner = strips(f.bbox, finer)
            if span is None:
                continue
            parts += [(finer, " AND gx BETWEEN ? AND ? AND gy BETWEEN ? AND ?", [*band[0], *band[1]],
                       db.dialect == "sqlite" and band[1][1] - band[1][0] < band[0][1] - band[0][0])  # a row: its index
                      for band in bands(span, inside and scaled(*inside, finer))]
            inside = (span, finer)
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    for part_level, where, params, by_row in parts:
        shift = part_level - zoom
        for gx, gy, type_, status, n, lat, lon, west, south, east, north in db.tuples(
                "SELECT gx, gy, type, status, events, lat_e6, lon_e6, west, south, east, north FROM summary_cells"
                f"{' INDEXED BY summary_cells_by_row' if by_row else ''} WHERE level = ?{where}{kind}",
                [part_level, *params, *kind_params]):  # folded here: cheaper than GROUP BY
            cell = cells.get((gx >> shift, gy >> shift))
            if cell is None:
                cell = cells[gx >> shift, gy >> shift] = {**counted(), "lat": 0.0, "lon": 0.0, "id": None,
                                                          "bbox": [west, south, east, north]}
            else:
                box = cell["bbox"]
                cell["bbox"] = [min(box[0], west), min(box[1], south), max(box[2], east), max(box[3], north)]
            types, statuses = cell["types"], cell["statuses"]
            cell["events"] += n
            types[type_] = types.get(type_, 0) + n
            statuses[status] = statuses.get(status, 0) + n
            cell["lat"] += lat / 1e6
            cell["lon"] += lon / 1e6
    for box, condition, more in around_inner:
        strip = EventFilter(**{**f.__dict__, "bbox": box})
        sql, params = selection(db, strip)
        for r in grouped(db, f"{sql} AND {condition}", [*params, *more], zoom):
            add_cell(cells, r)
    for cell in cells.values() if ids else ():
        if cell["events"] == 1 and cell["id"] is None:  # a lone event of a summary cell: which one
            cell["id"] = lone_event(db, f, cell)
    return cells


def scaled(span: tuple[tuple[int, int], tuple[int, int]], level: int, finer: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """Grid ranges at `level` as the ranges of the cells they split into at `finer`."""
    k = 1 << (finer - level)
    return (span[0][0] * k, (span[0][1] + 1) * k - 1), (span[1][0] * k, (span[1][1] + 1) * k - 1)


def bands(outer: tuple[tuple[int, int], tuple[int, int]],
          inner: tuple[tuple[int, int], tuple[int, int]] | None) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The grid ranges `outer` less `inner` (within it), as up to four rectangles."""
    if inner is None:
        return [outer]
    (x0, x1), (y0, y1) = outer
    (a, b), (c, d) = inner
    found = [((x0, a - 1), (y0, y1)), ((b + 1, x1), (y0, y1)), ((a, b), (y0, c - 1)), ((a, b), (d + 1, y1))]
    return [band for band in found if band[0][0] <= band[0][1] and band[1][0] <= band[1][1]]


def lone_event(db: Database, f: EventFilter, cell: dict[str, Any]) -> str | None:
    west, south = cell["bbox"][0], cell["bbox"][1]
    sql, params = selection(db, EventFilter(**{**f.__dict__, "bbox": (west, south, west, south)}))
    return db.rows(f"SELECT min(id) AS id FROM {sql}", params)[0]["id"]


def grouped(db: Database, selected: str, params: list[Any], zoom: int) -> list[dict[str, Any]]:
    """(cell, type, status) groups of the selected placed events at a zoom level."""
    scale = float(1 << zoom)
    return db.rows(
        f"SELECT {db.floor_int(grid_expr('longitude', 180))} AS cx, {db.floor_int(grid_expr('latitude', 90))} AS cy, "
        "type, status, count(*) AS n, sum(latitude) AS lat, sum(longitude) AS lon, min(id) AS id, "
        "min(longitude) AS west, min(latitude) AS south, max(longitude) AS east, max(latitude) AS north "
        f"FROM {selected} AND {PLACED} GROUP BY cx, cy, type, status", [scale, scale, *params])


def add_cell(cells: dict[tuple[int, int], dict[str, Any]], r: dict[str, Any]) -> None:
    """Fold one (cell, type, status) group into its map cell."""
    cell = cells.get((r["cx"], r["cy"]))
    if cell is None:
        cell = cells[r["cx"], r["cy"]] = {**counted(), "lat": 0.0, "lon": 0.0, "id": r["id"],
                                          "bbox": [r["west"], r["south"], r["east"], r["north"]]}
    else:
        box = cell["bbox"]
        cell["bbox"] = [min(box[0], r["west"]), min(box[1], r["south"]), max(box[2], r["east"]), max(box[3], r["north"])]
        cell["id"] = None
    tally(cell, r)
    cell["lat"] += r["lat"]
    cell["lon"] += r["lon"]


def clusters(db: Database, f: EventFilter, zoom: int) -> list[dict[str, Any]]:
    """Placed events binned on a grid that fits the zoom level: per cell the count, the mean
    position, the extent, counts by type and status, and the event id where the cell holds one."""
    level = next((level for level in LEVELS if zoom <= level), None)
    if level is not None and by_cells(f):
        cells = grid_cells(db, f, zoom, level)
    else:
        sql, params = selection(db, f)
        cells = {}
        for r in grouped(db, sql, params, zoom):
            add_cell(cells, r)
    out = [{**cell, "lat": cell["lat"] / cell["events"], "lon": cell["lon"] / cell["events"],
            "id": cell["id"] if cell["events"] == 1 else None}
           for cell in cells.values()]
    return sorted(out, key=lambda c: -c["events"])
