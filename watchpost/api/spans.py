"""Provenance of every field: the character spans in a document that produced each mention's
trigger, actors, place, date and counts (offsets into the document text)."""
from __future__ import annotations

import json
from typing import Any

from ..store import Store


def span(field: str, part: dict[str, Any] | None, label: str) -> list[dict[str, Any]]:
    if not part or part.get("start") is None or part.get("end") is None:
        return []
    return [{"field": field, "text": part["text"], "start": part["start"], "end": part["end"], "label": label}]


def describe(*parts: Any) -> str:
    return ", ".join(str(p) for p in parts if p not in (None, ""))


def date_span(extract: dict[str, Any]) -> list[dict[str, Any]]:
    """Dates keep their words but no offsets: find the words in the mention's sentence."""
    date = extract.get("date") or {}
    at = extract["sentence"].find(date["text"]) if date.get("text") else -1
    if at < 0:
        return []
    start = extract["start"] + at
    label = describe(date["start"] if date["start"] == date["end"] else f"{date['start']} to {date['end']}", date["precision"])
    return span("date", {"text": date["text"], "start": start, "end": start + len(date["text"])}, label)


def mention_spans(extract: dict[str, Any]) -> list[dict[str, Any]]:
    """The spans of one `watchpost extract` line, in text order, each with a readable label."""
    a1, a2, place = extract.get("actor1"), extract.get("actor2"), extract.get("location")
    spans = [
        *span("trigger", extract.get("trigger"), describe(extract["type"], extract["mode"], extract["status"])),
        *span("actor1", a1, a1 and describe(a1["name"], a1["country"], a1["kind"])),
        *span("actor2", a2, a2 and describe(a2["name"], a2["country"], a2["kind"])),
        *span("location", place, place and describe(place["name"], place["admin1"], place["country"])),
        *date_span(extract),
    ]
    for q in extract.get("quantities") or []:
        spans += span("quantity", q, describe(q["what"], q["value"], "approximate" if q["approximate"] else None))
    return sorted(spans, key=lambda s: (s["start"], s["end"]))


def described(row: dict[str, Any]) -> dict[str, Any]:
    """A stored mention line (id, doc_id, event_id, extract_json) with its extraction and spans."""
    extract = json.loads(row["extract_json"])
    return {"mention_id": row["id"], "doc_id": row["doc_id"], "event_id": row.get("event_id"), "type": extract["type"],
            "status": extract["status"], "sentence": extract["sentence"], "start": extract["start"],
            "end": extract["end"], "spans": mention_spans(extract), "extract": extract}


def mentions(store: Store, column: str, value: str) -> list[dict[str, Any]]:
    """The stored mentions of one event or one document, each with its extraction and spans."""
    return [described(row) for row in store.mention_lines(column, value)]


def background(store: Store, doc_ids: list[str]) -> list[dict[str, Any]]:
    """The background mentions of these documents (a war's toll, its history: no event's, `event_id`
    null), each with its extraction and spans, in text order."""
    return [described(row) for row in store.background_lines(doc_ids)]
