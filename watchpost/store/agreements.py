"""The agreement tables of the store (agreements, agreement_mentions, violations) and the
mention and event lookups that agreement detection and violation linking read.

Rows go in and come out as dicts keyed by column (what `Agreement.row` and `Violation.row` give).
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Mapping, Sequence

from .db import Database, marks

AGREEMENT_COLUMNS = (
    "id name kind origin parties zone places posts keywords date_start date_end status history sources updated_at"
).split()
VIOLATION_COLUMNS = "agreement_id event_id kind party actor mention_id areas date".split()
SAID_COLUMNS = (
    "id, event_id, doc_id, type, status, date_start, date_end, published, extract_json"  # agreements.match.Said
)


def words_clause(words: Sequence[str]) -> tuple[str, list[str]]:
    """A WHERE clause (and its parameters) keeping mentions whose sentence contains any of the
    lower-case words: a cheap filter both databases run before the agreement rules' regular expressions."""
    return "(" + " OR ".join("lower(sentence) LIKE ?" for _ in words) + ")", [f"%{w}%" for w in words]


class AgreementTables(Database):
    """Reading and writing agreements, their mention links and their violations."""

    # -- agreements -----------------------------------------------------------------------
    def agreement_rows(self, origin: str | None = None) -> list[dict[str, Any]]:
        """Stored agreements (of one origin, or all), by start date."""
        where, params = ("WHERE origin = ?", [origin]) if origin else ("", [])
        return self.rows(f"SELECT * FROM agreements {where} ORDER BY date_start, id", params)

    def agreement_row(self, agreement_id: str) -> dict[str, Any] | None:
        rows = self.rows("SELECT * FROM agreements WHERE id = ?", [agreement_id])
        return rows[0] if rows else None

    def agreement_statuses(self) -> dict[str, str | None]:
        """Each stored agreement's current status, by id."""
        return {r["id"]: r["status"] for r in self.rows("SELECT id, status FROM agreements")}

    def save_agreements(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Insert or replace agreements given as rows by column (AGREEMENT_COLUMNS)."""
        self.upsert("agreements", AGREEMENT_COLUMNS, ([r[c] for c in AGREEMENT_COLUMNS] for r in rows), update=True)

    def replace_derived_agreements(
        self,
        agreements: Iterable[Mapping[str, Any]],
        links: Iterable[Sequence[Any]],
        violations: Iterable[Mapping[str, Any]],
    ) -> None:
        """Swap in freshly derived data (inside the caller's transaction): detected agreements go,
        with every mention link and violation; then `agreements` (rows by column), `links`
        (agreement_id, mention_id, action, date) and `violations` (rows by column) are written."""
        self.execute("DELETE FROM violations")
        self.execute("DELETE FROM agreement_mentions")
        self.execute("DELETE FROM agreements WHERE origin = 'detected'")
        self.save_agreements(agreements)
        self.executemany(
            "INSERT INTO agreement_mentions (agreement_id, mention_id, action, date) VALUES (?, ?, ?, ?)", links
        )
        self.executemany(
            f"INSERT INTO violations ({', '.join(VIOLATION_COLUMNS)}) VALUES ({marks(len(VIOLATION_COLUMNS))})",
            ([v[c] for c in VIOLATION_COLUMNS] for v in violations),
        )

    def agreement_links(self, agreement_id: str) -> list[dict[str, Any]]:
        """The mentions read as status changes of an agreement: mention_id, action, date."""
        return self.rows(
            "SELECT mention_id, action, date FROM agreement_mentions WHERE agreement_id = ?", [agreement_id]
        )

    # -- violations -----------------------------------------------------------------------
    def violation_counts(self) -> dict[str, dict[str, int]]:
        """Per agreement id, how many violations of each kind (observed, accused) it has."""
        found: dict[str, dict[str, int]] = {}
        for row in self.rows("SELECT agreement_id, kind, count(*) AS n FROM violations GROUP BY agreement_id, kind"):
            found.setdefault(row["agreement_id"], {})[row["kind"]] = row["n"]
        return found

    def violation_events(self, agreement_id: str) -> list[dict[str, Any]]:
        """An agreement's violations with their events' type, status, place, fatalities and sources,
        by date; `areas` decoded."""
        rows = self.rows(
            "SELECT v.kind, v.event_id, v.party, v.actor, v.mention_id, v.areas, v.date, e.type, e.status, "
            "e.location, e.latitude, e.longitude, e.fatalities, e.n_sources FROM violations v "
            "JOIN events e ON e.id = v.event_id WHERE v.agreement_id = ? ORDER BY v.date, v.event_id, v.mention_id",
            [agreement_id],
        )
        for row in rows:
            row["areas"] = json.loads(row["areas"]) if row["areas"] else None
        return rows

    def violations_per_party(self, agreement_id: str) -> list[dict[str, Any]]:
        """(party, kind, n): an agreement's violations counted per party held responsible and kind."""
        return self.rows(
            "SELECT party, kind, count(*) AS n FROM violations WHERE agreement_id = ? GROUP BY party, kind",
            [agreement_id],
        )

    # -- what the agreement rules read ------------------------------------------------------
    def mention_sources(self, mention_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The sentence and document (doc_id, title, url, source, published) behind each mention id."""
        return {
            r["mention_id"]: r
            for r in self.rows_in(
                "SELECT m.id AS mention_id, m.doc_id, m.sentence, d.title, d.url, d.source, d.published "
                "FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.id IN ({marks})",
                mention_ids,
            )
        }

    def event_lines(self, event_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """The CONTRACT lines of every mention of each event, by mention id."""
        found: dict[str, list[dict[str, Any]]] = {}
        for row in self.rows_in(
            "SELECT event_id, extract_json FROM mentions WHERE event_id IN ({marks}) ORDER BY id", event_ids
        ):
            found.setdefault(row["event_id"], []).append(json.loads(row["extract_json"]))
        return found

    def said(self, types: Sequence[str], statuses: Sequence[str], words: Sequence[str]) -> list[dict[str, Any]]:
        """Mentions (SAID_COLUMNS) of these types and statuses whose sentence holds any of these
        lower-case words, by id."""
        clause, params = words_clause(words)
        return self.rows(
            f"SELECT {SAID_COLUMNS} FROM mentions WHERE type IN ({marks(len(types))}) "
            f"AND status IN ({marks(len(statuses))}) AND {clause} ORDER BY id",
            [*types, *statuses, *params],
        )

    def events_in_period(
        self,
        types: Sequence[str],
        statuses: Sequence[str],
        max_precision: int,
        start: str,
        end: str | None,
        box: Sequence[float] | None,
    ) -> list[dict[str, Any]]:
        """Placed events of these types and statuses, at most this imprecise, on days within start..end
        and inside the box (min lon, min lat, max lon, max lat), if any: id, latitude, longitude,
        country, admin1, actor1, and the first and last day they may be on (lo, hi)."""
        sql = (
            f"SELECT id, latitude, longitude, country, admin1, actor1, coalesce(date_start, first_reported) AS lo, "
            f"coalesce(date_end, date_start, last_reported) AS hi FROM events WHERE type IN ({marks(len(types))}) "
            f"AND status IN ({marks(len(statuses))}) AND latitude IS NOT NULL AND geo_precision <= ? "
            "AND coalesce(date_start, first_reported) >= ?"
        )
        params: list[Any] = [*types, *statuses, max_precision, start]
        if end:
            sql += " AND coalesce(date_end, date_start, last_reported) <= ?"
            params.append(end)
        if box:
            sql += " AND longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?"
            params += [box[0], box[2], box[1], box[3]]
        return self.rows(sql, params)
