"""Feed readers: RSS/Atom files and WARC web archives, with a memory of what was read.

`read_feed(path, published, seen)` yields a Document per feed item or archived HTML page (or a
Skipped naming what could not be read), the way the other readers of watchpost.read do. With a
FeedState, an item already read — same guid (or URL) and same content hash — is passed over,
so a scheduled `watchpost ingest feeds/` only processes what is new; an item whose text
changed is read again as a new document. The state is written with `save()` once the run's
documents are stored: a run that dies before then simply reads the same items again.

Dates: an item's own date; else `published`. A WARC page's date comes from the page, else
`published`, else the capture date (WARC-Date), the latest it can have been published.
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from ..model import Document
from .base import MAX_BYTES, Skipped, content_id, from_html

if TYPE_CHECKING:
    from ..store import Store

WARC_SUFFIXES = (".warc", ".warc.gz")
BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article")


def digest(data: bytes | str) -> str:
    return hashlib.sha1(data.encode("utf-8", "replace") if isinstance(data, str) else data).hexdigest()


class FeedState:
    """The store's feed_state table: (item guid or URL, content hash) pairs already read."""

    def __init__(self, store: Store):
        self.store = store
        self.claimed: dict[tuple[str, str], tuple[str, str]] = {}  # (item, hash) -> (feed, doc_id)
        self.passed = 0  # items passed over because an earlier run read them

    def claim(self, feed: str, item: str, content: str, doc_id: str) -> bool:
        """True when this item with this content is new (and now claimed by this run)."""
        key = (item, content)
        if key in self.claimed or self.store.feed_item_read(item, content):
            self.passed += 1
            return False
        self.claimed[key] = (feed, doc_id)
        return True

    def save(self) -> None:
        """Remember what this run read (call once its documents are stored)."""
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with self.store.transaction():
            self.store.remember_feed_items([item, h, feed, doc_id, now] for (item, h), (feed, doc_id) in self.claimed.items())
        self.claimed.clear()


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (an item's summary or content), one paragraph per block."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return " ".join(html.split())
    for element in root.iter("br", *BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", root.text_content()))
    return "\n\n".join(p for p in paragraphs if p)


def entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.timezone.utc).date().isoformat() if parsed else None


def read_rss(path: Path, published: str | None, seen: FeedState | None) -> Iterator[Document | Skipped]:
    """Each item of an RSS or Atom file: its title, then the text of its content or summary."""
    import feedparser

    name = str(path)
    try:
        data = path.read_bytes()[: MAX_BYTES + 1]
    except OSError as exc:
        yield Skipped(name, exc.strerror or str(exc))
        return
    if len(data) > MAX_BYTES:
        yield Skipped(name, f"file larger than {MAX_BYTES} bytes")
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = f"not an RSS/Atom feed ({feed.get('bozo_exception')})" if feed.get("bozo") else "a feed with no items"
        yield Skipped(name, reason)
        return
    source = feed.feed.get("title")
    for n, entry in enumerate(feed.entries, 1):
        origin = f"{name}:{n}"
        body = fragment_text(next((c.value for c in entry.get("content", []) if c.get("value")), None) or entry.get("summary", ""))
        title = " ".join(entry.get("title", "").split()) or None
        text = body if not title or body.startswith(title) else f"{title}\n\n{body}".strip()
        if not text.strip():
            yield Skipped(origin, "an item with no title or text")
            continue
        item, content = entry.get("id") or entry.get("link") or content_id(text), digest(text)
        doc_id = content_id(f"{item}\n{content}")
        if seen is None or seen.claim(name, item, content, doc_id):
            yield Document(id=doc_id, text=text, title=title, url=entry.get("link"), source=source,
                           published=entry_date(entry) or published, origin=origin)


def html_payload(record: Any) -> tuple[str, bytes] | None:
    """(charset, body) of a WARC record that holds a successfully fetched HTML page, else None."""
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers
    if record.rec_type == "response" and (headers is None or not headers.get_statuscode().startswith("2")):
        return None
    content_type = (headers.get_header("Content-Type") if headers else record.rec_headers.get_header("Content-Type")) or ""
    if "html" not in content_type.lower():
        return None
    charset = re.search(r"charset=([\w-]+)", content_type, re.IGNORECASE)
    return (charset.group(1) if charset else "utf-8"), record.content_stream().read(MAX_BYTES + 1)


def read_warc(path: Path, published: str | None, seen: FeedState | None) -> Iterator[Document | Skipped]:
    """Each archived HTML page of a WARC file, its main text extracted."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    name = str(path)
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if record.format != "warc":  # warcio reads anything as old ARC records: stop at the first
                    yield Skipped(name, f"not a readable WARC file (a {record.format} record at byte {records.get_record_offset()})")
                    return
                page = html_payload(record)
                if page is None:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                origin = f"{name}@{records.get_record_offset()}"
                charset, body = page
                if len(body) > MAX_BYTES:
                    yield Skipped(origin, f"page larger than {MAX_BYTES} bytes")
                    continue
                content = record.rec_headers.get_header("WARC-Payload-Digest") or digest(body)
                doc_id = content_id(f"{url}\n{content}")
                if seen is not None and not seen.claim(name, url or origin, content, doc_id):
                    continue
                try:
                    html = body.decode(charset, errors="replace")
                except LookupError:
                    html = body.decode("utf-8", errors="replace")
                captured = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
                doc = from_html(html, doc_id, origin, published or captured)
                if isinstance(doc, Document):
                    doc.url = doc.url or url or None
                yield doc
    except OSError as exc:
        yield Skipped(name, exc.strerror or str(exc))
    except ArchiveLoadFailed as exc:
        yield Skipped(name, f"not a readable WARC file ({exc})")


def read_feed(path: Path, published: str | None, seen: FeedState | None = None) -> Iterator[Document | Skipped]:
    """Documents of a feed (.rss .atom .xml) or web archive (.warc .warc.gz) file."""
    if path.name.lower().endswith(WARC_SUFFIXES):
        return read_warc(path, published, seen)
    return read_rss(path, published, seen)
