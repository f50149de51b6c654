"""Bringing a store written by an older Watchpost up to db.SCHEMA_VERSION: one step per version,
run in order from the store's own version, all in one transaction (Store.migrate).

- 2: retired indexes dropped, the spatial index and the summary tables filled from the events.
- 3: the columns of schema.ADDED_COLUMNS (`lead` on events and mentions, `according_to` and
  `disputed_by` on mentions, `disputed_by` on events) and the background_mentions table (made
  with the other tables). Mentions take their lead and source from their stored CONTRACT line
  (`extract_json`), events their lead from their mentions; an event's `disputed_by` is written
  the next time a report joins it (events already stored were merged before denials joined them).
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Callable

from . import write
from .schema import ADDED_COLUMNS, RETIRED_INDEXES

if TYPE_CHECKING:
    from . import Store

CLAIMED = ('%"lead": true%', '%"according_to": {%', '%"disputed_by": [{%')  # lines with something to copy


def to_2(store: Store) -> None:
    for index in RETIRED_INDEXES:
        store.execute(f"DROP INDEX IF EXISTS {index}")
    if store.dialect == "sqlite":
        store.fill_places()
    write.rebuild(store)


def to_3(store: Store) -> None:
    for table, columns in ADDED_COLUMNS.items():
        for name, ddl in columns:
            store.add_column(table, name, ddl)
    rows = store.rows("SELECT id, extract_json FROM mentions WHERE "
                      + " OR ".join("extract_json LIKE ?" for _ in CLAIMED), list(CLAIMED))
    updates = []
    for row in rows:
        line = json.loads(row["extract_json"])
        said, disputed = line.get("according_to"), line.get("disputed_by")
        updates.append([int(bool(line.get("lead"))), json.dumps(said, ensure_ascii=False) if said else None,
                        json.dumps(disputed, ensure_ascii=False) if disputed else None, row["id"]])
    store.executemany("UPDATE mentions SET lead = ?, according_to = ?, disputed_by = ? WHERE id = ?", updates)
    store.execute("UPDATE events SET lead = 1 WHERE id IN (SELECT event_id FROM mentions WHERE lead = 1)")


STEPS: dict[int, Callable[[Store], None]] = {2: to_2, 3: to_3}


def migrate(store: Store, version: int, target: int) -> None:
    """Run the steps from `version` (the store's) up to `target`, inside the caller's transaction."""
    for step in range(version + 1, target + 1):
        STEPS[step](store)
