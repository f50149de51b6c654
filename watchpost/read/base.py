"""What every reader shares (watchpost.read, watchpost.read.feeds): Skipped records, limits,
decoding and validation, Documents from text, HTML and JSON lines, and batching."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from itertools import islice
from typing import IO, Iterable, Iterator

from ..dates import report_date
from ..model import Document

MAX_BYTES = 20_000_000  # the most read for one file, JSON line or standard input (a page with its scripts)
MAX_TEXT_CHARS = 1_000_000  # one article's text: spaCy's own limit for one text, and ~1 GB parsed; not news beyond
VISIBLE_RE = re.compile(r"[^\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".warc", ".warc.gz")  # read by watchpost.read.feeds


@dataclass
class Skipped:
    """An input item that could not be read: where it was and why."""

    item: str
    reason: str

    def message(self) -> str:
        reason = self.reason if len(self.reason) <= 300 else self.reason[:300] + "..."
        return f"skipped {printable(self.item)}: {printable(reason)}"


def printable(name: str) -> str:
    """A name fit for one line of a terminal: undecodable bytes, control and bidi characters escaped."""
    name = valid_unicode(name)
    if name.isprintable():
        return name
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in name)


def valid_unicode(name: str) -> str:
    """A file name as valid Unicode: bytes that were not UTF-8 (surrogate escapes) become \\xNN."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        try:
            return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            return name.encode("utf-8", "backslashreplace").decode("utf-8")


def text_problem(text: str, field: str = "text") -> str | None:
    """Why a decoded string cannot be stored as it is, else None."""
    if "\x00" in text:
        return f"NUL character in '{field}' at character {text.index(chr(0))}"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"invalid Unicode in '{field}' (unpaired surrogate at character {exc.start})"
    if field == "text" and len(text) > MAX_TEXT_CHARS:
        return f"text of {len(text):,} characters is over the {MAX_TEXT_CHARS:,}-character limit for one article"
    return None


def storable(item: Document | Skipped) -> Document | Skipped:
    """A document only if its fields can be stored as they are and its text is not over the limit."""
    if isinstance(item, Skipped):
        return item
    for field in ("text", "id", "title", "url", "source"):
        value = getattr(item, field)
        problem = text_problem(value, field) if isinstance(value, str) else None
        if problem:
            return Skipped(item.origin or item.id, problem)
    return item


def content_id(text: str) -> str:
    """A stable id for a document that carries none: a hash of its text."""
    return hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:16]


def decode(data: bytes, item: str) -> str | Skipped:
    """Bytes to text: UTF-8 (with BOM) strictly, UTF-16 with a BOM; binary or undecodable data is skipped."""
    if not data.strip():
        return Skipped(item, "empty")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") and b"\x00\x00" not in data[:4096]:
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            return Skipped(item, f"invalid UTF-16 at byte {exc.start}")
    elif b"\x00" in data:
        return Skipped(item, "binary data (NUL bytes)")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return Skipped(item, f"invalid UTF-8 at byte {exc.start}")
    if not VISIBLE_RE.search(text):
        return Skipped(item, "empty (only spaces and invisible characters)")
    return text


def valid_date(value: object) -> str | None:
    """A YYYY-MM-DD string that names a real date, else None."""
    import datetime as dt

    if not isinstance(value, str) or not DATE_RE.match(value[:10]):
        return None
    try:
        dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return value[:10]


def split_title(text: str) -> str | None:
    """The first non-empty line of a plain-text article is its title."""
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return None


def dated(text: str, own: str | None, default: str | None) -> dict[str, str | None]:
    """`published` and `published_reason` of a document: its own metadata, else a date its text opens
    with (dateline, 'Posted on'), else the caller's default (`--published`)."""
    if own:
        return {"published": own, "published_reason": None}
    found = report_date(text, default)
    if found:
        return {"published": found[0], "published_reason": found[1]}
    return {"published": default, "published_reason": "--published" if default else None}


def from_text(text: str, doc_id: str, origin: str, published: str | None) -> Document:
    return Document(id=doc_id, text=text, title=split_title(text), origin=origin, **dated(text, None, published))


def from_html(html: str, doc_id: str, origin: str, published: str | None) -> Document | Skipped:
    from ..clean import content_blocks, html_to_text

    extracted = html_to_text(html)
    if extracted is None or not content_blocks(extracted.text):  # nothing, or only menus and banners
        return Skipped(origin, "no article text found in HTML")
    problem = text_problem(extracted.text)
    if problem:
        return Skipped(origin, problem)
    return Document(
        id=doc_id, text=extracted.text, title=extracted.title, url=extracted.url,
        origin=origin, **dated(extracted.text, valid_date(extracted.date), published),
    )


def from_json_line(line: str, origin: str, published: str | None) -> Document | Skipped:
    try:
        obj = json.loads(line.strip())
    except json.JSONDecodeError as exc:
        return Skipped(origin, f"invalid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})")
    except RecursionError:
        return Skipped(origin, "invalid JSON (nested too deeply)")
    except ValueError:  # an integer of more digits than Python converts
        return Skipped(origin, "invalid JSON (a number too long to read)")
    if not isinstance(obj, dict):
        return Skipped(origin, f"a JSON {type(obj).__name__}, not an object")
    text = obj.get("text")
    if not isinstance(text, str) or not VISIBLE_RE.search(text):
        return Skipped(origin, "no 'text' string")
    for key in ("text", "id", "title", "url", "source"):
        problem = text_problem(obj[key], key) if isinstance(obj.get(key), str) else None
        if problem:
            return Skipped(origin, problem)
    doc_id = obj.get("id")
    doc_id = str(doc_id) if isinstance(doc_id, (str, int)) and str(doc_id).strip() else content_id(text)
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    return Document(
        id=doc_id, text=text, title=title or split_title(text),
        url=obj.get("url") if isinstance(obj.get("url"), str) else None,
        source=obj.get("source") if isinstance(obj.get("source"), str) else None,
        origin=origin, **dated(text, valid_date(obj.get("published")), published),
    )


def read_jsonl_stream(stream: IO[bytes], name: str, published: str | None) -> Iterator[Document | Skipped]:
    """One Document per good line; a Skipped per bad line, named `file:line`."""
    seen = False
    for lineno, raw in enumerate(bounded_lines(stream, MAX_BYTES), 1):
        origin = f"{name}:{lineno}"
        if raw is None:
            seen = True
            yield Skipped(origin, f"line over the {MAX_BYTES:,}-byte limit")
            continue
        if not raw.strip():
            continue
        seen = True
        try:
            line = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield Skipped(origin, f"invalid UTF-8 at byte {exc.start}")
            continue
        yield from_json_line(line, origin, published)
    if not seen:
        yield Skipped(name, "empty")


def bounded_lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """The lines of a byte stream, holding at most `limit` bytes: a longer line is read past
    in pieces and comes back as None."""
    while raw := stream.readline(limit + 1):
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield raw


def batches(items: Iterable[Document], size: int, max_chars: int | None = None) -> Iterator[list[Document]]:
    """Lists of `size` documents, closed early once their texts reach `max_chars` characters."""
    if max_chars is None:
        it = iter(items)
        while batch := list(islice(it, size)):
            yield batch
        return
    batch, chars = [], 0
    for doc in items:
        batch.append(doc)
        chars += len(doc.text)
        if len(batch) >= size or chars >= max_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch
