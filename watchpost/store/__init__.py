"""The event store: SQLite by default, PostgreSQL for a postgresql:// address (same schema).

`Store.open(target)` gives one object whose methods the CLI and the HTTP API both call.
Writes happen inside `with store.transaction():`; every insert is an upsert keyed by a
stable id, so loading the same input twice changes nothing. The connection, the SQL that
differs between engines and the schema version are in db.py; the summary tables that follow
every write of events in write.py; filtered queries and aggregates in query.py.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import zlib
from collections import Counter
from pathlib import Path
from typing import Any, Container, Iterable, Iterator, Sequence

import numpy as np

from ..merge.dedup import band_keys
from ..merge.events import regions
from ..model import Document, Event, Mention, Report
from . import migrate, query, write
from .agreements import AgreementTables
from .alerts import AlertTables
from .db import BUSY_TIMEOUT_S, INGEST_LOCK_KEY, SCHEMA_VERSION, connect, marks
from .query import REAL_STATUSES, EventFilter, around, like_literal
from .schema import PLACE_CODES, SPATIAL_TRIGGERS, SQLITE_SPATIAL, place_row, statements

__all__ = ["BUSY_TIMEOUT_S", "EVENT_COLUMNS", "INGEST_LOCK_KEY", "NO_DAYS", "REAL_STATUSES", "REPORT_COLUMNS",
           "EventFilter", "Store", "around", "content_hash", "like_literal", "report_order"]

EVENT_COLUMNS = (
    "id type family mode acled_event_type acled_sub_event_type status actor1 actor1_country actor1_kind "
    "actor2 actor2_country actor2_kind location country admin1 latitude longitude geo_precision "
    "date_start date_end date_precision first_reported last_reported n_mentions n_sources "
    "fatalities fatalities_max counts_disagree quantities notes lead disputed_by"
).split()
JSON_COLUMNS = ("quantities", "according_to", "disputed_by")  # of mentions, as Report fields hold them decoded
BACKGROUND_COLUMNS = ["id", "doc_id", "idx", "type", "sentence", "sentence_start", "sentence_end", "extract_json"]
REPORT_COLUMNS = list(Report.__dataclass_fields__)
REGION_COLUMNS = ["family", "status_class", "bucket", "event_id"]
MENTION_KEYS = ("event_id", "doc_id")  # what mention_lines looks mentions up by
NO_DAYS = -(2**31)  # event_regions.bucket of the region of reports without days (EventMerger's None)
MIGRATE_LOCK_KEY = INGEST_LOCK_KEY + 1  # PostgreSQL: one process at a time brings the schema up to date
PLACE_CODES_HASH = zlib.crc32(PLACE_CODES.encode())


def content_hash(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8", "replace")).hexdigest()


class Store(AgreementTables, AlertTables):
    """Documents, mentions, merged events and stories in one database (the agreement tables in
    agreements.py, alerts and feed state in alerts.py)."""

    def __init__(self, conn: Any, dialect: str, path: str | None = None):
        super().__init__(conn, dialect, path)
        for ddl in statements(dialect):
            self.execute(ddl)
        if self.schema_version() < SCHEMA_VERSION:
            self.migrate()
        if dialect == "sqlite" and self.meta("place_codes") != PLACE_CODES_HASH:
            with self.transaction():
                self.fill_places()

    @classmethod
    def open(cls, target: str | Path) -> Store:
        """A SQLite file path, or a postgresql:// address."""
        return cls(*connect(str(target)))

    def migrate(self) -> None:
        """Bring a store written by an older Watchpost up to SCHEMA_VERSION, in one transaction, one
        step per version (migrate.py)."""
        with self.transaction():
            if self.dialect == "postgresql":
                self.execute("SELECT pg_advisory_xact_lock(?)", [MIGRATE_LOCK_KEY])
            version = self.schema_version()
            if version >= SCHEMA_VERSION:
                return  # another process did it meanwhile
            migrate.migrate(self, version, SCHEMA_VERSION)
            self.upsert("store_meta", ["key", "value"], [["schema_version", SCHEMA_VERSION]], update=True)
            self.upsert("store_meta", ["key", "value"], [["data_version", 0]], update=False)

    def fill_places(self) -> None:
        """SQLite: the R*Tree and its triggers made afresh for the status and type codes of this
        version (schema.PLACE_CODES), and filled from the events."""
        for trigger in SPATIAL_TRIGGERS:
            self.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        self.execute("DROP TABLE IF EXISTS event_places")
        for ddl in SQLITE_SPATIAL:
            self.execute(ddl)
        self.execute(f"INSERT INTO event_places SELECT {place_row('events')} FROM events "
                     "WHERE longitude IS NOT NULL AND latitude IS NOT NULL")
        self.upsert("store_meta", ["key", "value"], [["place_codes", PLACE_CODES_HASH]], update=True)

    def optimize(self) -> None:
        """Refresh the query planner's statistics after a load (SQLite PRAGMA optimize, PostgreSQL ANALYZE)."""
        self.execute("ANALYZE" if self.dialect == "postgresql" else "PRAGMA optimize")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------
    def known_documents(self, ids: Iterable[str]) -> set[str]:
        """Which of these document ids are already stored."""
        return {r["id"] for r in self.rows_in("SELECT id FROM documents WHERE id IN ({marks})", ids)}

    def add_documents(self, docs: Iterable[Document], signatures: dict[str, bytes] | None = None) -> None:
        """Store documents (known ids are left as they are), their MinHash with its LSH bands, and search text."""
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        docs = list(docs)
        known = self.known_documents(d.id for d in docs)
        fresh = [d for d in docs if d.id not in known]
        cols = ["id", "content_hash", "title", "text", "url", "source", "published", "origin", "duplicate_of", "story_id", "ingested_at"]
        self.upsert("documents", cols, ([d.id, content_hash(d.text), d.title, d.text, d.url, d.source, d.published,
                                          d.origin, d.duplicate_of, d.story_id, now] for d in fresh), update=False)
        signatures = signatures or {}
        signed = [d.id for d in fresh if d.id in signatures]
        self.upsert("signatures", ["doc_id", "minhash"], ([i, signatures[i]] for i in signed), update=False)
        self.upsert("signature_bands", ["band", "doc_id"], band_rows({i: signatures[i] for i in signed}), update=False)
        if self.dialect == "sqlite":
            self.executemany("INSERT INTO documents_fts (doc_id, title, text) VALUES (?, ?, ?)",
                             ([d.id, d.title, d.text] for d in fresh))

    def add_mentions(self, pairs: Iterable[tuple[Report, Mention]], event_of: dict[str, str]) -> None:
        """Store mentions (as Reports plus their CONTRACT JSON) linked to their event ids."""
        pairs = list(pairs)
        cols = REPORT_COLUMNS + ["event_id", "extract_json"]
        self.upsert("mentions", cols, ([*report_values(r), event_of[r.id], json.dumps(m.to_json(), ensure_ascii=False)]
                                       for r, m in pairs), update=False)
        if self.dialect == "sqlite":
            self.executemany("INSERT INTO mentions_fts (mention_id, sentence) VALUES (?, ?)", ([r.id, r.sentence] for r, _ in pairs))

    def add_background(self, mentions: Iterable[Mention]) -> None:
        """Store background mentions (a war's toll, its history) with their document, apart from the
        mentions that make events (known ids are left as they are)."""
        self.upsert("background_mentions", BACKGROUND_COLUMNS, (
            [m.event_id, m.doc_id, m.index, m.type, m.sentence, m.start, m.end, json.dumps(m.to_json(), ensure_ascii=False)]
            for m in mentions), update=False)

    def background_lines(self, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The background mentions of these documents, in text order: id, doc_id and extract_json."""
        rows = self.rows_in("SELECT id, doc_id, idx, extract_json FROM background_mentions WHERE doc_id IN ({marks})", doc_ids)
        return sorted(rows, key=lambda r: (r["doc_id"], r["idx"]))

    def save_events(self, events: Iterable[Event]) -> None:
        """Insert or refresh merged events from their reports, filed under their merge regions,
        with the summary tables moved from the rows they replace to the new ones (write.py)."""
        events = list(events)
        rows = []
        for event in events:
            summary = event.summary()
            summary["quantities"] = json.dumps(summary["quantities"])
            summary["disputed_by"] = json.dumps(summary["disputed_by"], ensure_ascii=False) if summary["disputed_by"] else None
            rows.append(summary)
        self.save_event_rows(rows)
        self.upsert("event_regions", REGION_COLUMNS, region_rows((r, e.id) for e in events for r in e.reports), update=False)

    def save_event_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert or overwrite events given as rows of EVENT_COLUMNS, the summaries with them."""
        old = list(self.rows_in(f"SELECT {', '.join(write.FACTS)} FROM events WHERE id IN ({{marks}})", [r["id"] for r in rows]))
        self.upsert("events", EVENT_COLUMNS, ([r[c] for c in EVENT_COLUMNS] for r in rows), update=True)
        write.follow(self, old, rows)

    def fill_lookups(self) -> None:
        """Fill signature_bands and event_regions from signatures and mentions when the store was
        written before they existed (they are empty, their sources are not); one transaction."""
        def empty(table: str) -> bool:
            return not self.rows(f"SELECT EXISTS (SELECT 1 FROM {table}) AS found")[0]["found"]

        bands, filing = empty("signature_bands") and not empty("signatures"), empty("event_regions") and not empty("mentions")
        if not (bands or filing):
            return
        with self.transaction():
            if bands:
                self.insert_sorted("signature_bands", ["band", "doc_id"], (
                    band_rows({r["doc_id"]: bytes(r["minhash"]) for r in rows})
                    for rows in self.pages("SELECT doc_id, minhash FROM signatures", "doc_id")))
            if filing:
                self.insert_sorted("event_regions", REGION_COLUMNS, (
                    region_rows((Report(id=r["id"], doc_id="", original_id="", idx=0, type=r["type"], status=r["status"],
                                        date_start=r["date_start"], date_end=r["date_end"], published=r["published"],
                                        according_to=from_json(r["according_to"], None)), r["event_id"])
                                for r in rows)
                    for rows in self.pages("SELECT id, event_id, type, status, date_start, date_end, published, according_to "
                                           "FROM mentions", "id")))

    def set_stories(self, story_of: dict[str, str]) -> None:
        """Replace story assignments and the stories table."""
        self.executemany("UPDATE documents SET story_id = ? WHERE id = ?", ([s, d] for d, s in story_of.items()))
        self.execute("DELETE FROM stories")
        self.execute(
            "INSERT INTO stories (id, title, n_documents, first_published, last_published) "
            "SELECT d.story_id, (SELECT title FROM documents t WHERE t.id = d.story_id), count(*), min(d.published), max(d.published) "
            "FROM documents d WHERE d.story_id IS NOT NULL GROUP BY d.story_id")

    # -- reading ----------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {t: self.rows(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in ("documents", "mentions", "events", "stories")}

    def region_events(self, family: str, status_class: str, buckets: Sequence[int | None] | None,
                      held: Container[str]) -> list[Event]:
        """The stored events filed under these merge regions (EventMerger's loader; buckets None: every
        region of the family and status class), but those in `held`, each with its reports."""
        sql, params = "SELECT DISTINCT event_id FROM event_regions WHERE family = ? AND status_class = ?", [family, status_class]
        if buckets is not None:
            sql += f" AND bucket IN ({marks(len(buckets))})"
            params += [NO_DAYS if b is None else b for b in buckets]
        ids = [r["event_id"] for r in self.rows(sql, params) if r["event_id"] not in held]
        by_id: dict[str, Event] = {}
        for row in self.rows_in(f"SELECT {', '.join(REPORT_COLUMNS)}, event_id FROM mentions WHERE event_id IN ({{marks}})", ids):
            event_id = row.pop("event_id")
            by_id.setdefault(event_id, Event(id=event_id)).reports.append(report_from_row(row))
        for event in by_id.values():
            event.reports.sort(key=report_order)  # in Python: the database's collation may order text otherwise
        return list(by_id.values())

    def band_documents(self, keys: Sequence[bytes]) -> Counter[str]:
        """Stored documents filed under these LSH band keys (merge.dedup.band_keys), with how many each has."""
        return Counter({r["doc_id"]: r["n"] for r in self.rows(
            f"SELECT doc_id, count(*) AS n FROM signature_bands WHERE band IN ({marks(len(keys))}) GROUP BY doc_id", keys)})

    def ingest_order(self, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
        """(id, published, duplicate_of) of these stored documents in the order ingest stored them."""
        return self.rows(f"SELECT id, published, duplicate_of FROM documents WHERE id IN ({marks(len(doc_ids))}) "
                         "ORDER BY ingested_at, id", doc_ids)

    def text(self, doc_id: str) -> str:
        return self.rows("SELECT text FROM documents WHERE id = ?", [doc_id])[0]["text"]

    def story_documents(self) -> Iterator[Document]:
        """Every stored document with what story clustering reads, oldest first, streamed."""
        for r in self.stream("SELECT id, text, published, duplicate_of FROM documents ORDER BY ingested_at, id"):
            yield Document(id=r["id"], text=r["text"], published=r["published"], duplicate_of=r["duplicate_of"])

    def query_events(self, filters: EventFilter | None = None) -> list[dict[str, Any]]:
        """Events matching the filters, oldest first, each with its `sources`."""
        return self.with_sources([decode_event(r) for r in query.page(self, filters or EventFilter())])

    def count_events(self, filters: EventFilter) -> int:
        """How many events match the filters (from the summaries where they can tell)."""
        return query.count_events(self, filters)

    def event_timeline(self, filters: EventFilter, interval: str) -> list[dict[str, Any]]:
        """Filtered events per day, week or month, by type and status."""
        return query.timeline(self, filters, interval)

    def actors_and_dyads(self, filters: EventFilter, limit: int) -> dict[str, list[dict[str, Any]]]:
        """Actors of the filtered events with their event counts, and actor1 -> actor2 dyads."""
        return query.actors_and_dyads(self, filters, limit)

    def clusters(self, filters: EventFilter, zoom: int) -> list[dict[str, Any]]:
        """Placed events on a map grid for this zoom level."""
        return query.clusters(self, filters, zoom)

    def area_events(self, filters: EventFilter, grouped: bool = False) -> list[dict[str, Any]]:
        """Filtered events placed only at a province or larger, or their counts per place, type and status."""
        return query.areas(self, filters, grouped)

    def with_sources(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Attach each event's mentions with their documents' title, url, source and date."""
        by_id = {e["id"]: e for e in events}
        for e in events:
            e["sources"] = []
        for m in self.rows_in(
                "SELECT m.event_id, m.id AS mention_id, m.doc_id, m.original_id, m.status, m.sentence, m.quantities, "
                "m.lead, m.according_to, d.title, d.url, d.source, d.published FROM mentions m JOIN documents d ON d.id = m.doc_id "
                "WHERE m.event_id IN ({marks}) ORDER BY d.published, m.id", list(by_id)):
            m["quantities"] = from_json(m["quantities"], [])
            m["according_to"], m["lead"] = from_json(m["according_to"], None), bool(m["lead"])
            by_id[m.pop("event_id")]["sources"].append(m)
        return events

    def event(self, event_id: str) -> dict[str, Any] | None:
        rows = self.rows("SELECT * FROM events WHERE id = ?", [event_id])
        return self.with_sources([decode_event(rows[0])])[0] if rows else None

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """A stored document with the ids of the events it reports."""
        rows = self.rows("SELECT id, title, text, url, source, published, origin, duplicate_of, story_id, ingested_at "
                         "FROM documents WHERE id = ?", [doc_id])
        if not rows:
            return None
        doc = rows[0]
        doc["events"] = [r["event_id"] for r in self.rows("SELECT DISTINCT event_id FROM mentions WHERE doc_id = ? ORDER BY event_id", [doc_id])]
        return doc

    def mention_lines(self, column: str, value: str) -> list[dict[str, Any]]:
        """The stored mentions of one event (column event_id) or one document (doc_id), by date:
        id, doc_id, event_id and extract_json (its CONTRACT line)."""
        if column not in MENTION_KEYS:
            raise ValueError(f"mentions are looked up by {' or '.join(MENTION_KEYS)}")
        return self.rows(f"SELECT id, doc_id, event_id, extract_json FROM mentions WHERE {column} = ? ORDER BY published, id",
                         [value])

    def stories(self) -> list[dict[str, Any]]:
        return self.rows("SELECT * FROM stories ORDER BY first_published, id")

    def actors(self) -> list[dict[str, Any]]:
        """Each actor name with its country, kind and how many events it takes part in."""
        return self.rows(
            "SELECT name, country, kind, count(DISTINCT id) AS events FROM ("
            "SELECT id, actor1 AS name, actor1_country AS country, actor1_kind AS kind FROM events WHERE actor1 IS NOT NULL "
            "UNION ALL SELECT id, actor2, actor2_country, actor2_kind FROM events WHERE actor2 IS NOT NULL) a "
            "GROUP BY name, country, kind ORDER BY events DESC, name")

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Documents whose title or text matches a full-text query, best first."""
        query = query.replace("\x00", " ")  # neither engine takes a NUL in a query
        if not query.split():
            return []  # no words: FTS5 would refuse an empty query
        if self.dialect == "postgresql":
            return self.rows(
                "SELECT id, title, published FROM documents WHERE to_tsvector('english', coalesce(title, '') || ' ' || text) "
                "@@ plainto_tsquery('english', ?) ORDER BY published, id LIMIT ?", [query, limit])
        return self.rows("SELECT d.id, d.title, d.published FROM documents_fts f JOIN documents d ON d.id = f.doc_id "
                         "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?", [fts_phrase(query), limit])


def fts_phrase(query: str) -> str:
    """Quote each word so user text is never read as FTS5 syntax."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in query.split())


def report_order(r: Report) -> tuple[str, int]:
    """How an event's reports are ordered, in memory and when loaded: by document, then position."""
    return r.doc_id, r.idx


def band_rows(signatures: dict[str, bytes]) -> Iterator[list[Any]]:
    """signature_bands rows: each document under the LSH band keys of its MinHash."""
    return ([key, doc_id] for doc_id, minhash in signatures.items() for key in band_keys(np.frombuffer(minhash, dtype="<u4")))


def region_rows(reports: Iterable[tuple[Report, str]]) -> set[tuple[str, str, int, str]]:
    """event_regions rows: each event id under the merge regions (merge.events.regions) of its reports."""
    return {(f, sc, NO_DAYS if b is None else b, event_id) for report, event_id in reports for f, sc, b in regions(report)}


def report_values(r: Report) -> list[Any]:
    row = r.row()
    for column in JSON_COLUMNS:  # a list always (as before the claims' columns), a source or disputes when any
        row[column] = json.dumps(row[column], ensure_ascii=False) if row[column] or column == "quantities" else None
    row["lead"] = int(row["lead"])
    return [row[c] for c in REPORT_COLUMNS]


def report_from_row(row: dict[str, Any]) -> Report:
    row = {c: row[c] for c in REPORT_COLUMNS}
    row["quantities"], row["disputed_by"] = from_json(row["quantities"], []), from_json(row["disputed_by"], [])
    row["according_to"], row["lead"] = from_json(row["according_to"], None), bool(row["lead"])
    return Report(**row)


def decode_event(row: dict[str, Any]) -> dict[str, Any]:
    row["quantities"] = from_json(row["quantities"], {})
    row["disputed_by"], row["lead"] = from_json(row["disputed_by"], []), bool(row["lead"])
    return row


def from_json(text: str | None, empty: Any) -> Any:
    """A JSON column's value; `empty` for NULL or an empty list or object (most rows: no parse)."""
    return empty if text is None or text in ("{}", "[]", "") else json.loads(text)
