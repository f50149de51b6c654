"""The summary tables, kept by the writer of the events in the same transaction.

Every time events are saved, the store reads the rows they replace (`FACTS`), and each event's
old row is taken out of the summaries and its new row put in (`Tally`): counts only ever move
by what the events moved, so the summaries equal a recount from the events after any sequence of
ingests, and a killed ingest rolls them back with the events. The tables (schema.py):

- `summary_counts`: events per (grain, country, status, type, bucket, sources). Grains `day`,
  `week` (from Monday) and `month` have the first day of the period as bucket and sources 0;
  grain `all` has bucket '' and sources = min(n_sources, SOURCES_CAP). Each event counts under
  country '' (every event) and under each distinct country of its place and its two actors.
- `summary_pairs`: events and reported fatalities per (country, status, actor1 name, country,
  kind, actor2 name, country, kind); '' stands for a missing value.
- `summary_actors`: events per (country, status, actor name, country, kind): an actor on both
  sides of an event counts once.
- `summary_cells`: placed events per grid cell of 90 / 2**level degrees (LEVELS), status and
  type: how many, the sums of their positions in micro-degrees and the box they span.

The counts, pairs and actors of an occurred or ongoing event are filed twice: under its status
and under REAL, so the default view (real events) reads one row where it would add up two.
- `summary_dates`: events per (measure, days): `span`, how many days an event's last day lies
  after the day it is listed on, `lead`, how many days that day lies after its first day,
  `undated` (days 0) for an event with dates but no listing day, and `timed` (days 0) for one
  with a date longer than YYYY-MM-DD. Their maxima bound the rows a since/until query has to
  read; where every event lies on its listing day alone, the day rows of summary_counts answer
  since/until exactly (store/query.py).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from ..model import REAL_STATUSES
from .db import marks

if TYPE_CHECKING:
    from .db import Database

FACTS = ("id", "type", "status", "n_sources", "date_start", "date_end", "first_reported", "last_reported",
         "country", "actor1", "actor1_country", "actor1_kind", "actor2", "actor2_country", "actor2_kind",
         "fatalities", "longitude", "latitude")
GRAINS = ("day", "week", "month")
REAL = "real"  # the status of summary rows counting the real events together (the default view reads one row, not two)
SOURCES_CAP = 10  # min_sources up to this is answered from summary_counts
LEVELS = (3, 5, 8)  # summary_cells grids: 11.25, 2.8 and 0.35 degree cells
E6 = 1_000_000
FAR = 1e9  # an extent that any real coordinate replaces

COUNT_KEY = ("grain", "country", "status", "type", "bucket", "sources")
PAIR_KEY = ("country", "status", "actor1", "actor1_country", "actor1_kind", "actor2", "actor2_country", "actor2_kind")
ACTOR_KEY = ("country", "status", "name", "actor_country", "kind")
CELL_KEY = ("level", "gx", "gy", "status", "type")
DATE_KEY = ("measure", "days")


@lru_cache(maxsize=65536)
def period(day: str, grain: str) -> str:
    """The first day of the day, ISO week (Monday) or month holding `day` (YYYY-MM-DD...)."""
    date = dt.date.fromisoformat(day[:10])
    if grain == "week":
        date -= dt.timedelta(days=date.weekday())
    elif grain == "month":
        date = date.replace(day=1)
    return date.isoformat()


def grid(value: float, offset: float, level: int) -> int:
    """The grid cell (0-based) holding a longitude (offset 180) or latitude (offset 90), cells of
    90 / 2**level degrees. The same arithmetic as the SQL in store/query.py, so both agree on
    every point; a cell at one level splits exactly into cells at a finer one."""
    return int((value + offset) / 90.0 * (1 << level))


def filed_under(status: str) -> tuple[str, ...]:
    """The statuses a summary row of an event is filed under: its own, and REAL for a real one."""
    return (status, REAL) if status in REAL_STATUSES else (status,)


def first(*values: Any) -> Any:
    """SQL's coalesce: the first value that is not NULL."""
    return next((v for v in values if v is not None), None)


def day_number(text: str) -> int | None:
    try:
        return dt.date.fromisoformat(text[:10]).toordinal()
    except ValueError:
        return None


def listed_day(e: dict[str, Any]) -> str | None:
    """The day an event is listed and counted on: coalesce(date_start, first_reported)."""
    return first(e["date_start"], e["first_reported"])


def countries(e: dict[str, Any]) -> list[str]:
    """'' (every event) and each distinct country of the event's place and actors."""
    return ["", *sorted({c for c in (e["country"], e["actor1_country"], e["actor2_country"]) if c})]


def date_measures(e: dict[str, Any]) -> list[tuple[str, int]]:
    """summary_dates keys of one event (see the module docstring)."""
    day = listed_day(e)
    start, end = first(e["date_start"], e["date_end"], e["first_reported"]), first(e["date_end"], e["date_start"], e["last_reported"])
    timed = [("timed", 0)] if any(d is not None and len(d) != 10 for d in (day, start, end)) else []
    if day is None:
        return [("undated", 0), *timed] if start is not None or end is not None else timed
    listed = day_number(day)
    ends = [day_number(d) if d is not None else listed for d in (start, end)]
    if listed is None or None in ends:
        return [("undated", 0), *timed]
    return [("span", max(0, ends[1] - listed)), ("lead", max(0, listed - ends[0])), *timed]


@dataclass
class Tally:
    """Changes to the summary tables: what events add (sign 1) and take out (sign -1)."""

    counts: Counter[tuple] = field(default_factory=Counter)
    pairs: Counter[tuple] = field(default_factory=Counter)
    fatalities: Counter[tuple] = field(default_factory=Counter)
    actors: Counter[tuple] = field(default_factory=Counter)
    cells: Counter[tuple] = field(default_factory=Counter)
    lat: Counter[tuple] = field(default_factory=Counter)
    lon: Counter[tuple] = field(default_factory=Counter)
    extents: dict[tuple, list[float]] = field(default_factory=dict)  # cells the added points reach
    shrunk: set[tuple] = field(default_factory=set)  # cells a point left: their extents are read again
    dates: Counter[tuple] = field(default_factory=Counter)

    def add(self, e: dict[str, Any], sign: int = 1, spatial: bool = True) -> None:
        day = listed_day(e)
        buckets = [(g, period(day, g)) for g in GRAINS] if day is not None and day_number(day) is not None else []
        pair = tuple(v or "" for v in (e["actor1"], e["actor1_country"], e["actor1_kind"],
                                       e["actor2"], e["actor2_country"], e["actor2_kind"]))
        actors = {side for side, name in ((pair[:3], e["actor1"]), (pair[3:], e["actor2"])) if name is not None}
        for country in countries(e):
            for status in filed_under(e["status"]):
                self.counts["all", country, status, e["type"], "", min(e["n_sources"], SOURCES_CAP)] += sign
                for grain, bucket in buckets:
                    self.counts[grain, country, status, e["type"], bucket, 0] += sign
                if actors:
                    self.pairs[(country, status, *pair)] += sign
                    self.fatalities[(country, status, *pair)] += sign * (e["fatalities"] or 0)
                for actor in actors:
                    self.actors[(country, status, *actor)] += sign
        for key in date_measures(e):
            self.dates[key] += sign
        if spatial:
            self.place(e, sign)

    def place(self, e: dict[str, Any], sign: int) -> None:
        lon, lat = e["longitude"], e["latitude"]
        if lon is None or lat is None:
            return
        for level in LEVELS:
            key = (level, grid(lon, 180, level), grid(lat, 90, level), e["status"], e["type"])
            self.cells[key] += sign
            self.lat[key] += sign * round(lat * E6)
            self.lon[key] += sign * round(lon * E6)
            if sign > 0:
                box = self.extents.setdefault(key, [lon, lat, lon, lat])
                box[:] = [min(box[0], lon), min(box[1], lat), max(box[2], lon), max(box[3], lat)]
            else:
                self.shrunk.add(key)

    def change(self, old: dict[str, Any] | None, new: dict[str, Any]) -> None:
        """One event rewritten: out with its old row, in with the new (a place left as it was
        leaves the cells alone)."""
        same_place = old is not None and all(old[c] == new[c] for c in ("longitude", "latitude", "status", "type"))
        if old is not None:
            self.add(old, -1, spatial=not same_place)
        self.add(new, 1, spatial=not same_place)


def save(db: Database, tally: Tally) -> None:
    """Apply a tally to the summary tables (in the caller's transaction)."""
    add_rows(db, "summary_counts", COUNT_KEY, {k: (n,) for k, n in tally.counts.items() if n}, ("events",))
    add_rows(db, "summary_pairs", PAIR_KEY, {k: (n, tally.fatalities[k]) for k, n in tally.pairs.items()
                                             if n or tally.fatalities[k]}, ("events", "fatalities"))
    add_rows(db, "summary_actors", ACTOR_KEY, {k: (n,) for k, n in tally.actors.items() if n}, ("events",))
    add_rows(db, "summary_dates", DATE_KEY, {k: (n,) for k, n in tally.dates.items() if n}, ("events",))
    cells = {k: (n, tally.lat[k], tally.lon[k], *tally.extents.get(k, (FAR, FAR, -FAR, -FAR)))
             for k, n in tally.cells.items() if n or tally.lat[k] or tally.lon[k] or k in tally.extents}
    add_rows(db, "summary_cells", CELL_KEY, cells, ("events", "lat_e6", "lon_e6"),
             {"west": db.least, "south": db.least, "east": db.greatest, "north": db.greatest})
    refit(db, tally.shrunk)
    for table, key, changed in (("summary_counts", COUNT_KEY, tally.counts), ("summary_pairs", PAIR_KEY, tally.pairs),
                                ("summary_actors", ACTOR_KEY, tally.actors),
                                ("summary_dates", DATE_KEY, tally.dates), ("summary_cells", CELL_KEY, tally.cells)):
        gone = [k for k, n in changed.items() if n < 0]
        db.executemany(f"DELETE FROM {table} WHERE {' AND '.join(f'{c} = ?' for c in key)} AND events <= 0", gone)


def add_rows(db: Database, table: str, key: Sequence[str], rows: dict[tuple, tuple], summed: Sequence[str],
             bounds: dict[str, Any] | None = None) -> None:
    """Add each row's values to the row of its key, inserting it where there is none; `bounds`
    columns keep the least or greatest value."""
    bounds = bounds or {}
    columns = [*key, *summed, *bounds]
    updates = [f"{c} = {table}.{c} + excluded.{c}" for c in summed] + [f"{c} = {how(f'{table}.{c}', f'excluded.{c}')}"
                                                                       for c, how in bounds.items()]
    db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks(len(columns))}) "
                   f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {', '.join(updates)}", ([*k, *v] for k, v in rows.items()))


def refit(db: Database, keys: Iterable[tuple]) -> None:
    """Read again the box of the events in each of these cells (a point left it)."""
    for level, gx, gy, status, type_ in keys:
        size = 90.0 / (1 << level)
        box = (gx * size - 180 - 1e-6, gy * size - 90 - 1e-6, (gx + 1) * size - 180 + 1e-6, (gy + 1) * size - 90 + 1e-6)
        where, params = db.in_box(box, [status])
        points = [(r["longitude"], r["latitude"]) for r in db.rows(
            f"SELECT longitude, latitude FROM events WHERE {where} AND status = ? AND type = ?", [*params, status, type_])
            if grid(r["longitude"], 180, level) == gx and grid(r["latitude"], 90, level) == gy]
        if points:
            lons, lats = [p[0] for p in points], [p[1] for p in points]
            db.execute("UPDATE summary_cells SET west = ?, south = ?, east = ?, north = ? "
                       "WHERE level = ? AND gx = ? AND gy = ? AND status = ? AND type = ?",
                       [min(lons), min(lats), max(lons), max(lats), level, gx, gy, status, type_])


def follow(db: Database, old: Iterable[dict[str, Any]], new: Iterable[dict[str, Any]]) -> None:
    """Move the summaries from the events' `old` rows (those there were) to their `new` ones."""
    before = {e["id"]: e for e in old}
    tally = Tally()
    for e in new:
        tally.change(before.get(e["id"]), e)
    save(db, tally)


def rebuild(db: Database) -> None:
    """Count every summary again from the events (a store written before the summaries existed)."""
    for table in ("summary_counts", "summary_pairs", "summary_actors", "summary_cells", "summary_dates"):
        db.execute(f"DELETE FROM {table}")
    tally = Tally()
    for rows in db.pages(f"SELECT {', '.join(FACTS)} FROM events", "id"):
        for e in rows:
            tally.add(e)
    save(db, tally)
