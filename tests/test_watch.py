"""Watch rules and alerts: one alert per new matching event, across restarts and re-ingests;
JSONL files, webhooks on a local address (retried when down), and rules checked at ingest."""

from __future__ import annotations

import http.server
import io
import json
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from store_support import RuleExtractor, free_port

from watchpost.model import Document
from watchpost.pipeline import Pipeline
from watchpost.store import Store
from watchpost.watch import RuleError, Watcher, load_rules

SEEDS = Path(__file__).parent / "data" / "agreements" / "seeds.jsonl"
IDLIB = Path(__file__).parent.parent / "watchpost" / "data" / "agreements" / "idlib.yml"
CLI = [sys.executable, "-m", "watchpost"]


def report(doc_id: str, day: str, place: str) -> Document:
    return Document(
        id=doc_id, title=doc_id, published=day, text=f"{doc_id}\nRebels attack troops near {place}. 2 killed."
    )


def ingest(db: str, *docs: Document) -> None:
    with Store.open(db) as store:
        Pipeline(store, RuleExtractor()).run(docs)


def watch(rules: Path, db: str) -> subprocess.CompletedProcess:
    """A fresh `watchpost watch` process: nothing survives between runs but the store."""
    done = subprocess.run([*CLI, "watch", str(rules), "--db", db], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done


def alerted(path: Path) -> list[str]:
    return [json.loads(line)["event"]["id"] for line in path.read_text().splitlines()] if path.exists() else []


def test_one_alert_per_new_matching_event_across_restarts(db_target, tmp_path):
    out = tmp_path / "alerts.jsonl"
    rules = tmp_path / "rules.yml"
    rules.write_text(
        f"outputs: [{{jsonl: {out}}}]\nrules:\n"
        "  - {name: near-saraqib, type: ASSAULT, near: [35.86, 36.80], radius_km: 20}\n"
    )
    first = [report("a1", "2020-02-20", "Saraqib"), report("a2", "2020-02-20", "Aleppo")]
    ingest(db_target, *first)
    watch(rules, db_target)
    assert alerted(out) == ["a1:0"]
    assert json.loads(out.read_text())["event"]["sources"][0]["doc_id"] == "a1"  # the event comes with its sources
    watch(rules, db_target)
    assert alerted(out) == ["a1:0"]
    later = [
        report("b1", "2020-02-21", "Saraqib"),  # another report of the same attack: the same event
        report("b2", "2020-03-01", "Nayrab"),
        report("b3", "2020-03-02", "Aleppo"),
    ]
    ingest(db_target, *later)
    done = watch(rules, db_target)
    assert alerted(out) == ["a1:0", "b2:0"]
    assert "1 new alert," in done.stderr
    ingest(db_target, *first, *later)  # re-ingest: nothing new
    watch(rules, db_target)
    assert alerted(out) == ["a1:0", "b2:0"]


class Hook(http.server.BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        Hook.received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_webhook_down_then_up_delivers_once(tmp_path):
    db = str(tmp_path / "w.db")
    ingest(db, report("a1", "2020-02-20", "Saraqib"))
    port = free_port()
    rules_file = tmp_path / "rules.yml"
    rules_file.write_text(
        f"rules:\n  - name: all\n    outputs: [stdout, {{webhook: 'http://127.0.0.1:{port}/alerts'}}]\n"
    )
    rules = load_rules(rules_file)
    stdout, stderr = io.StringIO(), io.StringIO()
    with Store.open(db) as store:
        assert Watcher(store, stdout, stderr).run(rules) == {"alerts": 1, "pending": 1}  # nobody listens yet
    assert f"not delivered to webhook:http://127.0.0.1:{port}/alerts" in stderr.getvalue()
    server = http.server.HTTPServer(("127.0.0.1", port), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with Store.open(db) as store:
            assert Watcher(store, stdout, stderr).run(rules) == {"alerts": 0, "pending": 0}
            assert Watcher(store, stdout, stderr).run(rules) == {"alerts": 0, "pending": 0}
    finally:
        server.shutdown()
    assert [a["event"]["id"] for a in Hook.received] == ["a1:0"]
    assert len(stdout.getvalue().splitlines()) == 1  # stdout had it the first time and is not repeated


@pytest.mark.parametrize(
    "text, problem",
    [
        (
            "rules:\n  - {name: x, outputs: [{webhook: 'http://8.8.8.8/hook'}]}\n",
            "not an http(s) URL on a local address",
        ),
        ("rules:\n  - {name: x, outputs: [{webhook: 'ftp://127.0.0.1/hook'}]}\n", "local address"),
        ("rules:\n  - {name: x, outputs: [{email: a@b.c}]}\n", "an output is"),
        ("rules:\n  - {name: x, type: BOMB}\n", "unknown type"),
        ("rules:\n  - {name: x, colour: red}\n", "unknown keys"),
        ("rules:\n  - {name: x, status: rumoured}\n", "status is"),
        ("rules:\n  - {name: x, violation: observed}\n", "with an agreement"),
        ("rules:\n  - {name: x}\n  - {name: x}\n", "unique"),
        ("rules: []\n", "expected 'rules:'"),
    ],
)
def test_bad_rules_are_refused(tmp_path, text, problem):
    path = tmp_path / "rules.yml"
    path.write_text(text)
    with pytest.raises(RuleError, match=re.escape(problem)):
        load_rules(path)


def test_ingest_watch_alerts_on_agreement_violations_once(tmp_path):
    db = str(tmp_path / "w.db")
    out = tmp_path / "alerts.jsonl"
    rules = tmp_path / "rules.yml"
    rules.write_text(
        f"rules:\n  - name: idlib\n    agreement: idlib-de-escalation-zone\n    outputs: [{{jsonl: {out}}}]\n"
        "  - {name: idlib-observed, agreement: idlib-de-escalation-zone, violation: observed}\n"
    )
    subprocess.run([*CLI, "agreements", "add", str(IDLIB), "--db", db], capture_output=True, check=True)
    first = subprocess.run(
        [*CLI, "ingest", str(SEEDS), "--db", db, "--watch", str(rules)], capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    lines = out.read_text().splitlines()
    events = {json.loads(line)["event"]["type"] for line in lines}
    assert "ASSAULT" in events and events & {"ACCUSE", "REQUEST"}  # the Nairab attack and the accusations
    observed = [json.loads(line) for line in first.stdout.splitlines()]
    assert sorted((a["rule"], a["event"]["location"]) for a in observed) == [
        ("idlib-observed", "Nayrab"),
        ("idlib-observed", "Saraqib"),
    ]
    again = subprocess.run(
        [*CLI, "ingest", str(SEEDS), "--db", db, "--watch", str(rules)], capture_output=True, text=True
    )
    assert again.returncode == 0 and again.stdout == "" and "0 new alerts" in again.stderr
    assert out.read_text().splitlines() == lines
