"""Concurrency on one SQLite store, with real processes: `watchpost ingest` while `watchpost
serve` answers reads (WAL: no "database is locked", readers see whole batches; a burst of
requests shares a bounded pool of connections), and two
ingests at once (serialised by the store's ingest lock: the result is that of one after the
other)."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
from store_support import children, serving
from test_crash import corpus, integrity, snapshot, stored

from watchpost.api.pool import CONNECTIONS
from watchpost.store import Store

CLI = [sys.executable, "-m", "watchpost"]


def write(path: Path, docs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def ingest(source: Path, db: Path, *extra: str) -> list[str]:
    return [*CLI, "ingest", str(source), "--db", str(db), *extra]


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> tuple[Path, Path]:
    """Two disjoint sets of reports of the same events and places (so that one's events merge
    with the other's): a long one and a short one."""
    folder = tmp_path_factory.mktemp("corpora")
    docs = corpus(360, seed=11)
    return write(folder / "a.jsonl", docs[:300]), write(folder / "b.jsonl", docs[300:])


@pytest.mark.slow
def test_a_second_ingest_waits_for_the_first(corpora, tmp_path):
    """While an ingest holds the lock, another waits, says so on stderr and writes nothing; it
    goes on once the lock is free."""
    _, small = corpora
    db = tmp_path / "w.db"
    Store.open(db).close()
    with Store.open(db) as holder, holder.ingest_lock():
        proc = subprocess.Popen(ingest(small, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        first = proc.stderr.readline()  # blocks until the waiting ingest speaks
        assert "another ingest is writing to" in first and "waiting" in first, first
        time.sleep(1.0)
        assert proc.poll() is None and stored(db) == 0
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert stored(db) == 60


@pytest.mark.slow
def test_two_ingests_at_once_give_what_one_after_the_other_gives(corpora, tmp_path):
    big, small = corpora
    db = tmp_path / "both.db"
    first = subprocess.Popen(
        ingest(big, db, "--batch-size", "2"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 120
    while stored(db) == 0 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # the first is writing: start the second now
    second = subprocess.run(ingest(small, db, "--batch-size", "2"), capture_output=True, text=True, timeout=600)
    _, first_err = first.communicate(timeout=600)
    assert first.returncode == 0 and second.returncode == 0, (first_err[-2000:], second.stderr[-2000:])
    for err in (first_err, second.stderr):
        assert "locked" not in err and "Traceback" not in err, err[-2000:]
    print("SECOND WAITED:", "another ingest is writing" in second.stderr)
    assert "another ingest is writing" not in first_err  # the first held the lock from its start
    assert integrity(db) == "ok"

    serial = tmp_path / "serial.db"  # the second waited for the first (or came after it): big, then small
    for source in (big, small):
        subprocess.run(ingest(source, serial, "--batch-size", "2"), capture_output=True, check=True, timeout=600)
    got, expected = snapshot(db), snapshot(serial)
    assert got == expected, {t: (got[t], expected[t]) for t in got if got[t] != expected.get(t)}


def burst(base: str, pid: int, db: Path, n: int) -> tuple[dict[int, int], int]:
    """n requests at once; their statuses, and the most database connections the server's
    processes held together."""
    peak, stop = 0, threading.Event()
    processes = [pid, *children(pid)]

    def held(process: int) -> int:
        fd_dir = Path(f"/proc/{process}/fd")
        try:
            return sum(os.readlink(fd_dir / fd) == str(db) for fd in os.listdir(fd_dir))
        except OSError:
            return 0

    def sample() -> None:
        nonlocal peak
        while not stop.wait(0.02):
            peak = max(peak, sum(held(p) for p in processes))

    async def requests() -> list[int]:
        limits = httpx.Limits(max_connections=n)
        async with httpx.AsyncClient(base_url=base, timeout=300, limits=limits) as client:
            return [
                r.status_code
                for r in await asyncio.gather(
                    *(client.get("/events", params={"limit": 5, "offset": k}) for k in range(n))
                )
            ]

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        statuses = asyncio.run(requests())
    finally:
        stop.set()
        sampler.join()
    return dict(Counter(statuses)), peak


WORKERS = 2  # server processes, each with its own pool


READS = [
    "/events?limit=50",
    "/events?status=all&limit=20&offset=10",
    "/events?format=geojson&limit=20",
    "/events/clusters?zoom=5",
    "/actors?limit=20",
    "/stats/timeline?interval=week",
    "/search?q=rebels&limit=10",
    "/stories?limit=10",
    "/events?actor=rebels&since=2021-03-05",
    "/events?near=35.9,36.6&radius_km=80",
]


@pytest.mark.slow
def test_ingest_while_the_api_serves_reads(corpora, tmp_path):
    big, small = corpora
    db = tmp_path / "served.db"
    subprocess.run(ingest(small, db), capture_output=True, check=True, timeout=600)  # something to read from the start
    with serving(str(db), "--workers", str(WORKERS)) as (server, base):
        done = threading.Event()
        problems: list[str] = []
        answered: list[int] = []

        def reader(k: int) -> None:
            last = 0
            with httpx.Client(base_url=base, timeout=30) as client:
                while not done.is_set():
                    for url in READS[k % 3 :] + ["/health"]:
                        r = client.get(url)
                        answered.append(r.status_code)
                        if r.status_code != 200 or "locked" in r.text:
                            problems.append(f"{url}: {r.status_code} {r.text[:200]}")
                        elif url == "/health":
                            count = r.json()["counts"]["documents"]
                            if count < last:
                                problems.append(f"documents went from {last} to {count}")
                            last = count

        threads = [threading.Thread(target=reader, args=(k,)) for k in range(6)]
        for t in threads:
            t.start()
        writer = subprocess.run(ingest(big, db, "--batch-size", "1"), capture_output=True, text=True, timeout=600)
        time.sleep(0.5)
        done.set()
        for t in threads:
            t.join(timeout=60)
        assert writer.returncode == 0, writer.stderr[-2000:]
        assert "locked" not in writer.stderr and "Traceback" not in writer.stderr
        assert not problems, problems[:10]
        print("ANSWERED", len(answered))
        assert len(answered) > 100, len(answered)
        with sqlite3.connect(db) as conn:
            total = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert httpx.get(f"{base}/health").json()["counts"]["documents"] == total == 360
        statuses, connections = burst(base, server.pid, db, 300)
        assert statuses == {200: 300}
        assert 1 <= connections <= CONNECTIONS * WORKERS, (
            connections
        )  # 300 requests at once share a bounded pool per process
    out = server.stderr.read().decode()
    assert "locked" not in out and "Traceback" not in out, out[-3000:]
    assert integrity(db) == "ok"


def test_the_ingest_lock_on_both_engines(db_target):
    """Store.ingest_lock: a second holder waits (told through on_wait) until the first lets go."""
    with Store.open(db_target) as first, Store.open(db_target) as second:
        waiting, entered = threading.Event(), threading.Event()

        def take() -> None:
            with second.ingest_lock(on_wait=waiting.set):
                entered.set()

        with first.ingest_lock():
            thread = threading.Thread(target=take)
            thread.start()
            assert waiting.wait(10)
            time.sleep(0.3)
            assert not entered.is_set()
        assert entered.wait(10)
        thread.join()
        with first.ingest_lock(on_wait=lambda: pytest.fail("the lock was not given back")):
            pass
