"""What the CLI, the API and the dashboard show of agreements: lists, one agreement with its
timeline (status changes and violations, each with its source), counts by party, and a map."""
from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from ..model.agreement import STATUS_AFTER, Agreement
from . import storage

if TYPE_CHECKING:
    from ..store import Store


def summary(agreement: Agreement, status: str | None, n: dict[str, int]) -> dict[str, Any]:
    start, end = agreement.period()
    return {"id": agreement.id, "name": agreement.name, "kind": agreement.kind, "origin": agreement.origin,
            "parties": [p.name for p in agreement.parties], "start": start, "end": end, "status": status,
            "observed": n.get("observed", 0), "accused": n.get("accused", 0)}


def list_agreements(store: Store) -> list[dict[str, Any]]:
    """Every stored agreement in brief, with its violation counts."""
    statuses = store.agreement_statuses()
    n = store.violation_counts()
    return [summary(a, statuses[a.id], n.get(a.id, {})) for a in storage.load(store)]


def agreement_timeline(store: Store, agreement_id: str) -> list[dict[str, Any]]:
    """Status changes (declared, or read in a mention) and violations, by date, each with its source."""
    agreement = storage.get(store, agreement_id)
    if agreement is None:
        return []
    declared_sources = {s.get("id"): s for s in agreement.sources}
    entries = [{"date": c.date, "entry": "status", "action": c.action, "status": STATUS_AFTER.get(c.action),
                "note": c.note, "source": declared_sources.get(c.source)} for c in agreement.history if not c.mention_id]
    read = store.agreement_links(agreement_id)
    found = store.violation_events(agreement_id)
    said = store.mention_sources([r["mention_id"] for r in read] + [v["mention_id"] for v in found])
    entries += [{"date": r["date"], "entry": "status", "action": r["action"], "status": STATUS_AFTER.get(r["action"]),
                 "source": said.get(r["mention_id"])} for r in read]
    entries += [{**v, "entry": v["kind"], "source": said.get(v["mention_id"])} for v in found]
    return sorted(entries, key=lambda e: (e["date"] or "", e["entry"] != "status"))


def violations_by_party(store: Store, agreement_id: str) -> list[dict[str, Any]]:
    """Observed and accused violations per party held responsible (None: no bound party acted)."""
    parties: dict[str | None, dict[str, Any]] = {}
    for row in store.violations_per_party(agreement_id):
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


def agreement_detail(store: Store, agreement_id: str) -> dict[str, Any] | None:
    """One agreement in full: parties and clients, period, status, sources, timeline, counts by
    party and its map."""
    agreement = storage.get(store, agreement_id)
    if agreement is None:
        return None
    status = store.agreement_statuses()[agreement_id]
    return {
        **summary(agreement, status, store.violation_counts().get(agreement_id, {})),
        "parties": [p.to_json() for p in agreement.parties], "keywords": agreement.keywords, "sources": agreement.sources,
        "timeline": agreement_timeline(store, agreement_id), "by_party": violations_by_party(store, agreement_id),
        "map": map_features(agreement, store.violation_events(agreement_id)),
    }
