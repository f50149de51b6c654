"""Readers: turn paths, directories, globs or stdin into Documents, reporting bad items.

Every reader yields either a Document or a Skipped record naming the item and the reason;
one bad item never stops the others (CONTRACT.md, "Input documents").
"""
from __future__ import annotations

import glob
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator

from .model import Document

MAX_BYTES = 20_000_000  # one article larger than this is not news text
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass
class Skipped:
    """An input item that could not be read: where it was and why."""

    item: str
    reason: str

    def message(self) -> str:
        return f"skipped {self.item}: {self.reason}"


def content_id(text: str) -> str:
    """A stable id for a document that carries none: a hash of its text."""
    return hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:16]


def decode(data: bytes, item: str) -> str | Skipped:
    """Bytes to text: UTF-8 (with BOM) strictly; binary or undecodable data is skipped."""
    if not data.strip():
        return Skipped(item, "empty")
    if b"\x00" in data[:4096]:
        return Skipped(item, "binary data (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Skipped(item, f"invalid UTF-8 at byte {exc.start}")


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


def from_text(text: str, doc_id: str, origin: str, published: str | None) -> Document:
    return Document(id=doc_id, text=text, title=split_title(text), published=published, origin=origin)


def from_html(html: str, doc_id: str, origin: str, published: str | None) -> Document | Skipped:
    from .clean import content_blocks, html_to_text

    extracted = html_to_text(html)
    if extracted is None or not content_blocks(extracted.text):  # nothing, or only menus and banners
        return Skipped(origin, "no article text found in HTML")
    return Document(
        id=doc_id, text=extracted.text, title=extracted.title, url=extracted.url,
        published=valid_date(extracted.date) or published, origin=origin,
    )


def from_json_line(line: str, origin: str, published: str | None) -> Document | Skipped:
    try:
        obj = json.loads(line.strip())
    except json.JSONDecodeError as exc:
        return Skipped(origin, f"invalid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})")
    if not isinstance(obj, dict):
        return Skipped(origin, f"a JSON {type(obj).__name__}, not an object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return Skipped(origin, "no 'text' string")
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        return Skipped(origin, f"text larger than {MAX_BYTES} bytes")
    doc_id = obj.get("id")
    doc_id = str(doc_id) if isinstance(doc_id, (str, int)) and str(doc_id).strip() else content_id(text)
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    return Document(
        id=doc_id, text=text, title=title or split_title(text),
        url=obj.get("url") if isinstance(obj.get("url"), str) else None,
        source=obj.get("source") if isinstance(obj.get("source"), str) else None,
        published=valid_date(obj.get("published")) or published, origin=origin,
    )


def read_jsonl_stream(stream: IO[bytes], name: str, published: str | None) -> Iterator[Document | Skipped]:
    """One Document per good line; a Skipped per bad line, named `file:line`."""
    seen = False
    for lineno, raw in enumerate(stream, 1):
        origin = f"{name}:{lineno}"
        if not raw.strip():
            continue
        seen = True
        if len(raw) > MAX_BYTES:
            yield Skipped(origin, f"line larger than {MAX_BYTES} bytes")
            continue
        try:
            line = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield Skipped(origin, f"invalid UTF-8 at byte {exc.start}")
            continue
        yield from_json_line(line, origin, published)
    if not seen:
        yield Skipped(name, "empty")


def read_file(path: Path, published: str | None) -> Iterator[Document | Skipped]:
    name = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as f:
                yield from read_jsonl_stream(f, name, published)
            return
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield Skipped(name, f"file larger than {MAX_BYTES} bytes ({size})")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(name, exc.strerror or str(exc))
        return
    text = decode(data, name)
    if isinstance(text, Skipped):
        yield text
    elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))):
        yield from_html(text, path.stem, name, published)
    else:
        yield from_text(text, path.stem, name, published)


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
    """Standard input: JSONL when it looks like JSON lines, else one text article."""
    stream = stdin or sys.stdin.buffer
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        yield Skipped("-", f"standard input larger than {MAX_BYTES} bytes")
        return
    lines = [line for line in data.split(b"\n")[:1000] if line.strip()]
    if lines and sum(line.lstrip()[:1] == b"{" for line in lines) * 2 >= len(lines):  # mostly JSON objects: JSONL
        import io

        yield from read_jsonl_stream(io.BytesIO(data), "-", published)
        return
    text = decode(data, "-")
    yield text if isinstance(text, Skipped) else from_text(text, content_id(text), "-", published)


def read_inputs(inputs: Iterable[str], published: str | None = None) -> Iterator[Document | Skipped]:
    """Every Document (or Skipped) from the command-line inputs, in order."""
    for item in expand(inputs):
        if item == "-":
            yield from read_stdin(published)
        elif isinstance(item, str):
            yield Skipped(item[1:], "no such file or directory")
        else:
            yield from read_file(item, published)
