"""Event endpoints: the filtered, paged list (JSON, GeoJSON and the other export formats),
map clusters, and one event with every source mention and its spans."""
from __future__ import annotations

import dataclasses
import io
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from ..export import FORMATS, write
from ..store.query import cell_degrees
from . import spans
from .http import FastJSONResponse
from .params import Filters, Paging, box
from .pool import ReadStore

router = APIRouter(tags=["events"])
MEDIA_TYPES = {"geojson": "application/geo+json", "jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8",
               "parquet": "application/vnd.apache.parquet", "plover": "application/x-ndjson"}
MAX_ZOOM = 22

Format = Literal[("json", *FORMATS)]


@router.get("/events")
def list_events(filters: Filters, store: ReadStore, paging: Paging,
                fmt: Annotated[Format, Query(alias="format")] = "json") -> Response:
    """Merged events matching the filters, oldest first, with their sources. `total` (and the
    `X-Total-Count` header) counts every match; `next_offset` is null on the last page."""
    found = store.query_events(dataclasses.replace(filters, limit=paging.limit + 1, offset=paging.offset))
    more = len(found) > paging.limit
    found = found[: paging.limit]
    # counting is a second pass over the table: needless when this page holds the last match
    total = store.count_events(filters) if more or not found else paging.offset + len(found)
    headers = {"X-Total-Count": str(total)}
    if fmt == "json":
        return FastJSONResponse({"total": total, "limit": paging.limit, "offset": paging.offset,
                                 "next_offset": paging.offset + paging.limit if more else None, "events": found}, headers=headers)
    out = io.BytesIO()
    write(found, fmt, out)
    return Response(out.getvalue(), media_type=MEDIA_TYPES[fmt], headers=headers)


@router.get("/events/clusters")
def event_clusters(filters: Filters, store: ReadStore, zoom: Annotated[int, Query(ge=0, le=MAX_ZOOM)] = 2,
                   view: Annotated[str | None, Query(description="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT of the map")] = None) -> dict:
    """Placed events aggregated on a grid sized for the map zoom, within the map view: what the
    dashboard draws, so that it stays fast with any number of events."""
    total = store.count_events(filters)
    if view:
        w, s, e, n = box(view, "view")
        if filters.bbox:
            bw, bs, be, bn = filters.bbox
            w, s, e, n = max(w, bw), max(s, bs), min(e, be), min(n, bn)
        filters = dataclasses.replace(filters, bbox=(w, s, e, n))
    cells = store.clusters(filters, zoom)
    return {"zoom": zoom, "cell_degrees": cell_degrees(zoom), "total": total,
            "in_view": sum(c["events"] for c in cells), "clusters": cells}


@router.get("/events/{event_id:path}")
def get_event(event_id: str, store: ReadStore) -> dict:
    """One event with every source mention: its sentence, offsets and the spans behind each field, who
    each says it comes from (`according_to`) and who disputes it (`disputed_by`); and, apart, the
    `background` its documents tell (the war's tolls and history, no event's)."""
    event = store.event(event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id!r}")
    found = {m["mention_id"]: m for m in spans.mentions(store, "event_id", event_id)}
    for source in event["sources"]:
        mention = found[source["mention_id"]]
        source.update(start=mention["start"], end=mention["end"], spans=mention["spans"], extract=mention["extract"])
    event["background"] = spans.background(store, list(dict.fromkeys(s["doc_id"] for s in event["sources"])))
    return event
