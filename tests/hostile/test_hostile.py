"""Hostile input through the readers and the real `watchpost extract` / `watchpost ingest`:
every bad item is named on stderr with its reason, every good item in the same run is read
and stored, the output stays valid, and memory stays bounded (peak RSS of the subprocess)."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from watchpost.clean import MAX_BLOCK_CHARS, content_blocks
from watchpost.model import PLOVER_TYPES, STATUSES
from watchpost.read import Document, Skipped, printable, read_inputs, read_stdin

from .generate import MB, article, build, reported_items

CLI = [sys.executable, "-m", "watchpost"]
MAX_RSS_MB = 1500  # generous: the models take ~250 MB; a hostile input read whole, or a parse gone wild, shows
MEASURE = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[2:]).returncode
with open(sys.argv[1], "w") as f:
    f.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""


def run_measured(args: list[str], scratch: Path, timeout: float = 600) -> tuple[subprocess.CompletedProcess, int]:
    """Run a command; its result and its peak resident memory in MB (RUSAGE_CHILDREN of a wrapper
    that runs nothing else)."""
    out = scratch / f"rss-{uuid.uuid4().hex}"
    proc = subprocess.run([sys.executable, "-c", MEASURE, str(out), *args], capture_output=True, timeout=timeout)
    return proc, int(out.read_text()) // 1024  # ru_maxrss is in KB on Linux


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def texts(corpus) -> dict[str, str]:
    return {d.id: d.text for d in read_inputs(corpus.args) if isinstance(d, Document)}


def expected_reports(corpus) -> dict[str, str]:
    return {printable(item): reason for item, reason in corpus.bad.items()}


def check_reports(stderr: str, corpus) -> None:
    """Every bad item named once with a reason matching its pattern; nothing else reported."""
    got, want = reported_items(stderr), expected_reports(corpus)
    assert set(got) == set(want), {
        "unexpected": sorted(set(got) - set(want))[:20],
        "missing": sorted(set(want) - set(got))[:20],
    }
    wrong = {item: (got[item], want[item]) for item in want if not re.search(want[item], got[item])}
    assert not wrong, dict(list(wrong.items())[:20])
    assert f"{len(corpus.good)} documents read, {len(want)} skipped" in stderr
    assert "Traceback" not in stderr
    failed = [line for line in stderr.splitlines() if line.startswith("error in ")]
    assert not failed, failed[:10]  # no document broke a pipeline stage


def test_reader_reads_every_good_item_and_names_every_bad_one(corpus):
    items = list(read_inputs(corpus.args))
    docs = [d for d in items if isinstance(d, Document)]
    assert sorted(d.id for d in docs) == sorted(corpus.good)  # each once
    got = {printable(s.item): s.reason for s in items if isinstance(s, Skipped)}
    want = expected_reports(corpus)
    assert set(got) == set(want)
    assert {k: v for k, v in got.items() if not re.search(want[k], v)} == {}
    for doc in docs:
        assert doc.text.encode("utf-8") and "\x00" not in doc.text and doc.id.encode("utf-8")  # storable as is
        assert doc.origin.encode("utf-8")


def test_ingest_stores_every_good_item_and_names_every_bad_one(corpus, texts, tmp_path):
    db = tmp_path / "hostile.db"
    proc, rss = run_measured([*CLI, "ingest", *corpus.args, "--db", str(db)], tmp_path)
    stderr = proc.stderr.decode("utf-8")
    assert proc.returncode == 1, stderr[-3000:]  # something was skipped: exit 1, not a crash
    check_reports(stderr, corpus)
    print(f"ingest of the hostile corpus: peak RSS {rss} MB")
    assert rss < MAX_RSS_MB, f"peak RSS {rss} MB"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = dict(conn.execute("SELECT id, text FROM documents").fetchall())
        counts = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "mentions", "events")]
    assert set(stored) == corpus.good
    assert all(stored[i] == texts[i] for i in stored)  # kept character for character: offsets stay true
    assert stored["rtl_zero_width"] == corpus.texts["rtl_zero_width"]
    for doc_id, banned in corpus.absent.items():
        assert not [b for b in banned if b in stored[doc_id]], doc_id

    again = subprocess.run([*CLI, "ingest", *corpus.args, "--db", str(db)], capture_output=True, timeout=600)
    assert again.returncode == 1 and "stored 0 documents" in again.stderr.decode(), again.stderr.decode()[-2000:]
    with sqlite3.connect(db) as conn:
        assert [
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "mentions", "events")
        ] == counts


def valid_day(value) -> bool:
    try:
        dt.date.fromisoformat(value)
        return True
    except (TypeError, ValueError):
        return False


def strict_json(line: str) -> dict:
    def refuse(constant: str):
        raise ValueError(f"{constant} is not JSON")

    return json.loads(line, parse_constant=refuse)


def test_extract_names_every_bad_item_and_writes_valid_events(corpus, texts, tmp_path):
    proc, rss = run_measured([*CLI, "extract", *corpus.args, "--published", "2020-02-20"], tmp_path)
    stderr = proc.stderr.decode("utf-8")
    assert proc.returncode == 1, stderr[-3000:]
    check_reports(stderr, corpus)
    print(f"extract of the hostile corpus: peak RSS {rss} MB")
    assert rss < MAX_RSS_MB, f"peak RSS {rss} MB"
    events = [strict_json(line) for line in proc.stdout.decode("utf-8").splitlines()]  # no NaN, no Infinity
    assert {e["doc_id"] for e in events} >= {"absurd", "rtl_zero_width", "script_flood", "long_line"}
    for e in events:
        text = texts[e["doc_id"]]
        assert text[e["start"] : e["end"]] == e["sentence"], e["event_id"]
        assert e["type"] in PLOVER_TYPES and e["status"] in STATUSES
        if e["date"]:
            start, end = e["date"]["start"], e["date"]["end"]
            assert (start is None or valid_day(start)) and (end is None or valid_day(end)), e["date"]
            assert start is None or end is None or start <= end, e["date"]
        for q in e["quantities"]:
            assert isinstance(q["value"], (int, float)) and math.isfinite(q["value"]), q
        location = e["location"] or {}
        for key in ("lat", "lon"):
            assert location.get(key) is None or math.isfinite(location[key])


def test_huge_inputs_are_skipped_without_being_held_whole(corpus, tmp_path):
    """The 50 MB article is refused by its size unread; the 50 MB JSON line is read past in
    bounded pieces while the lines around it are stored."""
    small, base = run_measured(
        [*CLI, "ingest", str(corpus.root / "utf8_bom.txt"), "--db", str(tmp_path / "a.db")], tmp_path
    )
    assert small.returncode == 0, small.stderr.decode()[-2000:]
    big, peak = run_measured(
        [
            *CLI,
            "ingest",
            str(corpus.root / "huge.txt"),
            str(corpus.root / "huge_line.jsonl"),
            "--db",
            str(tmp_path / "b.db"),
        ],
        tmp_path,
    )
    stderr = big.stderr.decode()
    assert big.returncode == 1
    assert re.search(r"skipped .*huge\.txt: file of 5\d,\d{3},\d{3} bytes is over the 20,000,000-byte limit", stderr)
    assert re.search(r"skipped .*huge_line\.jsonl:2: line over the 20,000,000-byte limit", stderr)
    assert "2 documents read, 2 skipped" in stderr
    print(f"50 MB inputs: peak RSS {peak} MB, one small article {base} MB")
    assert peak - base < 80, f"peak RSS {peak} MB against {base} MB for one small article"


def test_content_blocks_stay_linear_on_hostile_shapes():
    """100,000 short lines, near copies of each other, and a 19 MB line: cleaning stays fast and
    every block fits the parser (the old pairwise caption check took hours on such a page)."""
    shapes = {
        "many lines": "Title\n"
        + "\n".join(f"Prices rose {k % 13} percent in market {k % 50} of Idlib." for k in range(100_000)),
        "identical lines": "Title\n" + "The army shelled the town again today.\n" * 100_000,
        "one 19 MB line": "Title\n" + "Rebels shelled the town. " * 760_000,
        "no spaces": "Title\n" + "y" * 5_000_000 + ".",
    }
    for name, text in shapes.items():
        started = time.monotonic()
        blocks = content_blocks(text)
        took = time.monotonic() - started
        assert took < 30, f"{name}: {took:.1f} s"
        assert all(0 < b.end - b.start <= MAX_BLOCK_CHARS for b in blocks), name
        assert all(text[b.start : b.end] == text[b.start : b.end].strip() for b in blocks), name
        assert all(a.end <= b.start for a, b in zip(blocks, blocks[1:])), name


def test_stdin_jsonl_larger_than_the_read_limit_streams():
    good = json.dumps({"id": "first", "text": article(1)}).encode() + b"\n"
    big = b'{"id": "big", "text": "' + b"x" * (25 * MB) + b'"}\n'
    rest = b"".join(json.dumps({"id": f"s{k}", "text": article(k)}).encode() + b"\n" for k in range(2, 400))
    filler = b"".join(json.dumps({"id": f"f{k}", "text": article(k) * 40}).encode() + b"\n" for k in range(400, 800))
    items = list(read_stdin(None, io.BytesIO(good + filler + big + rest)))
    docs = [i.id for i in items if isinstance(i, Document)]
    assert docs[0] == "first" and len(docs) == 1 + 400 + 398 and docs[-1] == "s399"
    assert [(s.item, s.reason) for s in items if isinstance(s, Skipped)] == [
        ("-:402", "line over the 20,000,000-byte limit")
    ]
