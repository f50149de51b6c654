"""What the server does around the endpoints: ETags and a response cache keyed by the store's
data version, and an HTTP protocol that closes connections whose request head does not arrive
in time.

Every committed write advances the store's data version (store/db.py), in whatever process
made it. A GET of the API is answered with `ETag: W/"<build>-<data version>"` and
`Cache-Control: no-cache`: a browser asks again with `If-None-Match` and gets a bodiless 304
while nothing changed, and a page polling for news costs one indexed read of the version. Each
server process also keeps the latest bodies it sent (RESPONSE_CACHE entries, RESPONSE_CACHE_BYTES
in all) under the version they were computed at, and a request arriving while the same answer
is being computed waits for it, so a hundred users opening the same view cost one query.
"""
from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from importlib.metadata import version
from typing import Any, Awaitable, Callable

from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from uvicorn.protocols.http.h11_impl import H11Protocol

try:
    import orjson
except ImportError:  # an install without it answers the same JSON, more slowly
    orjson = None  # type: ignore[assignment]

from ..store.db import SCHEMA_VERSION

RESPONSE_CACHE = 512  # responses kept per process
RESPONSE_CACHE_BYTES = 64_000_000
LARGEST_CACHED = 4_000_000  # bytes of one body
UNCACHED = ("/dashboard", "/docs", "/openapi.json", "/health")  # static files carry their own validators; health is live
HEAD_TIMEOUT_S = 10.0  # a request's line and headers must arrive within this after the connection opens or the last answer
BODY_TIMEOUT_S = 60.0  # and its body within this (api/ingest.py reads it)
BUILD = hashlib.sha1(f"{version('watchpost')}/{SCHEMA_VERSION}".encode()).hexdigest()[:8]

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class FastJSONResponse(JSONResponse):
    """JSON as JSONResponse writes it (compact, UTF-8), by orjson: a page of 1,000 events with
    their sources is about a megabyte, which the standard library takes ~10 ms to write."""

    def render(self, content: Any) -> bytes:
        if orjson is None:
            return super().render(content)
        return orjson.dumps(content)


class ResponseCache:
    """The latest response bodies by (data version, path and query), least recently used out first."""

    def __init__(self, entries: int = RESPONSE_CACHE, size: int = RESPONSE_CACHE_BYTES):
        self.entries, self.size, self.held = entries, size, 0
        self.kept: OrderedDict[tuple[int, str], tuple[int, list[tuple[bytes, bytes]], bytes]] = OrderedDict()

    def get(self, key: tuple[int, str]) -> tuple[int, list[tuple[bytes, bytes]], bytes] | None:
        found = self.kept.get(key)
        if found is not None:
            self.kept.move_to_end(key)
        return found

    def put(self, key: tuple[int, str], status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        if len(body) > LARGEST_CACHED or key in self.kept:
            return
        self.kept[key] = (status, headers, body)
        self.held += len(body)
        while len(self.kept) > self.entries or self.held > self.size:
            _, (_, _, dropped) = self.kept.popitem(last=False)
            self.held -= len(dropped)


class Revalidate:
    """ASGI middleware: ETag, Cache-Control, 304 on If-None-Match, and the response cache, for
    GETs of the API. `data_version` reads the store's version (a blocking call)."""

    def __init__(self, app: Any, data_version: Callable[[], int], threaded: bool, cache: bool = True):
        self.app, self.data_version, self.threaded = app, data_version, threaded
        self.cache = ResponseCache() if cache else None
        self.running: dict[tuple[int, str], asyncio.Event] = {}  # answers being computed: the same request waits for them

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or scope["path"].startswith(UNCACHED):
            await self.app(scope, receive, send)
            return
        current = await run_in_threadpool(self.data_version) if self.threaded else self.data_version()
        etag = f'W/"{BUILD}-{current}"'.encode()
        validators = {b"etag": etag, b"cache-control": b"no-cache"}
        asked = dict(scope["headers"]).get(b"if-none-match", b"")
        if etag in [tag.strip() for tag in asked.split(b",")] or asked.strip() == b"*":
            await send({"type": "http.response.start", "status": 304, "headers": list(validators.items())})
            await send({"type": "http.response.body", "body": b""})
            return
        key = (current, f"{scope['path']}?{scope['query_string'].decode('latin-1')}")
        if self.cache is None or scope["method"] != "GET":
            await self.app(scope, receive, Recorder(send, validators, key, None))
            return
        running = self.running.get(key)
        if running is not None:  # the same answer is being computed: wait for it rather than compute it again
            await running.wait()
        kept = self.cache.get(key)
        if kept is not None:
            status, headers, body = kept
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        done = self.running.setdefault(key, asyncio.Event())
        try:
            await self.app(scope, receive, Recorder(send, validators, key, self.cache))
        finally:
            if self.running.get(key) is done:
                del self.running[key]
            done.set()


class Recorder:
    """Adds the validators to a 200 answer and keeps its body in the cache."""

    def __init__(self, send: Send, validators: dict[bytes, bytes], key: tuple[int, str], cache: ResponseCache | None):
        self.send, self.validators, self.key, self.cache = send, validators, key, cache
        self.status, self.headers, self.body = 0, [], bytearray()

    async def __call__(self, message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            if self.status == 200:
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in self.validators]
                message = {**message, "headers": headers + list(self.validators.items())}
            self.headers = message.get("headers", [])
        elif message["type"] == "http.response.body" and self.status == 200 and self.cache is not None:
            self.body += message.get("body", b"")
            if not message.get("more_body") and len(self.body) <= LARGEST_CACHED:
                self.cache.put(self.key, self.status, self.headers, bytes(self.body))
            elif len(self.body) > LARGEST_CACHED:
                self.cache = None
        await self.send(message)


class SecurityHeaders:
    """ASGI middleware: `X-Content-Type-Options: nosniff` on every answer, and the dashboard's
    Content-Security-Policy on its pages."""

    def __init__(self, app: Any, dashboard_csp: str):
        self.app, self.csp = app, dashboard_csp.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        dashboard = scope["path"].startswith("/dashboard")

        async def headed(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", []), (b"x-content-type-options", b"nosniff")]
                if dashboard:
                    headers.append((b"content-security-policy", self.csp))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, headed)


class GuardedH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, closing a connection whose request line and headers have not
    all arrived HEAD_TIMEOUT_S after it opened or after the last answer (uvicorn itself waits
    for ever: an idle or trickling client holds the connection)."""

    head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self.arm()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.head_timer is not None:
            self.head_timer.cancel()
        super().connection_lost(exc)

    def arm(self) -> None:
        if self.head_timer is not None:
            self.head_timer.cancel()
        self.head_timer = self.loop.call_later(HEAD_TIMEOUT_S, self.head_late)

    def head_late(self) -> None:
        waiting = self.cycle is None or self.cycle.response_complete  # no request has begun since
        if waiting and not self.transport.is_closing():
            self.transport.close()
