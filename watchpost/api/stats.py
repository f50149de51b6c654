"""Summaries: stories, actors with their dyads, and the event timeline."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from .params import MAX_PAGE, Filters, Paging
from .pool import ReadStore

router = APIRouter(tags=["summaries"])
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]


@router.get("/stories")
def stories(store: ReadStore, paging: Paging) -> dict:
    """Story clusters: documents reporting the same story, oldest first."""
    found = store.stories()
    return {"total": len(found), "stories": found[paging.offset : paging.offset + paging.limit]}


@router.get("/actors")
def actors(filters: Filters, store: ReadStore, limit: Limit = 100) -> dict:
    """Actors of the filtered events with their event counts, and actor1 → actor2 dyads."""
    return store.actors_and_dyads(filters, limit)


@router.get("/stats/timeline")
def timeline(filters: Filters, store: ReadStore, interval: Literal["day", "week", "month"] = "day") -> dict:
    """Filtered events per day, week (from Monday) or month, by type and status."""
    return {"interval": interval, "buckets": store.event_timeline(filters, interval)}
