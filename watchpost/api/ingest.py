"""POST /documents: documents in through the same pipeline as `watchpost ingest`, behind a token.

The body is read within BODY_TIMEOUT_S, at most `max_body` bytes after gzip decompression (other
encodings are refused); JSON nested too deeply is a 400; a document whose id holds a control
character or line break, or whose publication date lies after tomorrow or before MIN_YEAR, is
not stored, with the reason.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import hmac
import io
import json
import threading
import unicodedata
import zlib
from typing import Annotated, Any

from fastapi import HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..model import Document
from ..pipeline import Extracts, Pipeline, default_extractor
from ..read import Skipped, from_json_line, read_jsonl_stream
from ..store import Store
from .http import BODY_TIMEOUT_S

MIN_YEAR = 1900  # publication dates before this are refused, as are those after tomorrow
ENCODINGS = ("identity", "gzip", "x-gzip")
bearer = HTTPBearer(auto_error=False, scheme_name="token", description="The server's $WATCHPOST_TOKEN")


def check_token(request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]) -> None:
    """FastAPI dependency: `Authorization: Bearer <WATCHPOST_TOKEN>`, compared in constant time
    (declared in the OpenAPI description, so /docs can send it)."""
    expected = request.app.state.settings.token
    if not expected:
        raise HTTPException(403, "ingest is off: start the server with WATCHPOST_TOKEN set")
    if credentials is None or not credentials.credentials.strip():
        raise HTTPException(401, "a token is required: Authorization: Bearer <token>", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(credentials.credentials.strip().encode(), expected.encode()):
        raise HTTPException(403, "wrong token")


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, gzip-decompressed if it is sent so, refused with 413 as soon as it passes
    `limit` bytes, with 415 in another encoding, and with 408 if it has not all come in
    BODY_TIMEOUT_S."""
    encoding = request.headers.get("content-encoding", "identity").strip().lower() or "identity"
    if encoding not in ENCODINGS:
        raise HTTPException(415, f"Content-Encoding {encoding!r} is not supported: send the body as is or gzipped")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"request body larger than {limit} bytes")
    inflate = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS) if encoding != "identity" else None
    body = bytearray()
    try:
        async with asyncio.timeout(BODY_TIMEOUT_S):
            async for chunk in request.stream():
                if inflate is not None:
                    chunk = inflate.decompress(chunk, limit + 1 - len(body))
                body += chunk
                if len(body) > limit:
                    raise HTTPException(413, f"request body larger than {limit} bytes" + (" decompressed" if inflate else ""))
    except TimeoutError:
        raise HTTPException(408, f"the request body did not arrive within {BODY_TIMEOUT_S:.0f} s") from None
    except zlib.error as exc:
        raise HTTPException(400, f"the body is not valid gzip ({exc})") from None
    if inflate is not None and not inflate.eof:
        raise HTTPException(400, "the gzip body ends before its stream does")
    return bytes(body)


def parse_documents(body: bytes, published: str | None) -> list[Document | Skipped]:
    """A JSON document, a JSON list of them, or JSON lines: each `{"id", "text", "title"?, ...}` as
    in a `.jsonl` input (CONTRACT.md). Documents that cannot be stored as they are come back as
    Skipped with the reason."""
    try:
        whole = json.loads(body)
        items = whole if isinstance(whole, list) else [whole]
        read = [from_json_line(json.dumps(item), f"body[{i}]", published) for i, item in enumerate(items)]
    except (json.JSONDecodeError, UnicodeDecodeError):
        read = list(read_jsonl_stream(io.BytesIO(body), "body", published))
    except RecursionError:
        raise HTTPException(400, "the JSON body is nested too deeply") from None
    return [item if isinstance(item, Skipped) or not refused(item) else Skipped(item.origin or item.id, refused(item))
            for item in read]


def refused(doc: Document) -> str | None:
    """Why a document read from the body is not stored, else None."""
    bad = next((i for i, c in enumerate(doc.id) if unicodedata.category(c) in ("Cc", "Zl", "Zp")), None)
    if bad is not None:
        return f"'id' holds a control character or line break (U+{ord(doc.id[bad]):04X}) at character {bad}"
    return date_problem(doc.published, "published") if doc.published else None


def date_problem(day: str, name: str) -> str | None:
    """Why a publication date is refused: after tomorrow (UTC) or before MIN_YEAR."""
    date = dt.date.fromisoformat(day[:10])
    tomorrow = dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=1)
    if date > tomorrow:
        return f"'{name}' {day} is after tomorrow ({tomorrow})"
    if date.year < MIN_YEAR:
        return f"'{name}' {day} is before {MIN_YEAR}"
    return None


class IngestService:
    """Runs the pipeline (watchpost.pipeline) for the API, one request at a time, keeping the extractor loaded."""

    def __init__(self, target: str, extractor: Extracts | None = None):
        self.target = target
        self.extractor = extractor
        self.lock = threading.Lock()

    def __call__(self, docs: list[Document]) -> dict[str, Any]:
        with self.lock:
            if self.extractor is None:
                self.extractor = default_extractor()
            with Store.open(self.target) as store:
                stats = Pipeline(store, self.extractor).run(docs)
                events = {d.id: store.document(d.id)["events"] for d in docs}
        return {"documents": stats.documents, "duplicates": stats.duplicates, "mentions": stats.mentions,
                "events_new": stats.events_new, "not_stored": dict(stats.skipped), "events": events}
