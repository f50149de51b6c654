"""Watchpost: conflict news in, trustworthy event data out.

The Python API, in a few names (imported on first use, so `import watchpost` stays light)::

    from watchpost import Extractor, documents

    extractor = Extractor()                      # loads spaCy and the gazetteer once (a few seconds)
    for doc, mentions in extractor.extract(documents(["examples/reports.jsonl"])):
        for m in mentions:
            print(doc.id, m.type, m.status, m.actor1 and m.actor1.name, m.location and m.location.name)

- `Extractor`: the pipeline (clean, parse, places, actors, events); `Extractor().extract(docs)`
  yields `(Document, [Mention])` per document, in order. Build one per process.
- `read_inputs(paths, published=None)`: every `Document` of files, folders, globs or `"-"`
  (standard input), and a `Skipped` (item, reason) for each one that cannot be read.
- `documents(paths, published=None, skipped=None)`: the same documents alone; what could not be
  read goes to the `skipped` list when one is given, else to standard error.
- `Document`, `Mention` (its `to_json()` is one line of `watchpost extract`), `Skipped`.
- `Store`: the database that `watchpost ingest` fills (`Store.open("watchpost.db")`,
  `store.query_events(EventFilter(...))`); see docs/python-api.md.
"""
from __future__ import annotations

import sys
from importlib import import_module
from typing import TYPE_CHECKING, Any, Iterable, Iterator

__version__ = "0.1.0"
__all__ = ["Document", "EventFilter", "Extractor", "Mention", "Skipped", "Store", "documents", "read_inputs"]

_HOMES = {"Extractor": "extract", "read_inputs": "read", "Skipped": "read", "Document": "model", "Mention": "model",
          "Store": "store", "EventFilter": "store"}

if TYPE_CHECKING:
    from .extract import Extractor
    from .model import Document, Mention
    from .read import Skipped, read_inputs
    from .store import EventFilter, Store


def __getattr__(name: str) -> Any:
    """The API's names, imported when first asked for (spaCy loads only with the Extractor)."""
    if name in _HOMES:
        value = getattr(import_module(f".{_HOMES[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'watchpost' has no attribute {name!r}")


def documents(inputs: Iterable[str], published: str | None = None, skipped: list | None = None) -> Iterator[Document]:
    """The documents of `inputs` (paths of .txt, .html, .jsonl, feed or archive files, folders,
    globs, or "-" for standard input), in order, ready for `Extractor().extract`.

    `published` (YYYY-MM-DD) dates the documents that carry no date of their own. An item that
    cannot be read (missing, empty, binary, too large) is not an error: its `Skipped` record
    (`.item`, `.reason`) is appended to `skipped` when a list is given, else printed on standard
    error, and reading goes on with the next.
    """
    from .read import Skipped, read_inputs

    for item in read_inputs(list(inputs), published):
        if not isinstance(item, Skipped):
            yield item
        elif skipped is not None:
            skipped.append(item)
        else:
            print(item.message(), file=sys.stderr)
