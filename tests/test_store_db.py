"""The database under the store (watchpost.store.db): the chunked IN helper, transactions and the data version,
upserts, paging, the schema version and the migration of a store written by an older Watchpost."""
from __future__ import annotations

import sqlite3

import pytest

from watchpost.store import Store
from watchpost.store.db import CHUNK, SCHEMA_VERSION, Database, chunked, connect, marks
from watchpost.store.schema import RETIRED_INDEXES


@pytest.fixture
def db() -> Database:
    """A bare in-memory SQLite database with one table of 1,234 numbered rows and a statement counter."""
    conn, dialect, path = connect(":memory:")
    database = Database(conn, dialect, path)
    database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, flag INTEGER, name TEXT)")
    database.executemany("INSERT INTO t VALUES (?, ?, ?)", ((i, i % 2, f"n{i}") for i in range(1234)))
    database.statements = []
    conn.set_trace_callback(database.statements.append)
    return database


def test_chunked_splits_in_order_and_marks_count():
    chunks = list(chunked(range(1201)))
    assert [len(c) for c in chunks] == [CHUNK, CHUNK, 201]
    assert [v for c in chunks for v in c] == list(range(1201))
    assert list(chunked([])) == [] and list(chunked(iter("abc"), size=2)) == [["a", "b"], ["c"]]
    assert marks(3) == "?, ?, ?" and marks(1) == "?"


def test_rows_in_runs_one_statement_per_chunk_with_the_trailing_parameters(db):
    ids = list(range(0, 1234, 1))
    found = list(db.rows_in("SELECT id FROM t WHERE id IN ({marks}) AND flag = ?", ids, [1]))
    assert sorted(r["id"] for r in found) == list(range(1, 1234, 2))
    selects = [s for s in db.statements if s.startswith("SELECT id FROM t")]
    assert len(selects) == -(-len(ids) // CHUNK) == 3
    assert list(db.rows_in("SELECT id FROM t WHERE id IN ({marks})", [])) == []


def test_pages_walk_the_table_in_key_order(db):
    pages = list(db.pages("SELECT id, name FROM t", "id", size=500))
    assert [len(p) for p in pages] == [500, 500, 234]
    assert [r["id"] for p in pages for r in p] == list(range(1234))


def test_rows_and_tuples_read_the_same(db):
    assert db.rows("SELECT id, name FROM t WHERE id < 2 ORDER BY id") == [{"id": 0, "name": "n0"},
                                                                           {"id": 1, "name": "n1"}]
    assert db.tuples("SELECT id, name FROM t WHERE id < 2 ORDER BY id") == [(0, "n0"), (1, "n1")]


def test_sqlite_spellings_of_what_differs_between_engines(db):
    assert (db.least("a", "b"), db.greatest("a", "b")) == ("min(a, b)", "max(a, b)")
    assert db.bytewise("name") == "name" and db.floor_int("x") == "CAST(x AS INTEGER)"


def test_a_write_commits_whole_and_advances_the_data_version(tmp_path):
    with Store.open(str(tmp_path / "w.db")) as store:
        before = store.data_version()
        with store.transaction():
            store.upsert("store_meta", ["key", "value"], [["test_key", 1]], update=False)
        assert store.data_version() == before + 1 and store.meta("test_key") == 1
        with pytest.raises(RuntimeError), store.transaction():
            store.upsert("store_meta", ["key", "value"], [["test_key", 2]], update=True)
            raise RuntimeError("fail mid-write")
        assert store.meta("test_key") == 1 and store.data_version() == before + 1  # rolled back, version too
        with store.transaction():
            store.upsert("store_meta", ["key", "value"], [["test_key", 3]], update=False)  # a known key is left
        assert store.meta("test_key") == 1
        with store.transaction():
            store.upsert("store_meta", ["key", "value"], [["test_key", 4]], update=True)
        assert store.meta("test_key") == 4


def test_a_new_store_is_at_the_current_schema_version(tmp_path):
    with Store.open(str(tmp_path / "w.db")) as store:
        assert store.schema_version() == SCHEMA_VERSION >= 2


def test_a_store_from_schema_1_is_migrated_when_opened(tmp_path):
    path = str(tmp_path / "old.db")
    Store.open(path).close()
    with sqlite3.connect(path) as conn:  # as Watchpost wrote it before store_meta held a schema version
        conn.execute("DELETE FROM store_meta WHERE key = 'schema_version'")
        for name in RETIRED_INDEXES:
            conn.execute(f"CREATE INDEX {name} ON events(id)")
    with sqlite3.connect(path) as conn:
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert indexes >= set(RETIRED_INDEXES)
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        indexes = {r["name"] for r in store.rows("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert not indexes & set(RETIRED_INDEXES)
