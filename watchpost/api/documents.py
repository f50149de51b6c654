"""Document endpoints: one stored article with the spans of its mentions marked, full-text
search, and ingest behind a token."""
from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool

from ..read import Skipped
from . import spans
from .ingest import check_token, date_problem, parse_documents, read_body
from .params import MAX_PAGE
from .pool import ReadStore

router = APIRouter(tags=["documents"])


@router.get("/documents/{doc_id:path}")
def get_document(doc_id: str, store: ReadStore) -> dict:
    """A stored document, its text, each mention in it with the spans behind its fields, and apart from
    them its `background`: the war's tolls and history it tells, which belong to no event."""
    doc = store.document(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    doc["mentions"] = spans.mentions(store, "doc_id", doc_id)
    doc["background"] = spans.background(store, [doc_id])
    return doc


@router.get("/search")
def search(store: ReadStore, q: Annotated[str, Query(min_length=1, max_length=500)],
           limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20) -> list[dict]:
    """Documents whose title or text matches the words, best first."""
    return store.search(q, limit)


@router.post("/documents", status_code=201, dependencies=[Depends(check_token)])
async def ingest_documents(request: Request, published: dt.date | None = None) -> dict:
    """Extract and store documents, as `watchpost ingest` does. The body is a JSON document
    `{"id", "text", "title"?, "url"?, "published"?, "source"?}`, a JSON list of them, or JSON
    lines. Needs `Authorization: Bearer <WATCHPOST_TOKEN>`."""
    problem = published and date_problem(published.isoformat(), "published")
    if problem:
        raise HTTPException(400, problem)
    body = await read_body(request, request.app.state.settings.max_body)
    read = parse_documents(body, published and published.isoformat())
    skipped = [{"item": s.item, "reason": s.reason} for s in read if isinstance(s, Skipped)]
    docs = [d for d in read if not isinstance(d, Skipped)]
    if not docs:
        raise HTTPException(400, {"message": "no document could be read", "skipped": skipped})
    result = await run_in_threadpool(request.app.state.ingest, docs)
    return {**result, "skipped": skipped}
