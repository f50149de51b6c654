"""Feeds: RSS, Atom and WARC files made here are read into documents; a seen-state in the store
passes over what was read, so a scheduled ingest of the same folder only processes what is new."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from watchpost.model import Document
from watchpost.read import Skipped, read_inputs
from watchpost.read.feeds import FeedState
from watchpost.store import Store

RSS = (
    '<?xml version="1.0"?>\n'
    '<rss version="2.0"><channel><title>Frontline Wire</title>\n'
    "<item><title>Rebels storm Nairab</title><link>https://news.example/nairab</link><guid>wire-1</guid>\n"
    "<pubDate>Thu, 20 Feb 2020 10:00:00 GMT</pubDate>\n"
    "<description>&lt;p&gt;Turkey-backed insurgents stormed the village of Nairab on Thursday.&lt;/p&gt;"
    "&lt;p&gt;Two soldiers were killed.&lt;/p&gt;</description></item>\n"
    "<item><title>Talks in Moscow</title><link>https://news.example/talks</link><guid>wire-2</guid>\n"
    "<description>Russian and Turkish delegations held talks in Moscow.</description></item>\n"
    "</channel></rss>"
)
ATOM = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<feed xmlns="http://www.w3.org/2005/Atom"><title>Monitor</title>\n'
    '<entry><title>Shelling in Hodeidah</title><id>urn:monitor:7</id><link href="https://monitor.example/7"/>\n'
    "<updated>2019-01-14T08:00:00Z</updated>"
    '<content type="html">&lt;p&gt;Houthi fighters shelled government positions in Hodeidah.&lt;/p&gt;'
    "</content></entry>\n"
    "</feed>"
)
PAGE = (
    "<html><head><title>Clashes near Saraqib</title></head><body><nav>Home | World | Sport</nav><article>"
    "<h1>Clashes near Saraqib</h1>"
    "<p>Syrian government forces and Turkey-backed rebels clashed near the town of Saraqib in Idlib province "
    "on Monday, monitors said, in the heaviest fighting in the area for weeks.</p>"
    "<p>The Syrian Observatory for Human Rights said at least five fighters were killed on both sides and dozens "
    "of families fled towards the Turkish border.</p></article><footer>Copyright</footer></body></html>"
)


def write_warc(path: Path, pages: list[tuple[str, str, str, bytes]]) -> None:
    """A gzipped WARC with one response record per (url, status, content type, body) and a request record."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, status, content_type, body in pages:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )
        writer.write_record(
            writer.create_warc_record(
                "https://news.example/a", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            )
        )


def feeds_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "feeds"
    folder.mkdir()
    (folder / "wire.rss").write_text(RSS)
    (folder / "monitor.atom").write_text(ATOM)
    write_warc(
        folder / "crawl.warc.gz",
        [
            ("https://news.example/saraqib", "200 OK", "text/html; charset=utf-8", PAGE.encode()),
            ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n"),
            ("https://news.example/gone", "404 Not Found", "text/html", b"<html><body><p>Not found</p></body></html>"),
        ],
    )
    return folder


def documents(items) -> dict[str, Document]:
    return {d.title: d for d in items if isinstance(d, Document)}


def test_rss_atom_and_warc_become_documents(tmp_path):
    items = list(read_inputs([str(feeds_folder(tmp_path))], "2020-03-01"))
    assert [i for i in items if isinstance(i, Skipped)] == []
    docs = documents(items)
    assert sorted(docs) == ["Clashes near Saraqib", "Rebels storm Nairab", "Shelling in Hodeidah", "Talks in Moscow"]
    nairab = docs["Rebels storm Nairab"]
    assert nairab.text == (
        "Rebels storm Nairab\n\nTurkey-backed insurgents stormed the village of Nairab on Thursday.\n\n"
        "Two soldiers were killed."
    )
    assert (nairab.url, nairab.source, nairab.published) == (
        "https://news.example/nairab",
        "Frontline Wire",
        "2020-02-20",
    )
    assert docs["Talks in Moscow"].published == "2020-03-01"  # no date of its own: the --published date
    assert docs["Shelling in Hodeidah"].published == "2019-01-14"
    page = docs["Clashes near Saraqib"]
    assert "heaviest fighting" in page.text and "Home | World" not in page.text
    assert page.url == "https://news.example/saraqib" and page.origin.startswith(
        str(tmp_path / "feeds" / "crawl.warc.gz")
    )


def test_seen_items_are_passed_over_and_changed_items_read_again(tmp_path):
    folder = feeds_folder(tmp_path)
    with Store.open(tmp_path / "w.db") as store:
        first = FeedState(store)
        ids = {d.id for d in read_inputs([str(folder)], None, first)}
        assert len(ids) == 4
        first.save()
        second = FeedState(store)
        assert list(read_inputs([str(folder)], None, second)) == [] and second.passed == 4
        (folder / "wire.rss").write_text(RSS.replace("Two soldiers were killed.", "Three soldiers were killed."))
        third = FeedState(store)
        (changed,) = read_inputs([str(folder)], None, third)
        assert changed.title == "Rebels storm Nairab" and "Three soldiers" in changed.text and changed.id not in ids
        assert third.passed == 3


def test_unreadable_feeds_are_reported(tmp_path):
    (tmp_path / "notes.xml").write_text("<notes><note>buy bread</note></notes>")
    (tmp_path / "broken.warc").write_bytes(b"this is not an archive\n" * 10)
    reasons = {Path(i.item).name: i.reason for i in read_inputs([str(tmp_path)]) if isinstance(i, Skipped)}
    assert reasons["notes.xml"] == "a feed with no items"
    assert reasons["broken.warc"].startswith("not a readable WARC file")


def test_scheduled_ingest_of_a_feeds_folder_processes_only_what_is_new(tmp_path):
    folder = feeds_folder(tmp_path)
    command = [sys.executable, "-m", "watchpost", "ingest", str(folder), "--db", str(tmp_path / "w.db")]
    first = subprocess.run(command, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "stored 4 documents" in first.stderr
    again = subprocess.run(command, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert "stored 0 documents" in again.stderr and "4 feed items already read" in again.stderr
