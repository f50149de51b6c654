"""Ingest end to end: crash safety under SIGKILL, and real extraction of one report rewritten ten ways."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from test_merge import rewritten_docs
from test_store import ingest

HERE = Path(__file__).parent
SLOW_INGEST = f"""
import sys, time
sys.path.insert(0, {str(HERE)!r})
from store_support import RuleExtractor, documents
from watchpost.store import Store
from watchpost.pipeline import Pipeline

class Slow(RuleExtractor):
    def extract(self, docs):
        for pair in super().extract(docs):
            time.sleep(0.02)
            yield pair

with Store.open(sys.argv[1]) as store:
    Pipeline(store, Slow(), batch_size=5).run(documents(120))
"""


def count(path: Path, table: str) -> int:
    """Rows in a table; 0 while the schema is still being created."""
    with sqlite3.connect(path) as conn:
        try:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        except sqlite3.OperationalError:
            return 0


def test_killed_ingest_resumes_without_duplicates_or_loss(tmp_path):
    path = tmp_path / "w.db"
    proc = subprocess.Popen([sys.executable, "-c", SLOW_INGEST, str(path)])
    deadline = time.time() + 60
    while time.time() < deadline and (not path.exists() or count(path, "documents") < 20):
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = count(path, "documents")
    assert 20 <= stored < 120, "the kill should land mid-run"
    assert count(path, "mentions") == stored  # batches are whole: one mention per stored document
    subprocess.run([sys.executable, "-c", SLOW_INGEST, str(path)], check=True)
    clean = tmp_path / "clean.db"
    subprocess.run([sys.executable, "-c", SLOW_INGEST, str(clean)], check=True)
    for table in ("documents", "mentions", "events", "stories"):
        assert count(path, table) == count(clean, table), table
    assert count(path, "documents") == 120


def test_report_rewritten_ten_ways_is_one_story_and_one_attack(tmp_path):
    source = tmp_path / "reports.jsonl"
    with source.open("w") as f:
        for doc in rewritten_docs():
            f.write(json.dumps({"id": doc.id, "text": doc.text, "published": doc.published}) + "\n")
    db = tmp_path / "w.db"
    cli = [sys.executable, "-m", "watchpost"]
    first = subprocess.run([*cli, "ingest", str(source), "--db", str(db)], capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    with sqlite3.connect(db) as conn:
        docs = dict(conn.execute("SELECT id, duplicate_of FROM documents").fetchall())
        stories = dict(conn.execute("SELECT id, story_id FROM documents").fetchall())
        counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "mentions", "events")]
    assert sum(v == "original" for v in docs.values()) == 9
    assert len({stories[d] for d in docs if d.startswith(("copy_", "original"))}) == 1
    events = subprocess.run(
        [*cli, "events", "--db", str(db), "--type", "ASSAULT"], capture_output=True, text=True, check=True
    )
    attacks = [json.loads(line) for line in events.stdout.splitlines()]
    near_saraqib = [e for e in attacks if e["location"] and "saraq" in e["location"].lower()]
    assert len(near_saraqib) == 1, [(e["location"], e["notes"]) for e in attacks]
    event = near_saraqib[0]
    assert event["n_sources"] == 1 and event["n_mentions"] >= 10  # copies count once
    assert {s["doc_id"] for s in event["sources"]} == {d for d in docs if d.startswith(("copy_", "original"))}
    assert event["fatalities"] == 4
    again = subprocess.run([*cli, "ingest", str(source), "--db", str(db)], capture_output=True, text=True)
    assert again.returncode == 0 and "13 already stored" in again.stderr
    with sqlite3.connect(db) as conn:
        assert [
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "mentions", "events")
        ] == counts


def test_ingest_helper_counts(tmp_path):
    stats, counts = ingest(str(tmp_path / "w.db"), rewritten_docs())
    assert stats.duplicates == 9 and counts["documents"] == 13 and counts["stories"] == 4
