"""Readers: turn paths, directories, globs or stdin into Documents, reporting bad items.

Every reader yields either a Document or a Skipped record naming the item and the reason;
one bad item never stops the others (CONTRACT.md, "Input documents").
"""
from __future__ import annotations

import glob
import hashlib
import io
import json
import os
import re
import stat
import sys
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterable, Iterator

from .dates import report_date
from .model import Document

if TYPE_CHECKING:
    from .feeds import FeedState

MAX_BYTES = 20_000_000  # the most read for one file, JSON line or standard input (a page with its scripts)
MAX_TEXT_CHARS = 1_000_000  # one article's text: spaCy's own limit for one text, and ~1 GB parsed; not news beyond
VISIBLE_RE = re.compile(r"[^\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".warc", ".warc.gz")  # read by watchpost.feeds


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
    from .clean import content_blocks, html_to_text

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


def read_file(path: Path, published: str | None, seen: FeedState | None = None) -> Iterator[Document | Skipped]:
    """The documents of one file; feeds and web archives pass over the items `seen` says were read."""
    name = valid_unicode(str(path))
    suffix = path.suffix.lower()
    try:
        info = path.stat()
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)):  # a device never ends; a pipe does
            yield Skipped(name, "not a regular file")
            return
        if name.lower().endswith(FEED_SUFFIXES):
            from .feeds import read_feed

            yield from map(storable, read_feed(path, published, seen))
            return
        if suffix not in JSONL_SUFFIXES and info.st_size > MAX_BYTES:
            yield Skipped(name, f"file of {info.st_size:,} bytes is over the {MAX_BYTES:,}-byte limit")
            return
        with path.open("rb") as f:
            if suffix in JSONL_SUFFIXES:
                yield from read_jsonl_stream(f, name, published)
                return
            data = f.read(MAX_BYTES + 1)  # bounded: the file may have grown, or be a pipe
        if len(data) > MAX_BYTES:
            yield Skipped(name, f"more than {MAX_BYTES:,} bytes, the limit for one file")
            return
    except OSError as exc:
        yield Skipped(name, exc.strerror or str(exc))
        return
    text = decode(data, name)
    if isinstance(text, Skipped):
        yield text
    elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))):
        yield from_html(text, valid_unicode(path.stem), name, published)
    else:
        problem = text_problem(text)
        yield Skipped(name, problem) if problem else from_text(text, valid_unicode(path.stem), name, published)


def expand(inputs: Iterable[str]) -> Iterator[Path | str]:
    """Paths from arguments: files, directories (recursively, sorted), globs, or '-'."""
    for arg in inputs:
        if arg == "-":
            yield "-"
            continue
        path = Path(arg)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        elif path.exists():
            yield path
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            yield from (Path(m) for m in matches if os.path.isfile(m))
            if not matches:
                yield f"!{arg}"
        else:
            yield f"!{arg}"


def read_stdin(published: str | None, stdin: IO[bytes] | None = None) -> Iterator[Document | Skipped]:
    """Standard input: JSONL when it looks like JSON lines (read line by line, of any length),
    else one text article."""
    stream = stdin or sys.stdin.buffer
    data = stream.read(MAX_BYTES + 1)
    lines = [line for line in data.split(b"\n")[:1000] if line.strip()]
    if lines and sum(line.lstrip()[:1] == b"{" for line in lines) * 2 >= len(lines):  # mostly JSON objects: JSONL
        yield from read_jsonl_stream(io.BufferedReader(_Chained(data, stream)), "-", published)
        return
    if len(data) > MAX_BYTES:
        yield Skipped("-", f"standard input larger than {MAX_BYTES} bytes")
        return
    text = decode(data, "-")
    if not isinstance(text, Skipped) and text_problem(text):
        text = Skipped("-", text_problem(text))
    yield text if isinstance(text, Skipped) else from_text(text, content_id(text), "-", published)


class _Chained(io.RawIOBase):
    """Bytes already read, then the rest of the stream they came from."""

    def __init__(self, head: bytes, rest: IO[bytes]):
        self.head, self.rest = memoryview(head), rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # noqa: ANN001
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n], self.head = self.head[:n], self.head[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def read_inputs(inputs: Iterable[str], published: str | None = None, seen: FeedState | None = None
                ) -> Iterator[Document | Skipped]:
    """Every Document (or Skipped) from the command-line inputs, in order; `seen` remembers feed items."""
    for item in expand(inputs):
        if item == "-":
            yield from read_stdin(published)
        elif isinstance(item, str):
            yield Skipped(item[1:], "no such file or directory")
        else:
            yield from read_file(item, published, seen)


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
