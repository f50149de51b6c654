"""The Agreement object (DESIGN.md): parties, zone, observation posts, period and status over time.

Its parties (watchpost.agreements.parties.Party) and zone (watchpost.agreements.zone.Zone) carry the
rules of who is bound and where, so they live with the agreements; reading an agreement back from
its table row is watchpost.agreements.storage's."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from ..agreements.parties import Party
    from ..agreements.zone import Zone

AGREEMENT_KINDS = ("ceasefire", "truce", "de-escalation zone", "exchange")
ACTIONS = ("establish", "extend", "suspend", "resume", "end", "talks")
STATUS_AFTER = {"establish": "in force", "extend": "in force", "resume": "in force", "suspend": "suspended",
                "end": "ended"}


@dataclass
class Change:
    """One step in an agreement's life: declared by a user (note, source) or read in a mention."""

    date: str  # the first day it may have happened
    action: str  # one of ACTIONS
    note: str | None = None
    source: str | None = None  # a source id of the agreement (declared)
    mention_id: str | None = None  # the mention that reports it (detected)
    until: str | None = None  # the last day it may have happened (None: on `date`)

    def width(self) -> int:
        return (dt.date.fromisoformat(self.until or self.date) - dt.date.fromisoformat(self.date)).days


@dataclass
class Agreement:
    """A ceasefire, truce, de-escalation zone or exchange; `origin` is "declared" or "detected"."""

    id: str
    name: str
    kind: str
    origin: str
    parties: list[Party]
    zone: Zone
    posts: list[dict[str, Any]] = field(default_factory=list)  # observation posts: name, lat, lon, note
    keywords: list[str] = field(default_factory=list)  # words that name it or its zone in a text
    start: str | None = None
    end: str | None = None  # None: open, or the first "end" in its history
    history: list[Change] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)

    def period(self) -> tuple[str, str | None]:
        """First and last day it surely binds its parties (last None: still open). Read from its
        history, each bound comes from the most precisely dated step: the last day an establishing
        step may have happened, the first day an ending one may have."""
        start = self.start or precise(self.history, "establish", "0001-01-01", lambda c: c.until or c.date)
        ends = [c for c in self.history if c.action == "end" and (c.until or c.date) >= start]
        return start, self.end or precise(ends, "end", None, lambda c: c.date)

    def overlaps(self, lo: str, hi: str) -> bool:
        """Whether the days lo..hi share a day with its period."""
        start, end = self.period()
        return hi >= start and (end is None or lo <= end)

    def row(self, status: str | None) -> dict[str, Any]:
        """Its agreements-table row by column, with the status its whole timeline gives."""
        start, end = self.period()
        return {
            "id": self.id, "name": self.name, "kind": self.kind, "origin": self.origin,
            "parties": json.dumps([p.to_json() for p in self.parties], ensure_ascii=False),
            "zone": json.dumps(self.zone.areas, ensure_ascii=False) if self.zone.areas else None,
            "places": json.dumps([asdict(p) for p in self.zone.places], ensure_ascii=False),
            "posts": json.dumps(self.posts, ensure_ascii=False),
            "keywords": json.dumps(self.keywords, ensure_ascii=False),
            "date_start": start, "date_end": end, "status": status,
            "history": json.dumps([asdict(c) for c in self.history], ensure_ascii=False),
            "sources": json.dumps(self.sources, ensure_ascii=False),
            "updated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        }


def precise(changes: list[Change], action: str, default: str | None, day: Callable[[Change], str]) -> str | None:
    """`day` of the narrowest-dated change with this action (the earliest among equals)."""
    steps = [c for c in changes if c.action == action]
    return day(min(steps, key=lambda c: (c.width(), c.date))) if steps else default


def status_at(changes: list[Change]) -> str | None:
    """The status the latest status-changing step leaves (talks change nothing)."""
    steps = sorted((c.date, STATUS_AFTER[c.action]) for c in changes if c.action in STATUS_AFTER)
    return steps[-1][1] if steps else None
