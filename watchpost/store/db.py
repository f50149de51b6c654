"""The database under the store: one connection to SQLite or PostgreSQL, the SQL that differs
between the two, the chunked `IN (...)` helper, and the schema version.

SQL is written once with `?` parameters; the PostgreSQL connection translates them. Writes
happen inside `with db.transaction():`, which also advances the store's data version (what the
HTTP API's ETags are made of), so every reader, in any process, can tell cheaply that something
changed.
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, Sequence

from .schema import OTHER, STATUS_CODES, STATUS_SHIFT

try:
    import fcntl
except ImportError:  # not POSIX: no lock file; one ingest at a time is then up to the user
    fcntl = None  # type: ignore[assignment]

BUSY_TIMEOUT_S = 30.0  # SQLite: how long a statement waits for another connection's write before "database is locked"
INGEST_LOCK_KEY = 0x77617463  # PostgreSQL advisory lock held by the ingest running on a database
CHUNK = 500  # values in one IN (...) list: statements stay short and under every engine's parameter limit
SCHEMA_VERSION = 3  # 1: before store_meta existed; 2: summary tables, spatial index, wider day-order index;
# 3: the lead, claims' sources and disputes (schema.ADDED_COLUMNS), background mentions
KEYS = {"signatures": "doc_id", "signature_bands": "band, doc_id", "store_meta": "key",
        "event_regions": "family, status_class, bucket, event_id"}  # a table's conflict key; else id


def chunked(values: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    """The values in lists of at most `size`."""
    values = list(values)
    for i in range(0, len(values), size):
        yield values[i : i + size]


def marks(n: int) -> str:
    """`?, ?, ?`: n parameter marks for an IN list or a VALUES row."""
    return ", ".join("?" * n)


def status_shifts(statuses: Sequence[str] | None) -> list[float]:
    """The longitude shifts of these statuses' worlds in the R*Tree (schema.py), None: all."""
    codes = {STATUS_CODES.get(s, OTHER) for s in statuses} if statuses else {*STATUS_CODES.values(), OTHER}
    return [STATUS_SHIFT * code for code in sorted(codes)]


def connect(target: str) -> tuple[Any, str, str | None]:
    """(connection, dialect, SQLite file or None) for a SQLite path or a postgresql:// address."""
    if target.startswith(("postgresql://", "postgres://")):
        import psycopg
        from psycopg.rows import dict_row

        return psycopg.connect(target, autocommit=True, row_factory=dict_row), "postgresql", None
    conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_S)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer, nor it for them
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn, "sqlite", None if target in ("", ":memory:") else target


class Database:
    """One connection and the plumbing every store method uses."""

    def __init__(self, conn: Any, dialect: str, path: str | None = None):
        self.conn = conn
        self.dialect = dialect
        self.path = path  # the SQLite file, if any

    def close(self) -> None:
        self.conn.close()

    def read_only(self, mmap_bytes: int = 0, cache_kib: int = 0) -> None:
        """Make this connection refuse every write (SQLite query_only, PostgreSQL read-only
        sessions); SQLite: map up to `mmap_bytes` of the file and cache `cache_kib` per connection."""
        if self.dialect != "sqlite":
            self.execute("SET default_transaction_read_only = on")
            return
        self.execute("PRAGMA query_only = ON")
        if mmap_bytes:
            self.execute(f"PRAGMA mmap_size = {int(mmap_bytes)}")  # scans read the file's pages in place
        if cache_kib:
            self.execute(f"PRAGMA cache_size = -{int(cache_kib)}")

    # -- statements -------------------------------------------------------------------
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
        if self.dialect == "postgresql":
            return self.execute(sql, params).fetchall()
        cursor = self.conn.cursor()
        cursor.row_factory = None  # plain tuples, zipped with the column names once per statement
        cursor.execute(sql, params)
        if cursor.description is None:
            return []
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """The rows as plain tuples (the fastest to read many of)."""
        if self.dialect == "postgresql":
            from psycopg.rows import tuple_row

            with self.conn.cursor(row_factory=tuple_row) as cursor:
                return cursor.execute(sql.replace("?", "%s"), params).fetchall()
        cursor = self.conn.cursor()
        cursor.row_factory = None
        return cursor.execute(sql, params).fetchall()

    def rows_in(self, sql: str, values: Iterable[Any], params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """The rows of `sql`, whose `{marks}` is an IN list, run once per chunk of `values`;
        `params` are the parameters after the list."""
        for chunk in chunked(values):
            yield from self.rows(sql.format(marks=marks(len(chunk))), [*chunk, *params])

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Any]:
        """The rows one at a time as the cursor reads them, not all in memory as from `rows` (on
        PostgreSQL the connection runs nothing else until the last)."""
        if self.dialect == "postgresql":
            with self.conn.cursor() as cur:
                yield from cur.stream(sql.replace("?", "%s"), params)
        else:
            yield from self.execute(sql, params)

    def pages(self, select: str, key: str, size: int = 20_000) -> Iterator[list[dict[str, Any]]]:
        """The rows of `select` (no WHERE) in pages of `size`, in order of the unique column `key`."""
        rows = self.rows(f"{select} ORDER BY {key} LIMIT {size}")
        while rows:
            yield rows
            rows = self.rows(f"{select} WHERE {key} > ? ORDER BY {key} LIMIT {size}", [rows[-1][key]])

    def upsert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], update: bool) -> None:
        """INSERT; on a known id either leave the row (update=False) or overwrite it."""
        action = ("DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
                  if update else "DO NOTHING")
        sql = (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks(len(columns))}) "
               f"ON CONFLICT ({KEYS.get(table, 'id')}) {action}")
        self.executemany(sql, rows)

    def insert_sorted(self, table: str, columns: Sequence[str], chunks: Iterable[Iterable[Sequence[Any]]]) -> None:
        """Insert many rows, leaving those already there, through a temporary table and then in key
        order: a B-tree fills several times faster in order than at random places."""
        cols, key = ", ".join(columns), KEYS[table]
        self.execute(f"CREATE TEMP TABLE staged AS SELECT {cols} FROM {table} WHERE 1 = 0")
        for rows in chunks:
            self.executemany(f"INSERT INTO staged ({cols}) VALUES ({marks(len(columns))})", rows)
        self.execute(f"INSERT INTO {table} ({cols}) SELECT DISTINCT {cols} FROM staged ORDER BY {key} ON CONFLICT ({key}) DO NOTHING")
        self.execute("DROP TABLE staged")

    # -- what differs between the engines -----------------------------------------------
    def least(self, a: str, b: str) -> str:
        """SQL for the smaller of two values (SQLite's two-argument min, PostgreSQL's least)."""
        return f"{'least' if self.dialect == 'postgresql' else 'min'}({a}, {b})"

    def greatest(self, a: str, b: str) -> str:
        return f"{'greatest' if self.dialect == 'postgresql' else 'max'}({a}, {b})"

    def bytewise(self, column: str) -> str:
        """A text column compared by code point, as Python compares strings (SQLite's default)."""
        return f'{column} COLLATE "C"' if self.dialect == "postgresql" else column

    def floor_int(self, expr: str) -> str:
        """SQL for the integer part of a non-negative number (PostgreSQL's CAST rounds)."""
        return f"CAST(floor({expr}) AS BIGINT)" if self.dialect == "postgresql" else f"CAST({expr} AS INTEGER)"

    def in_box(self, box: Sequence[float], statuses: Sequence[str] | None = None) -> tuple[str, list[Any]]:
        """A WHERE clause (and its parameters) for the events placed in a box (min lon, min lat,
        max lon, max lat), found through the spatial index: SQLite's R*Tree (in the worlds of
        these statuses, None: all), PostgreSQL's GiST."""
        w, s, e, n = box
        exact, params = "longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?", [w, e, s, n]
        if self.dialect == "postgresql":
            return f"point(longitude, latitude) <@ box(point(?, ?), point(?, ?)) AND {exact}", [w, s, e, n, *params]
        trees, more = [], []
        for shift in status_shifts(statuses):
            trees.append("SELECT id FROM event_places WHERE east >= ? AND west <= ? AND north >= ? AND south <= ?")
            more += [w + shift, e + shift, s, n]
        return f"events.rowid IN ({' UNION ALL '.join(trees)}) AND {exact}", [*more, *params]

    # -- transactions and the ingest lock ------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all, and advance the data version."""
        if self.dialect == "postgresql":
            with self.conn.transaction():
                yield
                self.bump_data_version()
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.bump_data_version()
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def bump_data_version(self) -> None:
        self.execute("UPDATE store_meta SET value = value + 1 WHERE key = 'data_version'")

    def meta(self, key: str) -> int | None:
        """A value of store_meta: schema_version, data_version, place_codes."""
        found = self.rows("SELECT value FROM store_meta WHERE key = ?", [key])
        return found[0]["value"] if found else None

    def data_version(self) -> int:
        """A number that grows with every committed write: equal numbers, equal contents."""
        return self.meta("data_version") or 0

    def schema_version(self) -> int:
        return self.meta("schema_version") or 1

    def columns(self, table: str) -> set[str]:
        """The names of a table's columns."""
        if self.dialect == "postgresql":
            return {r["column_name"] for r in self.rows(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND table_schema = current_schema()",
                [table])}
        return {r["name"] for r in self.rows(f"PRAGMA table_info({table})")}

    def add_column(self, table: str, name: str, ddl: str) -> None:
        """Add a column unless the table has it (a store made by this version has every column)."""
        if name not in self.columns(table):
            self.execute(f"ALTER TABLE {table} ADD COLUMN {name} {ddl}")

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
