"""Agreements in the store: the agreements, agreement_mentions and violations tables (SCHEMA.md).

Declared agreements are kept until replaced by a new declaration with the same id; everything
read from text (detected agreements, the mentions behind each, violations) is derived data,
rebuilt whole by `link.update` in one transaction.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterable

from ..model.agreement import Agreement, Change, status_at
from .parties import Party
from .violations import Violation
from .zone import Zone, ZonePlace

if TYPE_CHECKING:
    from ..store import Store


def load(store: Store, origin: str | None = None) -> list[Agreement]:
    """Stored agreements (of one origin, or all), by start date."""
    return [from_row(r) for r in store.agreement_rows(origin)]


def get(store: Store, agreement_id: str) -> Agreement | None:
    row = store.agreement_row(agreement_id)
    return from_row(row) if row else None


def from_row(row: dict[str, Any]) -> Agreement:
    """An agreement as `Agreement.row` stored it."""
    load = lambda column: json.loads(row[column]) if row[column] else None  # noqa: E731
    return Agreement(
        id=row["id"], name=row["name"], kind=row["kind"], origin=row["origin"],
        parties=[Party.from_json(p) for p in load("parties")],
        zone=Zone(load("zone"), [ZonePlace(**p) for p in load("places") or []]),
        posts=load("posts") or [], keywords=load("keywords") or [],
        start=row["date_start"], end=row["date_end"] if row["origin"] == "declared" else None,
        history=[Change(**c) for c in load("history") or []], sources=load("sources") or [],
    )


def write(store: Store, agreements: Iterable[Agreement], statuses: dict[str, str | None]) -> None:
    """Insert or replace agreements with their current status."""
    store.save_agreements(a.row(statuses.get(a.id)) for a in agreements)


def replace_derived(store: Store, declared: list[Agreement], detected: list[Agreement],
                    links: list[tuple[str, str, str, str]], violations: list[Violation]) -> None:
    """Swap in freshly derived agreements, mention links and violations (inside a transaction)."""
    read: dict[str, list[Change]] = {}
    for agreement_id, mention_id, action, date in links:
        read.setdefault(agreement_id, []).append(Change(date, action, mention_id=mention_id))
    statuses = {a.id: status_at([c for c in a.history if not c.mention_id] + read.get(a.id, [])) for a in declared + detected}
    store.replace_derived_agreements([a.row(statuses.get(a.id)) for a in declared + detected], links,
                                     [v.row() for v in violations])
