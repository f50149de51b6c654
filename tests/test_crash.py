"""Crash safety of `watchpost ingest`: SIGKILL at random points, then a rerun, gives the database
an uninterrupted run gives (same rows, same content), and the SQLite file stays intact.

Real subprocesses running the real command line and the real extractor over a small corpus of
short articles written here (near copies, repeated events, several countries and dates).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_summaries import assert_summaries_equal_a_recount

from watchpost.store import Store

CLI = [sys.executable, "-m", "watchpost"]
KILLS = 20
N_DOCS = 90
VOLATILE = {"ingested_at"}  # when a row was written differs between runs by nature
# store_meta counts the transactions committed (the data version), which a killed run does not
# repeat; the R*Tree's node layout depends on the order of its inserts, its content is compared
# through the events it points at
UNCOMPARED = ("store_meta", "event_places")

PLACES = [
    ("Saraqib", "Syrian"),
    ("Ariha", "Syrian"),
    ("Atarib", "Syrian"),
    ("Maarat al-Numan", "Syrian"),
    ("Marib", "Yemeni"),
    ("Taiz", "Yemeni"),
    ("Gao", "Malian"),
    ("Kharkiv", "Ukrainian"),
    ("Nyala", "Sudanese"),
]
ATTACKERS = ["Rebels", "Government forces", "Militants", "Unidentified gunmen", "Turkish troops"]
VERBS = ["attacked", "shelled", "ambushed", "bombed"]
TARGETS = ["an army checkpoint", "a market", "a convoy of trucks", "a police station", "a village"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
OUTLETS = ["Reuters", "AFP", "the local council", "a monitoring group", "hospital officials"]


def corpus(n: int = N_DOCS, seed: int = 20) -> list[dict]:
    """Short conflict reports; every fifth is a syndicated copy of an earlier one, some report
    the same event again in other words, and a few are calm-day stories with no event."""
    rng = random.Random(seed)
    first = dt.date(2021, 3, 1)
    docs: list[dict] = []
    for i in range(n):
        day = first + dt.timedelta(days=rng.randrange(0, 40))
        if i % 5 == 4 and docs:
            orig = rng.choice(docs)
            docs.append(
                {
                    "id": f"a{i:03d}",
                    "published": orig["published"],
                    "source": "wire",
                    "text": orig["text"].replace("\n\n", "\n\n(Syndicated) ", 1),
                }
            )
            continue
        place, demonym = rng.choice(PLACES)
        if i % 11 == 7:
            text = (
                f"Quiet week in {place}\n\nMarkets in {place} reopened and schools resumed classes, "
                f"{rng.choice(OUTLETS)} said. Residents described the week as calm."
            )
        else:
            killed = rng.randrange(1, 30)
            text = (
                f"{rng.choice(ATTACKERS)} strike near {place}\n\n"
                f"{rng.choice(ATTACKERS)} {rng.choice(VERBS)} {rng.choice(TARGETS)} near {place} on "
                f"{rng.choice(WEEKDAYS)}, killing {killed} people, {rng.choice(OUTLETS)} said. "
                f"{demonym} officials condemned the attack and promised an inquiry. "
                f"Report number {i} noted {rng.randrange(2, 90)} wounded."
            )
        docs.append({"id": f"a{i:03d}", "published": day.isoformat(), "source": rng.choice(OUTLETS), "text": text})
    order = list(range(n))
    rng.shuffle(order)  # input order is not id order: ordering by id must not stand in for ingest order
    return [docs[k] | {"id": f"{hashlib.sha1(docs[k]['id'].encode()).hexdigest()[:10]}"} for k in order]


def write_corpus(path: Path) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in corpus()), encoding="utf-8")
    return path


def ingest_cmd(source: Path, db: Path) -> list[str]:
    return [*CLI, "ingest", str(source), "--db", str(db), "--batch-size", "3"]


def stored(db: Path) -> int:
    """Documents committed so far (0 before the schema exists)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def table_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def snapshot(db: Path) -> dict[str, tuple[int, str]]:
    """Row count and a content hash of every table (volatile columns left out)."""
    out = {}
    with sqlite3.connect(db) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' ORDER BY name"
            )
            if not r[0].startswith(UNCOMPARED)
        ]
        for table in tables:
            cols = [c for c in table_columns(conn, table) if c not in VOLATILE]
            rows = sorted(
                json.dumps(list(r), default=lambda b: b.hex())
                for r in conn.execute(f"SELECT {', '.join(cols)} FROM {table}")
            )
            out[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
        places = sorted(
            json.dumps(list(r))
            for r in conn.execute(
                "SELECT e.id, p.west, p.east, p.south, p.north FROM event_places p JOIN events e ON e.rowid = p.id"
            )
        )
        out["event_places"] = (len(places), hashlib.sha256("\n".join(places).encode()).hexdigest())
        for fts in ("documents_fts", "mentions_fts"):  # the search index follows the tables it indexes
            if fts in tables or conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [fts]).fetchone():
                rows = sorted(json.dumps(list(r)) for r in conn.execute(f"SELECT * FROM {fts}"))
                out[fts] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return out


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    return "ok" if result == [("ok",)] and not fk else f"{result} {fk}"


@pytest.mark.slow
def test_sigkill_at_random_points_then_rerun_equals_an_uninterrupted_run(tmp_path):
    source = write_corpus(tmp_path / "corpus.jsonl")
    clean, crashed = tmp_path / "clean.db", tmp_path / "crashed.db"

    started, first_commit = time.monotonic(), None
    run = subprocess.Popen(ingest_cmd(source, clean), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while run.poll() is None:
        if first_commit is None and stored(clean):
            first_commit = time.monotonic() - started  # start-up ends: imports, models, schema
        time.sleep(0.005)
    full = time.monotonic() - started
    assert run.returncode == 0, run.stderr.read().decode()
    first_commit = first_commit or full / 2
    expected = snapshot(clean)
    assert expected["documents"][0] == N_DOCS and expected["mentions"][0] > 20 and expected["events"][0] > 10, expected

    rng = random.Random(7)
    landed, stored_at_kill = 0, []
    for kill in range(KILLS):
        proc = subprocess.Popen(ingest_cmd(source, crashed), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        before = stored(crashed)
        if before >= N_DOCS:  # every document is in: the closing story pass, or the end
            time.sleep(rng.uniform(first_commit, full))
        else:  # start-up (imports, models, schema) for the first few, then mid-ingest: once the run has
            # stored a few more documents, and a moment later, within the next batch or its commit
            target = before + (1 if kill < 3 else rng.randint(1, 4))
            deadline = time.monotonic() + (rng.uniform(0.05, first_commit) if kill < 3 else 120)
            while proc.poll() is None and stored(crashed) < target and time.monotonic() < deadline:
                time.sleep(0.005)
            if kill >= 3:
                time.sleep(rng.uniform(0, 0.05))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            landed += 1
        _, err = proc.communicate(timeout=60)
        assert proc.returncode in (0, -signal.SIGKILL), f"kill {kill}: exit {proc.returncode}\n{err.decode()[-3000:]}"
        if crashed.exists():
            assert integrity(crashed) == "ok", f"after kill {kill}"
            with Store.open(crashed) as store:
                assert_summaries_equal_a_recount(store)
        stored_at_kill.append(stored(crashed))
    assert landed >= KILLS // 2, f"only {landed} of {KILLS} kills landed mid-run"
    assert len(set(stored_at_kill)) >= 5, (
        f"kills should land at many points: documents stored after each {stored_at_kill}"
    )

    rerun = subprocess.run(ingest_cmd(source, crashed), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert integrity(crashed) == "ok"
    got = snapshot(crashed)
    assert got == expected, {
        t: (got.get(t), expected.get(t)) for t in set(got) | set(expected) if got.get(t) != expected.get(t)
    }

    again = subprocess.run(ingest_cmd(source, crashed), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and f"{N_DOCS} already stored" in again.stderr, again.stderr
    assert snapshot(crashed) == expected  # idempotent: a third run adds nothing
