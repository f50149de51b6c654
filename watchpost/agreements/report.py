"""What the CLI, the API and the dashboard show of agreements: lists, one agreement with its
timeline (status changes and violations, each with its source), counts by party, and a map."""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from . import storage
from .model import STATUS_AFTER, Agreement

SOURCE_SQL = ("SELECT m.id AS mention_id, m.doc_id, m.sentence, d.title, d.url, d.source, d.published "
              "FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.id IN ({})")


def counts(store: Any) -> dict[str, dict[str, int]]:
    """Per agreement id, how many observed and accused violations it has."""
    found: dict[str, dict[str, int]] = {}
    for row in store.rows("SELECT agreement_id, kind, count(*) AS n FROM violations GROUP BY agreement_id, kind"):
        found.setdefault(row["agreement_id"], {})[row["kind"]] = row["n"]
    return found


def summary(agreement: Agreement, status: str | None, n: dict[str, int]) -> dict[str, Any]:
    start, end = agreement.period()
    return {"id": agreement.id, "name": agreement.name, "kind": agreement.kind, "origin": agreement.origin,
            "parties": [p.name for p in agreement.parties], "start": start, "end": end, "status": status,
            "observed": n.get("observed", 0), "accused": n.get("accused", 0)}


def list_agreements(store: Any) -> list[dict[str, Any]]:
    """Every stored agreement in brief, with its violation counts."""
    statuses = {r["id"]: r["status"] for r in store.rows("SELECT id, status FROM agreements")}
    n = counts(store)
    return [summary(a, statuses[a.id], n.get(a.id, {})) for a in storage.load(store)]


def sources(store: Any, mention_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The sentence and document behind each mention id."""
    found = {}
    for i in range(0, len(mention_ids), 500):
        chunk = mention_ids[i : i + 500]
        found.update({r["mention_id"]: r for r in store.rows(SOURCE_SQL.format(",".join("?" * len(chunk))), chunk)})
    return found


def violations(store: Any, agreement_id: str) -> list[dict[str, Any]]:
    """The agreement's violations with their events' what, where and when."""
    rows = store.rows("SELECT v.kind, v.event_id, v.party, v.actor, v.mention_id, v.areas, v.date, e.type, e.status, "
                      "e.location, e.latitude, e.longitude, e.fatalities, e.n_sources FROM violations v "
                      "JOIN events e ON e.id = v.event_id WHERE v.agreement_id = ? ORDER BY v.date, v.event_id, v.mention_id",
                      [agreement_id])
    for row in rows:
        row["areas"] = json.loads(row["areas"]) if row["areas"] else None
    return rows


def agreement_timeline(store: Any, agreement_id: str) -> list[dict[str, Any]]:
    """Status changes (declared, or read in a mention) and violations, by date, each with its source."""
    agreement = storage.get(store, agreement_id)
    if agreement is None:
        return []
    declared_sources = {s.get("id"): s for s in agreement.sources}
    entries = [{"date": c.date, "entry": "status", "action": c.action, "status": STATUS_AFTER.get(c.action),
                "note": c.note, "source": declared_sources.get(c.source)} for c in agreement.history if not c.mention_id]
    read = store.rows("SELECT mention_id, action, date FROM agreement_mentions WHERE agreement_id = ?", [agreement_id])
    found = violations(store, agreement_id)
    said = sources(store, [r["mention_id"] for r in read] + [v["mention_id"] for v in found])
    entries += [{"date": r["date"], "entry": "status", "action": r["action"], "status": STATUS_AFTER.get(r["action"]),
                 "source": said.get(r["mention_id"])} for r in read]
    entries += [{**v, "entry": v["kind"], "source": said.get(v["mention_id"])} for v in found]
    return sorted(entries, key=lambda e: (e["date"] or "", e["entry"] != "status"))


def violations_by_party(store: Any, agreement_id: str) -> list[dict[str, Any]]:
    """Observed and accused violations per party held responsible (None: no bound party acted)."""
    parties: dict[str | None, dict[str, Any]] = {}
    for row in store.rows("SELECT party, kind, count(*) AS n FROM violations WHERE agreement_id = ? GROUP BY party, kind",
                          [agreement_id]):
        parties.setdefault(row["party"], {"party": row["party"], "observed": 0, "accused": 0})[row["kind"]] = row["n"]
    return sorted(parties.values(), key=lambda p: (p["party"] is None, -(p["observed"] + p["accused"]), p["party"] or ""))


def map_features(agreement: Agreement, found: list[dict[str, Any]]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: the zone's areas, its places, the observation posts and the
    observed violations, each feature's `role` saying which."""
    features = [{**f, "properties": {**f["properties"], "role": "area"}} for f in (agreement.zone.areas or {}).get("features", [])]
    point = lambda lat, lon, props: {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},  # noqa: E731
                                     "properties": props}
    features += [point(p.lat, p.lon, {**asdict(p), "role": "place"}) for p in agreement.zone.places]
    features += [point(p["lat"], p["lon"], {**p, "role": "post"}) for p in agreement.posts]
    features += [point(v["latitude"], v["longitude"], {**v, "role": "observed"}) for v in found if v["kind"] == "observed"]
    return {"type": "FeatureCollection", "features": features}


def agreement_detail(store: Any, agreement_id: str) -> dict[str, Any] | None:
    """One agreement in full: parties and clients, period, status, sources, timeline, counts by
    party and its map."""
    agreement = storage.get(store, agreement_id)
    if agreement is None:
        return None
    status = store.rows("SELECT status FROM agreements WHERE id = ?", [agreement_id])[0]["status"]
    return {
        **summary(agreement, status, counts(store).get(agreement_id, {})),
        "parties": [p.to_json() for p in agreement.parties], "keywords": agreement.keywords, "sources": agreement.sources,
        "timeline": agreement_timeline(store, agreement_id), "by_party": violations_by_party(store, agreement_id),
        "map": map_features(agreement, violations(store, agreement_id)),
    }
