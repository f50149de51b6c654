"""Read-only store connections for request handlers, at most POOL_SIZE, reused."""
from __future__ import annotations

import asyncio
import queue
import threading
from contextlib import asynccontextmanager, contextmanager
from typing import Annotated, AsyncIterator, Iterator

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool

from ..store import Store

MMAP_BYTES = 1 << 30
CACHE_KIB = 65536  # per connection
POOL_SIZE = 16  # connections (queries at once): more requests wait their turn instead of opening one each
CONNECTIONS = POOL_SIZE + 1  # at most, per process: the pool's and the one that reads the data version


def open_read_only(target: str) -> Store:
    """A Store whose connection refuses every write (SQLite query_only, PostgreSQL read-only sessions)."""
    store = Store.open(target)
    store.read_only(MMAP_BYTES, CACHE_KIB)
    return store


class StorePool:
    """Hands each request a read-only Store; connections are opened on demand and kept for reuse.

    At most `size` are leased at once: 500 concurrent requests would otherwise open 500
    connections (each with its files, cache and map of the database) and run out of file
    descriptors under a common limit of 1024.
    """

    def __init__(self, target: str, size: int = POOL_SIZE):
        self.target = target
        self.dialect = "postgresql" if target.startswith(("postgresql://", "postgres://")) else "sqlite"
        self.size = size
        self.idle: queue.SimpleQueue[Store] = queue.SimpleQueue()
        self.slots: dict[asyncio.AbstractEventLoop, asyncio.Semaphore] = {}  # one per event loop serving the app
        self.versions: Store | None = None  # reads the data version for every request (api/http.py)
        self.versions_lock = threading.Lock()

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

    @asynccontextmanager
    async def lease(self) -> AsyncIterator[Store]:
        """A Store for one request, waiting (without holding a thread) while `size` are out."""
        slots = self.slots.setdefault(asyncio.get_running_loop(), asyncio.Semaphore(self.size))
        async with slots:
            try:
                store = self.idle.get_nowait()
            except queue.Empty:
                store = await run_in_threadpool(open_read_only, self.target)
            try:
                yield store
            finally:
                self.idle.put(store)

    def data_version(self) -> int:
        """The store's data version (store/db.py), read on a connection of its own."""
        with self.versions_lock:
            if self.versions is None:
                self.versions = open_read_only(self.target)
            return self.versions.data_version()

    def close(self) -> None:
        while not self.idle.empty():
            self.idle.get_nowait().close()
        if self.versions is not None:
            self.versions.close()


async def read_store(request: Request) -> AsyncIterator[Store]:
    """FastAPI dependency: a read-only Store for the length of one request."""
    async with request.app.state.pool.lease() as store:
        yield store


ReadStore = Annotated[Store, Depends(read_store)]
