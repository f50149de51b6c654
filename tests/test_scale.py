"""Parallel ingest (watchpost.scale): a 2-worker LocalCluster stores exactly what one process stores."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from news import articles

from watchpost import scale
from watchpost.cli import main
from watchpost.merge.dedup import Fingerprint
from watchpost.model import Actor, DateSpan, Mention, Place, Quantity

TABLES = ("documents", "mentions", "events", "stories", "signatures")


def tables(db: Path) -> dict[str, list[tuple]]:
    """Every row of the store's tables, sorted, all columns but the ingest time stamp."""
    with sqlite3.connect(db) as conn:
        out = {}
        for table in TABLES:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "ingested_at"]
            out[table] = sorted(conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall(), key=repr)
    return out


def ingest(source: Path, db: Path, *options: str) -> str:
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db), *options])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """60 generated articles, some re-publications of others, as JSONL."""
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles(60, seed=7, copies=0.15)))
    return path


@pytest.fixture
def small_chunks(monkeypatch):
    """Many small partitions, so that the two workers finish them out of order."""
    monkeypatch.setattr(scale, "CHUNK_DOCS", 5)


@pytest.mark.slow
def test_two_workers_store_the_rows_one_process_stores(corpus, tmp_path, small_chunks):
    output = ingest(corpus, tmp_path / "one.db")
    assert int(re.search(r"\((\d+) near cop(?:y|ies)\)", output).group(1)) > 0
    ingest(corpus, tmp_path / "two.db", "--workers", "2", "--partitions", str(tmp_path / "parts"))
    one, two = tables(tmp_path / "one.db"), tables(tmp_path / "two.db")
    assert len(one["documents"]) == 60 and len(one["events"]) > 60
    assert two == one
    parts = sorted((tmp_path / "parts" / "mentions").glob("part-*.parquet"))
    assert len(parts) == 12
    extracted = [
        json.loads(m) for p in parts for m in pq.read_table(p, columns=["mention"]).column("mention").to_pylist()
    ]
    assert len([m for m in extracted if not m["background"]]) == len(one["mentions"])  # background is never stored

    output = ingest(corpus, tmp_path / "two.db", "--workers", "2")
    assert "stored 0 documents" in output
    assert tables(tmp_path / "two.db") == one


@pytest.mark.slow
def test_resumed_parallel_ingest_matches_resumed_plain_ingest(corpus, tmp_path, small_chunks):
    head = tmp_path / "head.jsonl"
    head.write_text("".join(corpus.read_text().splitlines(keepends=True)[:23]))
    for db in ("one.db", "two.db"):
        ingest(head, tmp_path / db)
    ingest(corpus, tmp_path / "one.db")
    ingest(corpus, tmp_path / "two.db", "--workers", "2")
    assert tables(tmp_path / "two.db") == tables(tmp_path / "one.db")


def test_mentions_survive_the_partition_format():
    m = Mention(
        doc_id="d1",
        index=3,
        type="ASSAULT",
        mode="heavy-weapons",
        acled={"event_type": "Battles", "sub_event_type": "Armed clash"},
        status="occurred",
        sentence="Rebels shelled Nairab.",
        start=10,
        end=32,
        trigger="shelled",
        trigger_start=17,
        trigger_end=24,
        actor1=Actor("Rebels", "Syrian rebels", "SYR", "REB", backer="TUR", start=10, end=16),
        location=Place(
            "Nairab",
            "Nayrab",
            "SYR",
            "Idlib",
            35.84,
            36.72,
            0,
            1,
            "PPL",
            25,
            31,
            "context",
            [{"name": "Nayrab", "score": 0.1 + 0.2}],
        ),
        date=DateSpan("Thursday", "2020-02-20", "2020-02-20", "day", "2020-02-21", "weekday before"),
        quantities=[Quantity("killed", 2.0, False, "two were killed", 40, 55)],
        confidence=1 / 3,
        lead=True,
        according_to=Actor("activists", "Activists (Syria)", "SYR", "CVL", start=60, end=69),
    )
    back = scale.mention_from_json(scale.mention_to_json(m))
    assert back == m
    assert back.to_json(explain=True) == m.to_json(explain=True)


def worker_state(dask_worker) -> dict:
    from watchpost.scale import worker_extractor

    return {
        "profiling": sorted(k for k in dask_worker.periodic_callbacks if k.startswith("profile")),
        "extractor_loaded": worker_extractor.cache_info().currsize == 1,
    }


@pytest.mark.slow
def test_workers_start_with_the_extractor_loaded_and_no_profiler():
    with scale.connect(workers=1) as client:
        assert list(client.run(worker_state).values()) == [{"profiling": [], "extractor_loaded": True}]


def test_partitions_carry_the_fingerprint_of_each_new_document(corpus, tmp_path):
    rows = [json.loads(line) for line in corpus.read_text().splitlines()[:3]]
    for table in ("documents", "mentions"):
        (tmp_path / table).mkdir()
    scale.extract_partition(rows, {rows[2]["id"]}, str(tmp_path), "part.parquet")
    back = scale.read_partition(tmp_path, "part.parquet")
    assert [d.id for d in back] == [r["id"] for r in rows]
    assert [d.fingerprint for d in back[:2]] == [Fingerprint.of(r["text"]) for r in rows[:2]]
    assert back[2].fingerprint is None and back[2].mentions == []
    assert back[0].mentions and back[0].mentions[0].doc_id == rows[0]["id"]
