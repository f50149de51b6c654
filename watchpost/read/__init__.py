"""Readers: turn paths, directories, globs or stdin into Documents, reporting bad items.

Every reader yields either a Document or a Skipped record naming the item and the reason;
one bad item never stops the others (CONTRACT.md, "Input documents"). What the readers share is
in base.py; feeds and web archives, with their memory of what was read, in feeds.py.
"""

from __future__ import annotations

import glob
import io
import os
import stat
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator

from ..model import Document
from .base import (
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    MAX_BYTES,
    MAX_TEXT_CHARS,
    TEXT_SUFFIXES,
    Skipped,
    batches,
    content_id,
    decode,
    from_html,
    from_json_line,
    from_text,
    printable,
    read_jsonl_stream,
    storable,
    text_problem,
    valid_date,
    valid_unicode,
)
from .feeds import FeedState, read_feed

__all__ = [
    "Document",
    "MAX_BYTES",
    "MAX_TEXT_CHARS",
    "FeedState",
    "Skipped",
    "batches",
    "content_id",
    "expand",
    "from_html",
    "from_json_line",
    "from_text",
    "printable",
    "read_file",
    "read_inputs",
    "read_jsonl_stream",
    "read_stdin",
    "valid_date",
    "valid_unicode",
]


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
    elif suffix in HTML_SUFFIXES or (
        suffix not in TEXT_SUFFIXES and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))
    ):
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


def read_inputs(
    inputs: Iterable[str], published: str | None = None, seen: FeedState | None = None
) -> Iterator[Document | Skipped]:
    """Every Document (or Skipped) from the command-line inputs, in order; `seen` remembers feed items."""
    for item in expand(inputs):
        if item == "-":
            yield from read_stdin(published)
        elif isinstance(item, str):
            yield Skipped(item[1:], "no such file or directory")
        else:
            yield from read_file(item, published, seen)
