"""POST /documents: documents in through the same Ingester as `watchpost ingest`, behind a token."""
from __future__ import annotations

import hmac
import io
import json
import threading
from typing import Any

from fastapi import HTTPException, Request

from ..model import Document
from ..read import Skipped, from_json_line, read_jsonl_stream
from ..store import Store
from ..store.ingest import Ingester


def check_token(request: Request) -> None:
    """FastAPI dependency: `Authorization: Bearer <WATCHPOST_TOKEN>`, compared in constant time."""
    expected = request.app.state.settings.token
    if not expected:
        raise HTTPException(403, "ingest is off: start the server with WATCHPOST_TOKEN set")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(401, "a token is required: Authorization: Bearer <token>", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(403, "wrong token")


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"request body larger than {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"request body larger than {limit} bytes")
    return bytes(body)


def parse_documents(body: bytes, published: str | None) -> list[Document | Skipped]:
    """A JSON document, a JSON list of them, or JSON lines: each `{"id", "text", "title"?, ...}` as
    in a `.jsonl` input (CONTRACT.md)."""
    try:
        whole = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return list(read_jsonl_stream(io.BytesIO(body), "body", published))
    items = whole if isinstance(whole, list) else [whole]
    return [from_json_line(json.dumps(item), f"body[{i}]", published) for i, item in enumerate(items)]


class IngestService:
    """Runs the Ingester for the API, one request at a time, keeping the extractor loaded."""

    def __init__(self, target: str, extractor: Any = None):
        self.target = target
        self.extractor = extractor
        self.lock = threading.Lock()

    def __call__(self, docs: list[Document]) -> dict[str, Any]:
        with self.lock:
            if self.extractor is None:
                from ..extract import Extractor

                self.extractor = Extractor()
            with Store.open(self.target) as store:
                stats = Ingester(store, self.extractor).run(docs)
                events = {d.id: store.document(d.id)["events"] for d in docs}
        return {"documents": stats.documents, "duplicates": stats.duplicates, "mentions": stats.mentions,
                "events_new": stats.events_new, "not_stored": dict(stats.skipped), "events": events}
