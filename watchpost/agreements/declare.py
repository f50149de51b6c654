"""Agreements declared by a user in YAML (`watchpost agreements add FILE`).

A file holds one agreement, a list of them, or `agreements: [...]`; the fields are described in
watchpost/data/agreements/README.md. Every problem is reported as an AgreementError naming the
file, the agreement and the field.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable

import yaml

from ..model import KINDS as ACTOR_KINDS
from ..model.agreement import ACTIONS, AGREEMENT_KINDS, Agreement, Change
from ..read import valid_date
from .parties import ActorSpec, Party
from .zone import Zone, ZonePlace, feature_collection

Resolver = Callable[..., Any]  # Geoparser().resolve(name, countries, area=True)


class AgreementError(ValueError):
    """A declaration that cannot be used, with where and why."""


def load_file(path: str | Path, resolve: Resolver | None = None) -> list[Agreement]:
    """The agreements declared in a YAML file; place names are placed with `resolve`
    (default: the geoparser)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise AgreementError(f"{path}: {exc}") from exc
    items = data.get("agreements", [data]) if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise AgreementError(f"{path}: expected an agreement, a list of them or 'agreements:'")
    return [Declaration(item, f"{path}: agreement {i + 1}", resolve).agreement() for i, item in enumerate(items)]


def iso(value: Any) -> str | None:
    """A YAML date (parsed or written as text) as YYYY-MM-DD, else None."""
    return value.isoformat()[:10] if isinstance(value, dt.date) else valid_date(value)


class Declaration:
    """One agreement's YAML mapping, checked field by field."""

    def __init__(self, item: Any, where: str, resolve: Resolver | None):
        if not isinstance(item, dict):
            raise AgreementError(f"{where}: not a mapping")
        self.item, self.resolve = item, resolve
        self.where = f"{where} ({item.get('id')})" if item.get("id") else where

    def fail(self, field: str, why: str) -> AgreementError:
        return AgreementError(f"{self.where}: {field}: {why}")

    def text(self, field: str, required: bool = True) -> str | None:
        value = self.item.get(field)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, "required text")
        return value.strip()

    def date(self, value: Any, field: str) -> str:
        found = iso(value)
        if found is None:
            raise self.fail(field, f"{value!r} is not a YYYY-MM-DD date")
        return found

    def agreement(self) -> Agreement:
        kind = self.text("kind")
        if kind not in AGREEMENT_KINDS:
            raise self.fail("kind", f"{kind!r} is not one of {', '.join(AGREEMENT_KINDS)}")
        parties = [self.party(p, f"parties[{i}]") for i, p in enumerate(self.listed("parties", required=True))]
        zone = self.zone()
        start = self.date(self.item.get("start"), "start")
        end = self.date(self.item["end"], "end") if self.item.get("end") is not None else None
        if end and end < start:
            raise self.fail("end", f"{end} is before the start {start}")
        keywords = [str(k) for k in self.listed("keywords")] or [p.name for p in zone.places]
        return Agreement(
            id=self.text("id"), name=self.text("name"), kind=kind, origin="declared", parties=parties, zone=zone,
            posts=[self.post(p, f"observation_posts[{i}]") for i, p in enumerate(self.listed("observation_posts"))],
            keywords=keywords, start=start, end=end,
            history=[self.change(c, f"history[{i}]") for i, c in enumerate(self.listed("history"))],
            sources=[self.mapping(s, f"sources[{i}]") for i, s in enumerate(self.listed("sources"))],
        )

    def listed(self, field: str, required: bool = False) -> list[Any]:
        value = self.item.get(field)
        if value is None and not required:
            return []
        if not isinstance(value, list) or (required and not value):
            raise self.fail(field, "a non-empty list is required" if required else "must be a list")
        return value

    def mapping(self, value: Any, field: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(field, "must be a mapping")
        return {k: iso(v) if isinstance(v, dt.date) else v for k, v in value.items()}

    def spec(self, value: Any, field: str) -> ActorSpec:
        value = self.mapping(value, field)
        unknown = set(value) - {"name", "country", "kind", "backer", "clients"}
        if unknown:
            raise self.fail(field, f"unknown keys {sorted(unknown)}")
        if value.get("kind") and value["kind"] not in ACTOR_KINDS:
            raise self.fail(field, f"kind {value['kind']!r} is not one of {', '.join(ACTOR_KINDS)}")
        spec = ActorSpec(value.get("name"), value.get("country"), value.get("kind"), value.get("backer"))
        if not (spec.name or spec.country or spec.backer):
            raise self.fail(field, "give a name, a country or a backer")
        return spec

    def party(self, value: Any, field: str) -> Party:
        spec = self.spec(value, field)
        if not spec.name:
            raise self.fail(field, "a party needs a name")
        if spec.country and not spec.kind:
            spec.kind = "GOV"  # a country party is its state: government and forces
        clients = value.get("clients") or []
        if not isinstance(clients, list):
            raise self.fail(f"{field}.clients", "must be a list")
        return Party(spec.name, spec, [self.spec(c, f"{field}.clients[{i}]") for i, c in enumerate(clients)])

    def zone(self) -> Zone:
        areas = None
        if self.item.get("zone") is not None:
            try:
                areas = feature_collection(self.mapping(self.item["zone"], "zone"))
            except (ValueError, TypeError, AttributeError) as exc:
                raise self.fail("zone", str(exc)) from exc
        zone = Zone(areas, [self.place(p, f"places[{i}]") for i, p in enumerate(self.listed("places"))])
        if not zone:
            raise self.fail("zone", "give a GeoJSON zone, a list of places, or both")
        return zone

    def place(self, value: Any, field: str) -> ZonePlace:
        """A place as {name, lat, lon, ...}, or a name placed by the geoparser."""
        if isinstance(value, dict) and value.get("lat") is not None:
            return ZonePlace(str(value.get("name") or field), float(value["lat"]), float(value["lon"]), value.get("country"),
                             value.get("admin1"), int(value.get("precision", 1)))
        name = value.get("name") if isinstance(value, dict) else value
        if not isinstance(name, str):
            raise self.fail(field, "a place name or {name, lat, lon}")
        if self.resolve is None:
            from ..geo import Geoparser

            self.resolve = Geoparser().resolve
        countries = [c for p in self.item.get("parties") or [] if isinstance(p, dict) for c in [p.get("country")] if c]
        found = self.resolve(name, countries, area=True)  # a zone's places are areas where the name allows
        if found is None:
            raise self.fail(field, f"cannot place {name!r}: give lat and lon")
        return ZonePlace(name, found.lat, found.lon, found.country, found.admin1, found.precision)

    def post(self, value: Any, field: str) -> dict[str, Any]:
        post = self.mapping(value, field)
        try:
            lat, lon = float(post["lat"]), float(post["lon"])
        except (KeyError, TypeError, ValueError) as exc:
            raise self.fail(field, "an observation post needs a name, lat and lon") from exc
        if not post.get("name") or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise self.fail(field, "an observation post needs a name, lat and lon")
        return {**post, "lat": lat, "lon": lon}

    def change(self, value: Any, field: str) -> Change:
        change = self.mapping(value, field)
        if change.get("action") not in ACTIONS:
            raise self.fail(field, f"action must be one of {', '.join(ACTIONS)}")
        return Change(self.date(change.get("date"), f"{field}.date"), change["action"], change.get("note"), change.get("source"))
