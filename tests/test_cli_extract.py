"""`watchpost extract` as CONTRACT.md states it: JSON lines out, bad items on stderr by name, exit 0/1/2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from watchpost.cli import main

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data" / "extract"
ARTICLES, INPUTS, BAD = DATA / "articles", DATA / "inputs", DATA / "bad"
TOP_KEYS = {
    "doc_id",
    "event_id",
    "type",
    "mode",
    "acled",
    "status",
    "actor1",
    "actor2",
    "location",
    "date",
    "quantities",
    "sentence",
    "start",
    "end",
    "confidence",
}


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def extract(runner, *args, stdin: bytes | None = None):
    result = runner.invoke(main, ["extract", *map(str, args)], input=stdin, catch_exceptions=False)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result, lines


def test_one_article_exit_0_and_contract_fields(runner):
    path = ARTICLES / "yemen_taiz.txt"
    result, events = extract(runner, path, "--published", "2023-03-16")
    assert result.exit_code == 0
    assert result.stderr.strip().splitlines()[-1] == "1 document read, 0 skipped"
    (event,) = [e for e in events if e["type"] == "ASSAULT"]
    assert TOP_KEYS <= set(event)
    assert event["doc_id"] == "yemen_taiz" and event["event_id"].startswith("yemen_taiz:")
    assert event["status"] == "occurred"
    assert event["acled"] == {"event_type": "Battles", "sub_event_type": "Armed clash"}
    assert {"text", "name", "country", "kind"} <= set(event["actor1"])
    assert (event["actor1"]["country"], event["actor1"]["kind"]) == ("YEM", "MIL")
    assert {"text", "name", "country", "admin1", "lat", "lon", "geonameid", "precision"} <= set(event["location"])
    assert event["location"]["text"] == "Taiz" and "candidates" not in event["location"]
    assert {k: event["date"][k] for k in ("text", "start", "end", "precision")} == {
        "text": "Monday",
        "start": "2023-03-13",
        "end": "2023-03-13",
        "precision": "day",
    }
    assert [{k: q[k] for k in ("what", "value", "approximate")} for q in event["quantities"]] == [
        {"what": "killed", "value": 12, "approximate": True}
    ]
    text = path.read_text(encoding="utf-8")
    assert text[event["start"] : event["end"]] == event["sentence"]
    assert 0 <= event["confidence"] <= 1


def test_published_option_anchors_relative_dates(runner):
    path = ARTICLES / "nyala_airstrike.txt"
    _, first = extract(runner, path, "--published", "2023-03-16")
    _, later = extract(runner, path, "--published", "2023-04-05")
    assert [e["date"]["start"] for e in first if e["type"] == "ASSAULT"] == ["2023-03-12"]
    assert [e["date"]["start"] for e in later if e["type"] == "ASSAULT"] == [
        "2023-04-02"
    ]  # "on Sunday" before a Wednesday


def test_jsonl_date_wins_over_published_option(runner):
    result, events = extract(runner, INPUTS / "wire.jsonl", "--published", "2020-01-01")
    assert result.exit_code == 0
    dates = {(e["doc_id"], e["type"], e["date"]["text"]): e["date"]["start"] for e in events}
    assert dates[("sdn-0412", "ASSAULT", "Tuesday")] == "2023-04-11"  # published 2023-04-12, a Wednesday
    assert dates[("lby-0301", "PROTEST", "Friday")] == "2023-03-03"  # published that Friday


def test_directory_and_glob(runner):
    result, events = extract(runner, INPUTS, ARTICLES / "benghazi_*.txt", "--published", "2023-03-16")
    assert result.exit_code == 0
    assert "5 documents read, 0 skipped" in result.stderr
    assert {"benghazi_protest", "sdn-0412"} <= {e["doc_id"] for e in events}


def test_explain_adds_place_candidates(runner):
    _, events = extract(runner, ARTICLES / "yemen_taiz.txt", "--published", "2023-03-16", "--explain")
    (event,) = [e for e in events if e["type"] == "ASSAULT"]
    assert event["location"]["candidates"] and event["location"]["reason"]


def test_bad_items_are_named_on_stderr_and_exit_1(runner):
    result, events = extract(runner, BAD, DATA / "missing.txt", "--published", "2023-03-16")
    assert result.exit_code == 1
    err = result.stderr.splitlines()
    for item, reason in [
        (f"{BAD / 'mixed.jsonl'}:2", "invalid JSON"),
        (f"{BAD / 'mixed.jsonl'}:3", "a JSON list, not an object"),
        (f"{BAD / 'mixed.jsonl'}:5", "no 'text' string"),
        (f"{BAD / 'mixed.jsonl'}:6", "invalid UTF-8"),
        (f"{BAD / 'mixed.jsonl'}:7", "a JSON str, not an object"),
        (str(BAD / "empty.txt"), "empty"),
        (str(BAD / "photo.txt"), "binary data"),
        (str(BAD / "latin1.txt"), "invalid UTF-8"),
        (str(DATA / "missing.txt"), "no such file or directory"),
    ]:
        assert any(line.startswith(f"skipped {item}: {reason}") for line in err), item
    assert err[-1] == "2 documents read, 10 skipped"
    # the good lines around the bad ones still give their events
    assert {"mli-01", "mli-06"} <= {e["doc_id"] for e in events}
    detained = [e for e in events if e["doc_id"] == "mli-06" and e["type"] == "COERCE"]
    assert detained and detained[0]["location"]["text"] == "Niamey"


def test_only_missing_input_exits_1(runner):
    result, events = extract(runner, DATA / "missing.txt")
    assert result.exit_code == 1 and events == []
    assert f"skipped {DATA / 'missing.txt'}: no such file or directory" in result.stderr
    assert "0 documents read, 1 skipped" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        [],  # no input
        ["--published", "2023-02-30", str(ARTICLES / "yemen_taiz.txt")],  # not a date
        ["--published", "16/03/2023", str(ARTICLES / "yemen_taiz.txt")],
        ["--format", "csv", str(ARTICLES / "yemen_taiz.txt")],  # extract writes jsonl only
        ["--no-such-flag", str(ARTICLES / "yemen_taiz.txt")],
    ],
)
def test_usage_errors_exit_2(runner, args):
    result = runner.invoke(main, ["extract", *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Usage:" in result.stderr


def test_bad_date_message_names_the_value(runner):
    result = runner.invoke(main, ["extract", "--published", "2023-02-30", str(ARTICLES / "yemen_taiz.txt")])
    assert "'2023-02-30' is not a date in YYYY-MM-DD form" in result.stderr


def test_stdin_text(runner):
    text = (ARTICLES / "benghazi_protest.txt").read_bytes()
    result, events = extract(runner, "-", "--published", "2023-03-16", stdin=text)
    assert result.exit_code == 0
    (protest,) = [e for e in events if e["type"] == "PROTEST"]
    assert protest["location"]["text"] == "Benghazi"
    assert text.decode()[protest["start"] : protest["end"]] == protest["sentence"]


def test_stdin_jsonl_with_a_bad_line(runner):
    good = json.dumps(
        {
            "id": "lby-7",
            "text": "Sirte\n\nRival militias clashed in Sirte on Monday, killing four fighters.",
            "published": "2023-06-07",
        }
    )
    result, events = extract(runner, "-", stdin=f'{good}\n{{"id": "lby-8", "text": \n'.encode())
    assert result.exit_code == 1
    assert "skipped -:2: invalid JSON" in result.stderr
    assert [e["date"]["start"] for e in events if e["doc_id"] == "lby-7" and e["type"] == "ASSAULT"] == ["2023-06-05"]


def test_empty_stdin_is_skipped(runner):
    result, events = extract(runner, "-", stdin=b"")
    assert result.exit_code == 1 and events == []
    assert "skipped -: empty" in result.stderr


def test_real_process_exit_status_and_streams(tmp_path):
    """The installed entry point, as the scorers call it: events on stdout, the skipped item on stderr, status 1."""
    bad = tmp_path / "feed.jsonl"
    good = json.dumps(
        {"id": "g1", "text": (ARTICLES / "gharyan_gunmen.txt").read_text(encoding="utf-8"), "published": "2023-03-16"}
    )
    bad.write_text(f"{good}\n[1, 2]\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "watchpost", "extract", str(bad)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 1, proc.stderr
    assert f"skipped {bad}:2: a JSON list, not an object" in proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [e["type"] for e in events if e["doc_id"] == "g1"] == ["ASSAULT"]


def test_background_is_written_only_when_asked(runner, tmp_path):
    report = tmp_path / "toll.jsonl"
    text = ("Thirteen civilians were killed on Monday when shells hit a market in El Fasher, activists said. "
            "The war has killed tens of thousands since April 2023.")
    report.write_text(json.dumps({"id": "t", "text": text, "published": "2025-06-10"}) + "\n")
    _, news = extract(runner, report)
    _, everything = extract(runner, report, "--background")
    assert news and not any(e.get("background") for e in news)
    war = [e for e in everything if e.get("background")]
    assert war and all("tens of thousands" in e["sentence"] for e in war)
    assert len(everything) == len(news) + len(war)
