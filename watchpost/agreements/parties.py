"""Who is bound by an agreement: its parties and their clients, matched against event actors.

An actor is a CONTRACT actor dict (`name`, `country`, `kind`, `backer`). A spec names any of
those fields; the actor matches when every field the spec gives agrees and at least one of
them does so positively. Government and military count as one side (the state). A name is
compared only when the actor is a named group: a generic actor ("Yemeni rebels") may be the
named party ("Houthis") of its country and kind, but never a different named group.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

QUALIFIER_RE = re.compile(r"\s*\([^)]*\)")
STATE = {"GOV", "MIL"}


def bare(name: str | None) -> str:
    """A canonical name without qualifiers such as "(Turkey-backed)", lower case."""
    return QUALIFIER_RE.sub("", name or "").strip().lower()


@lru_cache(maxsize=1)
def group_names() -> frozenset[str]:
    """Canonical names and aliases of the named groups in the actor dictionary."""
    from ..actors.dictionary import actor_dictionary

    return frozenset(bare(alias) for alias, e in actor_dictionary().entries.items() if e.role == "group")


def same_kind(a: str | None, b: str | None) -> bool:
    return a == b or (a in STATE and b in STATE)


def relevant(actor: dict[str, Any] | None) -> bool:
    """An actor that can be bound by an agreement: placed in a country or a named group, and not
    an international organisation (mediators and monitors are never parties)."""
    return bool(actor) and actor.get("kind") != "IGO" and bool(actor.get("country") or bare(actor.get("name")) in group_names())


@dataclass
class ActorSpec:
    """A description of actors: any of name, country (ISO3), kind, backer (patron's ISO3)."""

    name: str | None = None
    country: str | None = None
    kind: str | None = None
    backer: str | None = None

    def matches(self, actor: dict[str, Any]) -> bool:
        checks = []
        if self.country:
            checks.append(actor.get("country") == self.country)
        if self.kind:
            checks.append(same_kind(actor.get("kind"), self.kind))
        if self.backer:
            checks.append(actor.get("backer") == self.backer)
        if self.name and bare(actor.get("name")) in group_names():
            checks.append(bare(actor.get("name")) == bare(self.name))
        return bool(checks) and all(checks)

    @classmethod
    def of(cls, actor: dict[str, Any]) -> ActorSpec:
        """The spec an actor named in a text stands for: its country and kind, and its name when
        it is a named group."""
        named = bare(actor.get("name")) in group_names()
        return cls(name=actor["name"] if named else None, country=actor.get("country"), kind=actor.get("kind"))


@dataclass
class Party:
    """One side of an agreement: the party itself and the clients whose acts count as its own.
    Actors backed by the party's country are always its clients."""

    name: str
    actor: ActorSpec
    clients: list[ActorSpec] = field(default_factory=list)

    def role(self, actor: dict[str, Any]) -> str | None:
        """"party", "client" or None for an actor."""
        if self.actor.matches(actor):
            return "party"
        if (self.actor.country and actor.get("backer") == self.actor.country) or any(c.matches(actor) for c in self.clients):
            return "client"
        return None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, **{k: v for k, v in asdict(self.actor).items() if v},
                "clients": [{k: v for k, v in asdict(c).items() if v} for c in self.clients]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Party:
        spec = {k: data.get(k) for k in ("name", "country", "kind", "backer")}
        return cls(data["name"], ActorSpec(**spec), [ActorSpec(**c) for c in data.get("clients") or []])


def side_of(parties: list[Party], actor: dict[str, Any] | None) -> tuple[str, str] | None:
    """(party name, "party" or "client") for the first party the actor belongs to."""
    if not actor:
        return None
    for party in parties:
        role = party.role(actor)
        if role:
            return party.name, role
    return None
