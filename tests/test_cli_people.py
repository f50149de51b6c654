"""The command line for people, over the example corpus (examples/): read commands refuse a
database that is not there, a terminal gets tables while a pipe keeps the JSON lines of
CONTRACT.md, counts agree with their nouns, and `serve` opens with a summary of its store.
Also checks that the examples show what examples/README.md says they show."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_support import free_port

from watchpost.cli import main
from watchpost.terminal import days, plural

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "examples" / "reports.jsonl"
AGREEMENT = ROOT / "examples" / "agreements" / "idlib-ceasefire-2020.yml"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "watchpost", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


def on_terminal(*args: str, columns: int = 200) -> str:
    """What `watchpost ARGS` writes to a real terminal (a pseudo-terminal as its standard output)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))  # rows, columns of the terminal
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    proc = subprocess.Popen([sys.executable, "-m", "watchpost", *args], stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(timeout=300) == 0, proc.stderr.read()
    return re.sub(r"\x1b\[[0-9;]*m", "", b"".join(chunks).decode("utf-8"))  # colours and bold off


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """The example corpus ingested and its ceasefire declared, as `make run` does."""
    path = str(tmp_path_factory.mktemp("examples") / "examples.db")
    ingest = run("ingest", str(REPORTS), "--db", path)
    assert ingest.returncode == 0, ingest.stderr
    assert "15 documents read, 0 skipped" in ingest.stderr
    assert "(1 near copy)" in ingest.stderr  # the syndicated copy, in the singular
    added = run("agreements", "add", str(AGREEMENT), "--db", path)
    assert added.returncode == 0, added.stderr
    return path


@pytest.mark.parametrize(
    "args", [["events"], ["events", "--format", "csv"], ["agreements", "list"], ["agreements", "show", "x"], ["serve"]]
)
def test_read_commands_refuse_a_database_that_is_not_there(tmp_path, args):
    missing = tmp_path / "nothing.db"
    result = CliRunner().invoke(main, [*args, "--db", str(missing)])
    assert result.exit_code == 2
    assert f"no database at '{missing}'" in result.stderr and "watchpost ingest" in result.stderr
    assert not missing.exists() and list(tmp_path.iterdir()) == []


def test_the_default_database_is_not_created_either(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WATCHPOST_DB", raising=False)
    result = run("events", cwd=tmp_path)
    assert result.returncode == 2 and "no database at 'watchpost.db'" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_piped_events_are_the_json_lines_of_format_jsonl(db):
    piped, explicit = (
        run("events", "--db", db, "--status", "all"),
        run("events", "--db", db, "--status", "all", "--format", "jsonl"),
    )
    assert piped.stdout == explicit.stdout
    rows = [json.loads(line) for line in piped.stdout.splitlines()]
    assert len(rows) >= 15 and {"id", "type", "status", "sources"} <= set(rows[0])
    assert piped.stderr.strip().endswith(f"{len(rows)} events")


def test_a_terminal_gets_a_table_of_events(db):
    rows = [json.loads(line) for line in run("events", "--db", db).stdout.splitlines()]
    shown = on_terminal("events", "--db", db)
    assert "actor 1 → actor 2" in shown and "type / sub-type" in shown and "deaths" in shown
    assert not any(line.lstrip().startswith("{") for line in shown.splitlines())
    kansafra = next(
        e for e in rows if e["location"] == "Kansafrah" and e["fatalities"] and e["date_precision"] == "day"
    )
    line = next(
        line
        for line in shown.splitlines()
        if line.lstrip().startswith(kansafra["date_start"]) and "Kansafrah" in line
    )
    assert f"{kansafra['actor1']} → {kansafra['actor2']}" in line and "Example Post" in line
    assert str(kansafra["fatalities"]) in line.split()


def test_a_terminal_gets_a_table_per_document_from_extract():
    shown = on_terminal("extract", str(REPORTS))
    assert "ex05-turkey-threat · Turkey warns Damascus to pull back" in shown
    assert "threatened" in shown and "denied" in shown and "hypothetical" in shown
    assert not any(line.lstrip().startswith("{") for line in shown.splitlines())
    piped = run("extract", str(REPORTS), "--format", "jsonl")
    assert all(json.loads(line)["doc_id"] for line in piped.stdout.splitlines())


def test_serve_opens_with_a_summary_of_its_store(db):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "watchpost", "serve", "--db", db, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        head = []
        while not head or not head[-1].startswith(("dashboard http", "Error")) and len(head) < 3:
            head.append(proc.stderr.readline())
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    summary, address = [line for line in head if not line.startswith("warning: dashboard assets")]
    assert summary.startswith(f"{db}: 15 documents, ") and "which the dashboard shows first" in summary
    assert address.startswith(f"dashboard http://127.0.0.1:{port}/ ")
    stored = [json.loads(line) for line in run("agreements", "list", "--db", db).stdout.splitlines()]
    observed, accused = sum(a["observed"] for a in stored), sum(a["accused"] for a in stored)
    assert observed >= 1 and accused >= 1  # the example ceasefire's violations
    assert f"{plural(len(stored), 'agreement')} with {observed} observed and {accused} accused violations" in summary


def test_examples_show_what_their_readme_says(db):
    rows = [json.loads(line) for line in run("events", "--db", db, "--status", "all").stdout.splitlines()]
    by_doc: dict[str, set[tuple[str, str]]] = {}
    for e in rows:
        for s in e["sources"]:
            by_doc.setdefault(s["doc_id"], set()).add((e["type"], e["status"]))
    assert ("ASSAULT", "threatened") in by_doc["ex05-turkey-threat"] and ("THREATEN", "occurred") in by_doc[
        "ex05-turkey-threat"
    ]
    denial = "ex06-hospital-denial"  # the doctors' claim and Moscow's denial: one event, disputed
    hospital = [e for e in rows if e["type"] == "ASSAULT" and any(s["doc_id"] == denial for s in e["sources"])]
    assert [(e["status"], {d["name"] for d in e["disputed_by"]}) for e in hospital] == [
        ("occurred", {"Government of Russia"})
    ]
    assert {s["status"] for s in hospital[0]["sources"]} == {"occurred", "denied"}
    assert ("AGREE", "occurred") in by_doc["ex09-ceasefire"]
    assert {s for s in by_doc["ex15-fear"]} == {("ASSAULT", "hypothetical")}
    assert by_doc["ex03-ariha-syndicated"] <= by_doc["ex02-ariha-strike"]  # the copy's events are the original's
    stories = [json.loads(line) for line in run("stories", str(REPORTS)).stdout.splitlines()]
    assert {s["doc_id"]: s["duplicate_of"] for s in stories}["ex03-ariha-syndicated"] == "ex02-ariha-strike"


@pytest.mark.parametrize(
    ("n", "noun", "said"),
    [
        (1, "document", "1 document"),
        (0, "document", "0 documents"),
        (1, "near copy", "1 near copy"),
        (4, "near copy", "4 near copies"),
        (2, "story", "2 stories"),
        (3, "new event", "3 new events"),
    ],
)
def test_counts_agree_with_their_nouns(n, noun, said):
    assert plural(n, noun) == said


def test_dates_in_few_characters():
    assert days("2020-03-07", "2020-03-07", "day") == "2020-03-07"
    assert days("2020-03-02", "2020-03-08", "week") == "2020-03-02…08"
    assert days("2019-12-01", "2019-12-31", "month") == "2019-12"
    assert days("2020-01-04", "2020-01-11", "unknown") == "~2020-01-04…11"
    assert days("2020-02-27", "2020-03-04", "week") == "2020-02-27…2020-03-04"
    assert days(None, None, None) == ""
