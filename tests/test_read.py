"""Readers: .txt, .html, .jsonl, directories, globs and stdin; every bad item is a Skipped naming it and why."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from watchpost.model import Document
from watchpost.read import Skipped, content_id, read_inputs, read_stdin

DATA = Path(__file__).parent / "data" / "extract"
INPUTS, BAD = DATA / "inputs", DATA / "bad"


def read(*paths, published=None) -> list[Document | Skipped]:
    return list(read_inputs([str(p) for p in paths], published))


def docs(items) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def skips(items) -> dict[str, str]:
    return {i.item: i.reason for i in items if isinstance(i, Skipped)}


# -- .txt ---------------------------------------------------------------------------


def test_txt_title_is_first_non_empty_line_and_id_is_stem():
    (doc,) = read(INPUTS / "yemen_truce.txt", published="2023-04-10")
    assert doc.id == "yemen_truce"
    assert doc.title == "Houthi and Saudi negotiators meet in Muscat as truce holds"
    assert doc.published == "2023-04-10"
    assert doc.origin == str(INPUTS / "yemen_truce.txt")


def test_txt_text_is_kept_byte_for_byte():
    """Offsets in the output point into the text as read: nothing is stripped or rewritten."""
    path = INPUTS / "yemen_truce.txt"
    (doc,) = read(path)
    assert doc.text == path.read_text(encoding="utf-8")
    assert doc.text.startswith("\n\n   Houthi")


def test_txt_with_bom_and_crlf(tmp_path):
    path = tmp_path / "libya-0611.txt"
    path.write_bytes(
        "\ufeffMilitia clashes shut Tripoli airport\r\n\r\nFighting erupted near Mitiga airport.\r\n".encode("utf-8")
    )
    (doc,) = read(path)
    assert doc.id == "libya-0611"
    assert doc.title == "Militia clashes shut Tripoli airport"
    assert not doc.text.startswith("\ufeff")


def test_file_without_suffix_that_is_html_is_read_as_html(tmp_path):
    page = (INPUTS / "ukraine_page.html").read_text(encoding="utf-8")
    (tmp_path / "saved_page").write_text(page, encoding="utf-8")
    (doc,) = read(tmp_path / "saved_page")
    assert "<p>" not in doc.text and "Avdiivka" in doc.text


# -- .html --------------------------------------------------------------------------


def test_html_main_text_without_page_furniture():
    (doc,) = read(INPUTS / "ukraine_page.html", published="2023-02-20")
    assert doc.id == "ukraine_page"
    assert doc.title == "Ukraine says it repelled assault near Avdiivka"
    assert "Ukrainian forces repelled a Russian assault" in doc.text
    assert "The Kremlin did not immediately comment" in doc.text
    for furniture in ("cookies", "Markets rally", "Cup final", "All rights reserved", "<"):
        assert furniture not in doc.text
    assert doc.text.splitlines()[0] == doc.title


def test_html_date_in_the_page_wins_over_published_option():
    (doc,) = read(INPUTS / "ukraine_page.html", published="2023-02-20")
    assert doc.published == "2023-02-14"


def test_html_with_only_a_menu_is_skipped(tmp_path):
    path = tmp_path / "index.html"
    path.write_text(
        '<html><body><nav><a href="/">Home</a> <a href="/world">World</a></nav></body></html>', encoding="utf-8"
    )
    items = read(path)
    assert skips(items) == {str(path): "no article text found in HTML"}


# -- .jsonl -------------------------------------------------------------------------


def test_jsonl_fields():
    items = read(INPUTS / "wire.jsonl", published="2023-01-01")
    first, second = docs(items)
    assert (first.id, first.title, first.url, first.source, first.published) == (
        "sdn-0412",
        "Clashes in El Fasher",
        "https://example.org/sdn-0412",
        "Example Wire",
        "2023-04-12",
    )
    assert first.origin == f"{INPUTS / 'wire.jsonl'}:1"
    assert second.title == "Benghazi protest"  # no title field: the first line of the text
    assert second.origin.endswith("wire.jsonl:2")


def test_jsonl_bad_lines_are_skipped_with_file_line_and_reason():
    path = BAD / "mixed.jsonl"
    items = read(path)
    assert [d.id for d in docs(items)] == ["mli-01", "mli-06"]  # good lines around the bad ones still read
    reasons = skips(items)
    assert set(reasons) == {f"{path}:{n}" for n in (2, 3, 5, 6, 7)}  # line 4 is blank: nothing to report
    assert reasons[f"{path}:2"].startswith("invalid JSON (Unterminated string")
    assert "at at" not in reasons[f"{path}:2"]
    assert reasons[f"{path}:3"] == "a JSON list, not an object"
    assert reasons[f"{path}:5"] == "no 'text' string"
    assert reasons[f"{path}:6"].startswith("invalid UTF-8 at byte ")
    assert reasons[f"{path}:7"] == "a JSON str, not an object"


def test_skipped_message_names_item_and_reason():
    skipped = Skipped("feed.jsonl:3", "a JSON list, not an object")
    assert skipped.message() == "skipped feed.jsonl:3: a JSON list, not an object"


@pytest.mark.parametrize(
    "obj, why",
    [
        ({"id": "x", "text": "   "}, "no 'text' string"),
        ({"id": "x", "text": 42}, "no 'text' string"),
        ({"id": "x"}, "no 'text' string"),
    ],
)
def test_jsonl_text_must_be_a_non_empty_string(tmp_path, obj, why):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(obj) + "\n", encoding="utf-8")
    assert skips(read(path)) == {f"{path}:1": why}


def test_jsonl_ids_dates_and_titles_are_checked(tmp_path):
    text = "Drone strike in Marib\n\nA drone struck a checkpoint in Marib on Monday."
    lines = [
        {"id": 17, "text": text, "published": "2023-02-30"},  # impossible date: fall back to --published
        {"text": text, "title": ["not", "a", "string"], "published": "2023-02-06T08:00:00Z"},
        {"id": "  ", "text": text, "url": 5},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    a, b, c = docs(read(path, published="2023-02-07"))
    assert (a.id, a.published) == ("17", "2023-02-07")
    assert b.id == content_id(text) == c.id  # no usable id: a hash of the text, the same for the same text
    assert b.title == "Drone strike in Marib" and b.published == "2023-02-06"
    assert c.url is None


def test_jsonl_with_only_blank_lines_is_empty(tmp_path):
    path = tmp_path / "nothing.jsonl"
    path.write_text("\n  \n\n", encoding="utf-8")
    assert skips(read(path)) == {str(path): "empty"}


# -- bad files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, reason",
    [
        ("empty.txt", "empty"),
        ("blank.txt", "empty"),
        ("photo.txt", "binary data (NUL bytes)"),
        ("latin1.txt", "invalid UTF-8 at byte 20"),
    ],
)
def test_unreadable_files_are_skipped_with_reason(name, reason):
    assert skips(read(BAD / name)) == {str(BAD / name): reason}


def test_missing_path_is_skipped():
    missing = DATA / "no_such_article.txt"
    assert read(missing) == [Skipped(str(missing), "no such file or directory")]


def test_glob_without_matches_is_skipped():
    pattern = str(DATA / "*.nothing")
    assert read(pattern) == [Skipped(pattern, "no such file or directory")]


# -- directories, globs, stdin ------------------------------------------------------


def test_directory_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "second.txt").write_text("Second\n\nBody.", encoding="utf-8")
    (tmp_path / "a_first.txt").write_text("First\n\nBody.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nBody.", encoding="utf-8")
    assert [d.id for d in docs(read(tmp_path))] == ["a_first", "second"]


def test_directory_with_good_and_bad_files_reads_the_good_ones():
    items = read(BAD)
    assert [d.id for d in docs(items)] == ["mli-01", "mli-06"]
    assert set(skips(items)) == {str(BAD / n) for n in ("empty.txt", "blank.txt", "photo.txt", "latin1.txt")} | {
        f"{BAD / 'mixed.jsonl'}:{n}" for n in (2, 3, 5, 6, 7)
    }


def test_glob_reads_matching_files():
    items = read(INPUTS / "*.txt")
    assert [d.id for d in docs(items)] == ["yemen_truce"]
    items = read(DATA / "**" / "*.jsonl")
    assert {d.id for d in docs(items)} == {"sdn-0412", "lby-0301", "mli-01", "mli-06"}


def test_inputs_keep_their_order():
    items = read(INPUTS / "yemen_truce.txt", DATA / "missing.txt", INPUTS / "wire.jsonl")
    assert [getattr(i, "id", None) or i.item for i in items] == [
        "yemen_truce",
        str(DATA / "missing.txt"),
        "sdn-0412",
        "lby-0301",
    ]


def test_stdin_plain_text_is_one_article():
    text = "Sudan: shelling hits Nyala market\n\nArtillery shells struck the main market in Nyala on Monday.\n"
    (doc,) = read_stdin("2023-06-06", io.BytesIO(text.encode("utf-8")))
    assert doc.id == content_id(text)
    assert doc.title == "Sudan: shelling hits Nyala market"
    assert doc.origin == "-" and doc.published == "2023-06-06"


def test_stdin_jsonl_lines_are_named_dash_line():
    data = b'{"id": "a", "text": "Clashes in Sirte."}\n{"id": "b", "text": \n'
    a, bad = read_stdin(None, io.BytesIO(data))
    assert a.id == "a" and a.origin == "-:1"
    assert bad.item == "-:2" and bad.reason.startswith("invalid JSON")


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "empty"), (b"\x00\x01\x02", "binary data (NUL bytes)"), (b"Gao \xe9t\xe9\n", "invalid UTF-8 at byte 4")],
)
def test_stdin_bad_input(data, reason):
    assert list(read_stdin(None, io.BytesIO(data))) == [Skipped("-", reason)]


def test_dash_reads_standard_input(monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(b"Yemen\n\nFighting near Taiz.\n"))
    monkeypatch.setattr("sys.stdin", stdin)
    (doc,) = read("-")
    assert doc.title == "Yemen" and doc.origin == "-"


def test_a_document_without_a_date_is_dated_from_its_dateline(tmp_path):
    path = tmp_path / "report.jsonl"
    path.write_text(
        '{"id": "a", "text": "Posted on April 4 2017 by admin\\nAirstrikes hit the town."}\n'
        '{"id": "b", "text": "Posted on April 4 2017\\nText.", "published": "2017-04-05"}\n',
        encoding="utf-8",
    )
    a, b = read_inputs([str(path)], "2020-01-01")
    assert (a.published, b.published) == (
        "2017-04-04",
        "2017-04-05",
    )  # the text beats the default, metadata beats the text
    assert "posted on" in a.published_reason and b.published_reason is None
