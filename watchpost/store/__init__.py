"""The event store: SQLite by default, PostgreSQL for a postgresql:// address (same schema).

`Store.open(target)` gives one object whose methods the CLI and the HTTP API both call.
Writes happen inside `with store.transaction():`; every insert is an upsert keyed by a
stable id, so loading the same input twice changes nothing. SQL is written once with `?`
parameters; the PostgreSQL connection translates them.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import sqlite3
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Container, Iterable, Iterator, Sequence

try:
    import fcntl
except ImportError:  # not POSIX: no lock file; one ingest at a time is then up to the user
    fcntl = None  # type: ignore[assignment]

import numpy as np

from ..merge.dedup import band_keys
from ..merge.events import Event, Report, km, regions
from ..model import Document, Mention
from .schema import statements

EVENT_COLUMNS = (
    "id type family mode acled_event_type acled_sub_event_type status actor1 actor1_country actor1_kind "
    "actor2 actor2_country actor2_kind location country admin1 latitude longitude geo_precision "
    "date_start date_end date_precision first_reported last_reported n_mentions n_sources "
    "fatalities fatalities_max counts_disagree quantities notes"
).split()
REPORT_COLUMNS = list(Report.__dataclass_fields__)
REGION_COLUMNS = ["family", "status_class", "bucket", "event_id"]
KEYS = {"signatures": "doc_id", "signature_bands": "band, doc_id", "event_regions": ", ".join(REGION_COLUMNS)}  # else id
NO_DAYS = -(2**31)  # event_regions.bucket of the region of reports without days (EventMerger's None)
REAL_STATUSES = ("occurred", "ongoing")
BUSY_TIMEOUT_S = 30.0  # SQLite: how long a statement waits for another connection's write before "database is locked"
INGEST_LOCK_KEY = 0x77617463  # PostgreSQL advisory lock held by the ingest running on a database


def content_hash(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8", "replace")).hexdigest()


@dataclass
class EventFilter:
    """What `query_events` selects; every field is optional. Statuses default to real events."""

    types: Sequence[str] = ()
    statuses: Sequence[str] | None = REAL_STATUSES  # None: every status
    actor: str | None = None  # substring of either actor's name, case-insensitive
    country: str | None = None  # ISO3 of the place or of either actor
    since: str | None = None
    until: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    near: tuple[float, float] | None = None  # lat, lon
    radius_km: float = 50.0
    source: str | None = None  # a document id or source name behind the event
    min_sources: int = 1
    ingested_since: str | None = None  # UTC time: events a document stored since then reports
    agreement: str | None = None  # events linked to this agreement as violations
    violation: str | None = None  # with `agreement`: only "observed" or only "accused" ones
    limit: int | None = None
    offset: int = 0

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause and its parameters (near is refined by distance afterwards)."""
        clauses, params = ["n_sources >= ?"], [self.min_sources]
        if self.types:
            clauses.append(f"type IN ({','.join('?' * len(self.types))})")
            params += [t.upper() for t in self.types]
        if self.statuses:
            clauses.append(f"status IN ({','.join('?' * len(self.statuses))})")
            params += list(self.statuses)
        if self.actor:
            clauses.append("(lower(actor1) LIKE ? ESCAPE '\\' OR lower(actor2) LIKE ? ESCAPE '\\')")
            params += [f"%{like_literal(self.actor.lower())}%"] * 2
        if self.country:
            clauses.append("(country = ? OR actor1_country = ? OR actor2_country = ?)")
            params += [self.country.upper()] * 3
        if self.since:
            clauses.append("coalesce(date_end, date_start, last_reported) >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("coalesce(date_start, date_end, first_reported) <= ?")
            params.append(self.until)
        box = self.bbox or (self.near and around(*self.near, self.radius_km))
        if box:
            clauses.append("longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?")
            params += [box[0], box[2], box[1], box[3]]
        if self.source:
            clauses.append("events.id IN (SELECT m.event_id FROM mentions m JOIN documents d ON d.id = m.doc_id "
                           "WHERE d.id = ? OR d.source = ?)")  # one pass over the source's mentions
            params += [self.source] * 2
        if self.ingested_since:
            clauses.append("EXISTS (SELECT 1 FROM mentions m JOIN documents d ON d.id = m.doc_id "
                           "WHERE m.event_id = events.id AND d.ingested_at >= ?)")
            params.append(self.ingested_since)
        if self.agreement:
            clauses.append("EXISTS (SELECT 1 FROM violations v WHERE v.event_id = events.id AND v.agreement_id = ?"
                           + (" AND v.kind = ?)" if self.violation else ")"))
            params += [self.agreement, self.violation] if self.violation else [self.agreement]
        return " AND ".join(clauses), params


def like_literal(text: str) -> str:
    """Text matched literally by LIKE ... ESCAPE '\\': its % and _ are not wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def around(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """A bounding box (min lon, min lat, max lon, max lat) containing the circle."""
    dlat = radius_km / 111.0
    dlon = radius_km / (111.0 * max(math.cos(math.radians(lat)), 0.01))
    return lon - dlon, lat - dlat, lon + dlon, lat + dlat


class Store:
    """Documents, mentions, merged events and stories in one database."""

    def __init__(self, conn: Any, dialect: str, path: str | None = None):
        self.conn = conn
        self.dialect = dialect
        self.path = path  # the SQLite file, if any
        for ddl in statements(dialect):
            self.execute(ddl)

    @classmethod
    def open(cls, target: str | Path) -> Store:
        """A SQLite file path, or a postgresql:// address."""
        target = str(target)
        if target.startswith(("postgresql://", "postgres://")):
            import psycopg
            from psycopg.rows import dict_row

            return cls(psycopg.connect(target, autocommit=True, row_factory=dict_row), "postgresql")
        conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_S)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer, nor it for them
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        return cls(conn, "sqlite", None if target in ("", ":memory:") else target)

    def optimize(self) -> None:
        """Refresh the query planner's statistics after a load (SQLite PRAGMA optimize, PostgreSQL ANALYZE)."""
        self.execute("ANALYZE" if self.dialect == "postgresql" else "PRAGMA optimize")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ---------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if self.dialect == "postgresql":
            sql = sql.replace("?", "%s")
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if not rows:
            return
        if self.dialect == "postgresql":
            with self.conn.cursor() as cur:
                cur.executemany(sql.replace("?", "%s"), rows)
        else:
            self.conn.executemany(sql, rows)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.execute(sql, params).fetchall()]

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Any]:
        """The rows one at a time as the cursor reads them, not all in memory as from `rows` (on
        PostgreSQL the connection runs nothing else until the last)."""
        if self.dialect == "postgresql":
            with self.conn.cursor() as cur:
                yield from cur.stream(sql.replace("?", "%s"), params)
        else:
            yield from self.execute(sql, params)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all."""
        if self.dialect == "postgresql":
            with self.conn.transaction():
                yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @contextmanager
    def ingest_lock(self, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        """Hold the database's ingest lock for the length of one ingest run.

        Two ingests at once would each merge events and near copies without the other's new
        ones; with this lock the second waits for the first (calling `on_wait` once before it
        waits) and then reads what the first stored. SQLite: an exclusive flock on the file
        `<database>.ingest-lock` beside the database, released by the kernel if the holder dies;
        PostgreSQL: a session advisory lock.
        """
        if self.dialect == "postgresql":
            if not self.rows("SELECT pg_try_advisory_lock(?) AS got", [INGEST_LOCK_KEY])[0]["got"]:
                if on_wait:
                    on_wait()
                self.execute("SELECT pg_advisory_lock(?)", [INGEST_LOCK_KEY])
            try:
                yield
            finally:
                self.execute("SELECT pg_advisory_unlock(?)", [INGEST_LOCK_KEY])
            return
        if self.path is None or fcntl is None:
            yield
            return
        with open(f"{self.path}.ingest-lock", "ab") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if on_wait:
                    on_wait()
                fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def upsert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], update: bool) -> None:
        """INSERT; on a known id either leave the row (update=False) or overwrite it."""
        action = ("DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
                  if update else "DO NOTHING")
        sql = (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
               f"ON CONFLICT ({KEYS.get(table, 'id')}) {action}")
        self.executemany(sql, rows)

    # -- writing ----------------------------------------------------------------------
    def known_documents(self, ids: Iterable[str]) -> set[str]:
        """Which of these document ids are already stored."""
        ids = list(ids)
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            found |= {r["id"] for r in self.rows(f"SELECT id FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk)}
        return found

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

    def save_events(self, events: Iterable[Event]) -> None:
        """Insert or refresh merged events from their reports, filed under their merge regions."""
        events = list(events)
        rows = []
        for event in events:
            summary = event.summary()
            summary["quantities"] = json.dumps(summary["quantities"])
            rows.append([summary[c] for c in EVENT_COLUMNS])
        self.upsert("events", EVENT_COLUMNS, rows, update=True)
        self.upsert("event_regions", REGION_COLUMNS, region_rows((r, e.id) for e in events for r in e.reports), update=False)

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
                                        date_start=r["date_start"], date_end=r["date_end"], published=r["published"]), r["event_id"])
                                for r in rows)
                    for rows in self.pages("SELECT id, event_id, type, status, date_start, date_end, published FROM mentions", "id")))

    def insert_sorted(self, table: str, columns: Sequence[str], chunks: Iterable[Iterable[Sequence[Any]]]) -> None:
        """Insert many rows, leaving those already there, through a temporary table and then in key
        order: a B-tree fills several times faster in order than at random places."""
        cols, key = ", ".join(columns), KEYS[table]
        self.execute(f"CREATE TEMP TABLE staged AS SELECT {cols} FROM {table} WHERE 1 = 0")
        for rows in chunks:
            self.executemany(f"INSERT INTO staged ({cols}) VALUES ({', '.join('?' * len(columns))})", rows)
        self.execute(f"INSERT INTO {table} ({cols}) SELECT DISTINCT {cols} FROM staged ORDER BY {key} ON CONFLICT ({key}) DO NOTHING")
        self.execute("DROP TABLE staged")

    def pages(self, select: str, key: str, size: int = 20_000) -> Iterator[list[dict[str, Any]]]:
        """The rows of `select` (no WHERE) in pages of `size`, in order of the unique column `key`."""
        rows = self.rows(f"{select} ORDER BY {key} LIMIT {size}")
        while rows:
            yield rows
            rows = self.rows(f"{select} WHERE {key} > ? ORDER BY {key} LIMIT {size}", [rows[-1][key]])

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
            sql += f" AND bucket IN ({','.join('?' * len(buckets))})"
            params += [NO_DAYS if b is None else b for b in buckets]
        ids = [r["event_id"] for r in self.rows(sql, params) if r["event_id"] not in held]
        by_id: dict[str, Event] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for row in self.rows(f"SELECT {', '.join(REPORT_COLUMNS)}, event_id FROM mentions "
                                 f"WHERE event_id IN ({','.join('?' * len(chunk))})", chunk):
                event_id = row.pop("event_id")
                by_id.setdefault(event_id, Event(id=event_id)).reports.append(report_from_row(row))
        for event in by_id.values():
            event.reports.sort(key=report_order)  # in Python: the database's collation may order text otherwise
        return list(by_id.values())

    def band_documents(self, keys: Sequence[bytes]) -> Counter[str]:
        """Stored documents filed under these LSH band keys (merge.dedup.band_keys), with how many each has."""
        return Counter({r["doc_id"]: r["n"] for r in self.rows(
            f"SELECT doc_id, count(*) AS n FROM signature_bands WHERE band IN ({','.join('?' * len(keys))}) GROUP BY doc_id", keys)})

    def ingest_order(self, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
        """(id, published, duplicate_of) of these stored documents in the order ingest stored them."""
        return self.rows(f"SELECT id, published, duplicate_of FROM documents WHERE id IN ({','.join('?' * len(doc_ids))}) "
                         "ORDER BY ingested_at, id", doc_ids)

    def text(self, doc_id: str) -> str:
        return self.rows("SELECT text FROM documents WHERE id = ?", [doc_id])[0]["text"]

    def story_documents(self) -> Iterator[Document]:
        """Every stored document with what story clustering reads, oldest first, streamed."""
        for r in self.stream("SELECT id, text, published, duplicate_of FROM documents ORDER BY ingested_at, id"):
            yield Document(id=r["id"], text=r["text"], published=r["published"], duplicate_of=r["duplicate_of"])

    def query_events(self, filters: EventFilter | None = None) -> list[dict[str, Any]]:
        """Events matching the filters, oldest first, each with its `sources`."""
        filters = filters or EventFilter()
        where, params = filters.where()
        sql = f"SELECT * FROM events WHERE {where} ORDER BY coalesce(date_start, first_reported), id"
        if filters.limit is not None and not filters.near:
            sql += " LIMIT ? OFFSET ?"
            params += [filters.limit, filters.offset]
        events = [decode_event(r) for r in self.rows(sql, params)]
        if filters.near:
            lat, lon = filters.near
            events = [e for e in events if km(lat, lon, e["latitude"], e["longitude"]) <= filters.radius_km]
            if filters.limit is not None:
                events = events[filters.offset : filters.offset + filters.limit]
        return self.with_sources(events)

    def with_sources(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Attach each event's mentions with their documents' title, url, source and date."""
        by_id = {e["id"]: e for e in events}
        for e in events:
            e["sources"] = []
        ids = list(by_id)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for m in self.rows(
                "SELECT m.event_id, m.id AS mention_id, m.doc_id, m.original_id, m.status, m.sentence, m.quantities, "
                "d.title, d.url, d.source, d.published FROM mentions m JOIN documents d ON d.id = m.doc_id "
                f"WHERE m.event_id IN ({','.join('?' * len(chunk))}) ORDER BY d.published, m.id", chunk):
                m["quantities"] = json.loads(m["quantities"] or "[]")
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

    def stories(self) -> list[dict[str, Any]]:
        return self.rows("SELECT * FROM stories ORDER BY first_published, id")

    def actors(self) -> list[dict[str, Any]]:
        """Each actor name with its country, kind and how many events it takes part in."""
        return self.rows(
            "SELECT name, country, kind, count(DISTINCT id) AS events FROM ("
            "SELECT id, actor1 AS name, actor1_country AS country, actor1_kind AS kind FROM events WHERE actor1 IS NOT NULL "
            "UNION ALL SELECT id, actor2, actor2_country, actor2_kind FROM events WHERE actor2 IS NOT NULL) a "
            "GROUP BY name, country, kind ORDER BY events DESC, name")

    def timeline(self, filters: EventFilter | None = None) -> list[dict[str, Any]]:
        """Events and reported fatalities per day for the filtered events."""
        days: dict[str, dict[str, Any]] = {}
        for e in self.query_events(filters):
            day = e["date_start"] or e["first_reported"]
            if day:
                row = days.setdefault(day, {"date": day, "events": 0, "fatalities": 0})
                row["events"] += 1
                row["fatalities"] += e["fatalities"] or 0
        return [days[d] for d in sorted(days)]

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
    row["quantities"] = json.dumps(row["quantities"], ensure_ascii=False)
    return [row[c] for c in REPORT_COLUMNS]


def report_from_row(row: dict[str, Any]) -> Report:
    row = {c: row[c] for c in REPORT_COLUMNS}
    row["quantities"] = json.loads(row["quantities"] or "[]")
    return Report(**row)


def decode_event(row: dict[str, Any]) -> dict[str, Any]:
    row["quantities"] = json.loads(row["quantities"] or "{}")
    return row
