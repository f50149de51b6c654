"""Query parameters shared by the event endpoints: the filters of `watchpost events`, and paging."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated

from fastapi import Depends, HTTPException, Query

from ..filters import numbers, resolve_near
from ..model import PLOVER_TYPES, STATUSES
from ..store import REAL_STATUSES, EventFilter

MAX_PAGE = 1000  # events per page at most
MAX_COUNT = 1_000_000_000  # offsets and source counts beyond are no real query (and overflow SQLite integers)
STATUS_WORDS = {"real": REAL_STATUSES, "all": None}


def words(values: list[str]) -> list[str]:
    """Values given as repeated parameters, comma-separated, or both."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def parse_types(values: list[str]) -> list[str]:
    """PLOVER types in any case; an unknown one is a 400."""
    types = [t.upper() for t in words(values)]
    unknown = sorted(set(types) - set(PLOVER_TYPES))
    if unknown:
        raise HTTPException(400, f"unknown event type {', '.join(unknown)}; known: {' '.join(PLOVER_TYPES)}")
    return types


def parse_statuses(values: list[str]) -> tuple[str, ...] | None:
    """'real' (occurred and ongoing), 'all', or any set of statuses."""
    chosen: list[str] = []
    for word in words(values) or ["real"]:
        if word in STATUS_WORDS:
            if STATUS_WORDS[word] is None:
                return None
            chosen += STATUS_WORDS[word]
        elif word in STATUSES:
            chosen.append(word)
        else:
            raise HTTPException(400, f"unknown status {word!r}; use real, all or one of {' '.join(STATUSES)}")
    return tuple(dict.fromkeys(chosen))


@lru_cache(maxsize=256)
def place_of(near: str) -> tuple[float, float]:
    """'LAT,LON' or a place name, as `watchpost events --near` reads it (names are resolved once)."""
    return resolve_near(near)


def cli_value(call, *args):
    """Run a CLI parser, answering 400 with its message where it refuses the value."""
    try:
        return call(*args)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None


def box(text: str, name: str) -> tuple[float, ...]:
    """MIN_LON,MIN_LAT,MAX_LON,MAX_LAT, each minimum at most its maximum."""
    west, south, east, north = cli_value(numbers, text, 4, name)
    if west > east or south > north:
        raise HTTPException(400, f"{name} is MIN_LON,MIN_LAT,MAX_LON,MAX_LAT with each minimum at most its maximum")
    return west, south, east, north


def event_filter(
    types: Annotated[list[str], Query(alias="type", description="PLOVER types, repeated or comma-separated")] = [],
    status: Annotated[list[str], Query(description="'real' (occurred, ongoing), 'all', or statuses")] = ["real"],
    actor: Annotated[str | None, Query(max_length=200, description="substring of either actor's name")] = None,
    country: Annotated[str | None, Query(pattern="^[A-Za-z]{3}$", description="ISO3 of the place or of either actor")] = None,
    since: Annotated[dt.date | None, Query(description="events ending on or after this date")] = None,
    until: Annotated[dt.date | None, Query(description="events starting on or before this date")] = None,
    near: Annotated[str | None, Query(max_length=200, description="a place name or 'LAT,LON'")] = None,
    radius_km: Annotated[float, Query(gt=0, le=20000)] = 50.0,
    bbox: Annotated[str | None, Query(description="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT")] = None,
    source: Annotated[str | None, Query(max_length=500, description="a document id or source name")] = None,
    min_sources: Annotated[int, Query(ge=1, le=MAX_COUNT)] = 1,
    lead: Annotated[bool, Query(description="only events that a document's headline and first paragraph report")] = False,
) -> EventFilter:
    """The filters of `watchpost events`; a value it cannot read is a 400."""
    if since and until and since > until:
        raise HTTPException(400, "since is after until")
    return EventFilter(
        types=parse_types(types), statuses=parse_statuses(status), actor=actor, country=country,
        since=since and since.isoformat(), until=until and until.isoformat(),
        near=cli_value(place_of, near) if near else None, radius_km=radius_km, bbox=box(bbox, "bbox") if bbox else None,
        source=source, min_sources=min_sources, lead=lead)


Filters = Annotated[EventFilter, Depends(event_filter)]


@dataclass
class Page:
    """Which slice of a result list to return."""

    limit: int
    offset: int


def page(limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100, offset: Annotated[int, Query(ge=0, le=MAX_COUNT)] = 0) -> Page:
    """Paging parameters, at most MAX_PAGE events a page."""
    return Page(limit, offset)


Paging = Annotated[Page, Depends(page)]
