"""The store's bookkeeping tables for `watchpost watch` (alerts, watch_cursors) and for feed
reading (feed_state)."""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from .db import Database


class AlertTables(Database):
    """Alert state, watch cursors and the feed items already read."""

    # -- watch ----------------------------------------------------------------------------
    def pending_alerts(self) -> int:
        """How many alerts are still undelivered to some output."""
        return self.rows("SELECT count(*) AS n FROM alerts WHERE pending <> '[]'")[0]["n"]

    def watch_cursor(self, rule: str) -> str | None:
        """The ingest time up to which a rule has been checked, if it has been."""
        rows = self.rows("SELECT since FROM watch_cursors WHERE rule = ?", [rule])
        return rows[0]["since"] if rows else None

    def last_ingested(self) -> str | None:
        """When the newest document was stored."""
        return self.rows("SELECT max(ingested_at) AS t FROM documents")[0]["t"]

    def alerted_events(self, rule: str) -> set[str]:
        """The events a rule has already fired for."""
        return {r["event_id"] for r in self.rows("SELECT event_id FROM alerts WHERE rule = ?", [rule])}

    def add_alerts(self, rows: Iterable[Sequence[Any]]) -> None:
        """New alerts as (rule, event_id, fired_at, pending, payload); known ones are left."""
        self.executemany(
            "INSERT INTO alerts (rule, event_id, fired_at, pending, payload) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (rule, event_id) DO NOTHING",
            rows,
        )

    def set_watch_cursor(self, rule: str, since: str) -> None:
        self.execute(
            "INSERT INTO watch_cursors (rule, since) VALUES (?, ?) "
            "ON CONFLICT (rule) DO UPDATE SET since = excluded.since",
            [rule, since],
        )

    def undelivered(self, rule: str) -> list[dict[str, Any]]:
        """A rule's alerts some output has not had yet: payload and pending (JSON)."""
        return self.rows("SELECT payload, pending FROM alerts WHERE rule = ? AND pending <> '[]'", [rule])

    def set_pending(self, rule: str, event_id: str, pending: str) -> None:
        """The outputs (a JSON list of keys) an alert is still to be delivered to."""
        self.execute("UPDATE alerts SET pending = ? WHERE rule = ? AND event_id = ?", [pending, rule, event_id])

    # -- feeds ----------------------------------------------------------------------------
    def feed_item_read(self, item: str, content_hash: str) -> bool:
        """Whether a feed item (guid or URL) with this content was read by an earlier run."""
        return bool(self.rows("SELECT 1 FROM feed_state WHERE item = ? AND hash = ?", [item, content_hash]))

    def remember_feed_items(self, rows: Iterable[Sequence[Any]]) -> None:
        """Feed items read, as (item, hash, feed, doc_id, seen_at); known ones are left."""
        self.executemany(
            "INSERT INTO feed_state (item, hash, feed, doc_id, seen_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (item, hash) DO NOTHING",
            rows,
        )
