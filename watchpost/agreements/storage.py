"""Agreements in the store: the agreements, agreement_mentions and violations tables (SCHEMA.md).

Declared agreements are kept until replaced by a new declaration with the same id; everything
read from text (detected agreements, the mentions behind each, violations) is derived data,
rebuilt whole by `link.update` in one transaction.
"""
from __future__ import annotations

from typing import Any, Iterable

from .model import COLUMNS, Agreement, Change, status_at
from .violations import COLUMNS as VIOLATION_COLUMNS, Violation


def load(store: Any, origin: str | None = None) -> list[Agreement]:
    """Stored agreements (of one origin, or all), by start date."""
    where, params = ("WHERE origin = ?", [origin]) if origin else ("", [])
    return [Agreement.from_row(r) for r in store.rows(f"SELECT * FROM agreements {where} ORDER BY date_start, id", params)]


def get(store: Any, agreement_id: str) -> Agreement | None:
    rows = store.rows("SELECT * FROM agreements WHERE id = ?", [agreement_id])
    return Agreement.from_row(rows[0]) if rows else None


def write(store: Any, agreements: Iterable[Agreement], statuses: dict[str, str | None]) -> None:
    """Insert or replace agreements with their current status."""
    store.upsert("agreements", COLUMNS, (a.row(statuses.get(a.id)) for a in agreements), update=True)


def replace_derived(store: Any, declared: list[Agreement], detected: list[Agreement],
                    links: list[tuple[str, str, str, str]], violations: list[Violation]) -> None:
    """Swap in freshly derived agreements, mention links and violations (inside a transaction)."""
    read: dict[str, list[Change]] = {}
    for agreement_id, mention_id, action, date in links:
        read.setdefault(agreement_id, []).append(Change(date, action, mention_id=mention_id))
    statuses = {a.id: status_at([c for c in a.history if not c.mention_id] + read.get(a.id, [])) for a in declared + detected}
    store.execute("DELETE FROM violations")
    store.execute("DELETE FROM agreement_mentions")
    store.execute("DELETE FROM agreements WHERE origin = 'detected'")
    write(store, declared + detected, statuses)
    store.executemany("INSERT INTO agreement_mentions (agreement_id, mention_id, action, date) VALUES (?, ?, ?, ?)", links)
    store.executemany(f"INSERT INTO violations ({', '.join(VIOLATION_COLUMNS)}) VALUES ({', '.join('?' * len(VIOLATION_COLUMNS))})",
                      (v.row() for v in violations))
