"""Read-only store connections for request handlers, one per concurrent request, reused."""
from __future__ import annotations

import queue
from contextlib import contextmanager
from typing import Annotated, Iterator

from fastapi import Depends, Request

from ..store import Store

MMAP_BYTES = 1 << 30
CACHE_KIB = 65536  # per connection


def open_read_only(target: str) -> Store:
    """A Store whose connection refuses every write (SQLite query_only, PostgreSQL read-only sessions)."""
    store = Store.open(target)
    if store.dialect == "sqlite":
        store.execute("PRAGMA query_only = ON")
        store.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")  # scans read the file's pages in place
        store.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    else:
        store.execute("SET default_transaction_read_only = on")
    return store


class StorePool:
    """Hands each request a read-only Store; connections are opened on demand and kept for reuse."""

    def __init__(self, target: str):
        self.target = target
        self.idle: queue.SimpleQueue[Store] = queue.SimpleQueue()

    @contextmanager
    def read(self) -> Iterator[Store]:
        try:
            store = self.idle.get_nowait()
        except queue.Empty:
            store = open_read_only(self.target)
        try:
            yield store
        finally:
            self.idle.put(store)

    def close(self) -> None:
        while not self.idle.empty():
            self.idle.get_nowait().close()


def read_store(request: Request) -> Iterator[Store]:
    """FastAPI dependency: a read-only Store for the length of one request."""
    with request.app.state.pool.read() as store:
        yield store


ReadStore = Annotated[Store, Depends(read_store)]
