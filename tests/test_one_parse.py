"""One parse path: `watchpost geoparse` cleans and parses a document as `watchpost extract` does
(nlp.parse_texts through Extractor.parse), so the two give the same places."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from watchpost.cli import main
from watchpost.extract import Extractor
from watchpost.model import Document
from watchpost.nlp import parse_text

REPORTS = Path(__file__).parents[1] / "examples" / "reports.jsonl"


def lines(args: list[str]) -> list[dict]:
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, dict]:
    """The first example report, as a JSON lines file."""
    doc = json.loads(REPORTS.read_text(encoding="utf-8").splitlines()[0])
    path = tmp_path_factory.mktemp("one") / "report.jsonl"
    path.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    return path, doc


def place_key(p: dict) -> tuple:
    return p["text"], p["name"], p["lat"], p["lon"]


def test_geoparse_and_extract_give_the_same_places(report):
    path, doc = report
    geoparsed = lines(["geoparse", str(path)])
    assert geoparsed, "geoparse found no place"
    extractor = Extractor()
    document = Document(id=doc["id"], text=doc["text"])
    inside = extractor.geoparser.parse(document.text, extractor.parse([document])[0])
    assert [(p["start"], p["end"], p["name"], p["lat"], p["lon"]) for p in geoparsed] == [
        (p.start, p.end, p.name, p.lat, p.lon) for p in inside
    ]  # what extract's mentions are placed from
    mentions = lines(["extract", str(path)])
    placed = [m["location"] for m in mentions if m.get("location")]
    assert placed, "extract placed no event"
    assert {place_key(p) for p in placed} <= {place_key(p) for p in geoparsed}


def test_a_geoparser_on_its_own_parses_as_extract_does(report):
    _, doc = report
    extractor = Extractor()
    document = Document(id=doc["id"], text=doc["text"])
    alone = [(offset, d.text) for offset, d in parse_text(doc["text"])]
    assert alone and alone == [(offset, d.text) for offset, d in extractor.parse([document])[0]]


def test_a_headline_printed_again_has_its_places_once_each(tmp_path):
    """Cleaning reads a repeated headline once; geoparse still places each occurrence, once."""
    line = "Shelling hit Idlib and Aleppo on Monday, residents said."
    text = f"{line}\n\n{line}\n\nHundreds of families fled north towards the Turkish border overnight."
    path = tmp_path / "repeated.jsonl"
    path.write_text(json.dumps({"id": "r", "text": text}) + "\n", encoding="utf-8")
    places = lines(["geoparse", str(path)])
    spans = [(p["start"], p["end"]) for p in places]
    assert len(spans) == len(set(spans))
    second = len(line) + 2
    for name in ("Idlib", "Aleppo"):
        assert {(line.index(name), line.index(name) + len(name)),
                (second + line.index(name), second + line.index(name) + len(name))} <= set(spans)


def test_a_headline_the_text_opens_with_is_its_first_block_not_a_second_parse():
    extractor = Extractor()
    title = "Gunmen kill 12 villagers in Kadisau"
    doc = Document(id="h", title=title, text=f"{title}\n\nTwelve villagers were killed in Kadisau on Sunday.")
    parsed = extractor.parse([doc])[0]
    assert extractor.headline(title, parsed) is parsed[0][1]
    other = extractor.headline("Bandits kill 12 in Zamfara", parsed)
    assert other is not parsed[0][1] and other.text == "Bandits kill 12 in Zamfara"
