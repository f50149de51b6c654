"""The server under load and under probing: ETags and the response cache, host allow-list,
header and body read timeouts, deeply nested JSON, publication dates out of range, gzip bodies,
ids with control characters, the OpenAPI security scheme, and `watchpost serve --workers`."""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from store_support import children, free_port, serving
from test_api import DOCS, NEW_DOC, ScriptedExtractor

from watchpost.api import create_app
from watchpost.api import http as api_http
from watchpost.api import ingest as api_ingest
from watchpost.api.app import LOCAL_HOSTS
from watchpost.model import Document
from watchpost.pipeline import Pipeline
from watchpost.store import Store, query

TOKEN = {"Authorization": "Bearer s3cret"}


@pytest.fixture
def store_path(tmp_path) -> str:
    path = tmp_path / "serve.db"
    with Store.open(path) as store:
        Pipeline(store, ScriptedExtractor()).run([Document(**vars(d)) for d in DOCS[:2]])
    return str(path)


@pytest.fixture
def client(store_path):
    with TestClient(create_app(store_path, token="s3cret", extractor=ScriptedExtractor())) as c:
        yield c


def test_lists_and_aggregates_carry_an_etag_and_answer_304_until_the_store_changes(client):
    paths = [
        "/events",
        "/events/clusters?zoom=3",
        "/stats/timeline?interval=week",
        "/actors",
        "/stories",
        "/agreements",
        "/events/a:0",
        "/search?q=Saraqib",
    ]
    first = {p: client.get(p) for p in paths}
    for path, response in first.items():
        assert response.status_code == 200 and response.headers["cache-control"] == "no-cache", path
        assert response.headers["etag"].startswith('W/"'), path
        again = client.get(path, headers={"If-None-Match": response.headers["etag"]})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == response.headers["etag"]
        assert client.get(path, headers={"If-None-Match": 'W/"other"'}).json() == response.json()  # from the cache
    assert "etag" not in client.get("/health").headers
    assert client.post("/documents", json=NEW_DOC, headers=TOKEN).status_code == 201
    for path, response in first.items():
        after = client.get(path, headers={"If-None-Match": response.headers["etag"]})
        assert after.status_code == 200 and after.headers["etag"] != response.headers["etag"], path
    events = client.get("/events").json()
    assert events["total"] == first["/events"].json()["total"] + 1  # the cache never serves the old list


def test_the_same_request_arriving_at_once_is_computed_once(store_path, monkeypatch):
    calls = []
    timeline = query.timeline

    def slow_timeline(*args):
        calls.append(1)
        time.sleep(0.3)  # long enough for all the requests to arrive while it runs
        return timeline(*args)

    monkeypatch.setattr(query, "timeline", slow_timeline)

    async def many() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=create_app(store_path))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            return await asyncio.gather(*(http.get("/stats/timeline?interval=week") for _ in range(20)))

    answers = asyncio.run(many())
    assert [a.status_code for a in answers] == [200] * 20 and len({a.content for a in answers}) == 1
    assert len(calls) == 1


def test_only_the_allowed_host_names_are_answered(store_path):
    with TestClient(create_app(store_path, allowed_hosts=LOCAL_HOSTS), base_url="http://localhost") as c:
        assert c.get("/events").status_code == 200
        assert c.get("/events", headers={"Host": "127.0.0.1:8000"}).status_code == 200
        refused = c.get("/events", headers={"Host": "evil.example"})
        assert refused.status_code == 400 and "events" not in refused.text
    with TestClient(
        create_app(store_path, allowed_hosts=["watch.example.org"]), base_url="http://watch.example.org"
    ) as c:
        assert c.get("/health").status_code == 200
        assert c.get("/health", headers={"Host": "localhost"}).status_code == 400


def test_deeply_nested_json_is_a_400(client):
    body = "[" * 100_000 + "]" * 100_000
    response = client.post("/documents", content=body, headers={**TOKEN, "Content-Type": "application/json"})
    assert response.status_code == 400 and "nested too deeply" in response.text
    one = {"id": "n", "text": "Rebels attacked.", "title": {"a": [[[[[[{"b": 1}]]]]]]}}
    assert client.post("/documents", json=one, headers=TOKEN).status_code == 201


def test_publication_dates_after_tomorrow_or_before_1900_are_refused_with_a_reason(client):
    docs = [
        {**NEW_DOC, "id": "future", "published": "9999-12-31"},
        {**NEW_DOC, "id": "old", "published": "1850-06-01"},
        {**NEW_DOC, "id": "fine", "published": "2020-03-05"},
    ]
    response = client.post("/documents", json=docs, headers=TOKEN)
    assert response.status_code == 201
    reasons = {s["item"]: s["reason"] for s in response.json()["skipped"]}
    assert "after tomorrow" in reasons["body[0]"] and "before 1900" in reasons["body[1]"] and len(reasons) == 2
    assert client.get("/documents/future").status_code == 404 and client.get("/documents/fine").status_code == 200
    timeline = client.get("/stats/timeline?interval=month&status=all").json()["buckets"]
    assert timeline[-1]["date"] < "2021"
    refused = client.post(
        "/documents?published=9999-12-31", json={"id": "x", "text": "Rebels attacked."}, headers=TOKEN
    )
    assert refused.status_code == 400 and "after tomorrow" in refused.text


def test_ids_with_control_characters_or_line_breaks_are_refused(client):
    docs = [
        {**NEW_DOC, "id": "two\nlines"},
        {**NEW_DOC, "id": "bell\x07"},
        {**NEW_DOC, "id": "sep\u2028x"},
        {**NEW_DOC, "id": "Idlib – تقرير 7"},
    ]
    response = client.post("/documents", json=docs, headers=TOKEN)
    assert response.status_code == 201
    reasons = [s["reason"] for s in response.json()["skipped"]]
    assert len(reasons) == 3 and all("control character or line break" in r for r in reasons)
    assert "U+000A" in reasons[0] and "U+0007" in reasons[1] and "U+2028" in reasons[2]
    assert client.get("/documents/Idlib – تقرير 7").status_code == 200


def test_gzip_bodies_are_decompressed_within_the_size_limit(store_path):
    with TestClient(create_app(store_path, token="s3cret", extractor=ScriptedExtractor(), max_body=50_000)) as c:
        packed = gzip.compress(json.dumps(NEW_DOC).encode())
        response = c.post("/documents", content=packed, headers={**TOKEN, "Content-Encoding": "gzip"})
        assert response.status_code == 201 and response.json()["documents"] == 1
        bomb = gzip.compress(b"[" + b" " * 5_000_000 + b"]")  # 5 kB that inflate to 5 MB
        assert len(bomb) < 50_000
        too_big = c.post("/documents", content=bomb, headers={**TOKEN, "Content-Encoding": "gzip"})
        assert too_big.status_code == 413 and "decompressed" in too_big.text
        other = c.post("/documents", content=b"xx", headers={**TOKEN, "Content-Encoding": "br"})
        assert other.status_code == 415
        broken = c.post("/documents", content=b"not gzip at all", headers={**TOKEN, "Content-Encoding": "gzip"})
        assert broken.status_code == 400 and "gzip" in broken.text
        cut = c.post("/documents", content=packed[: len(packed) // 2], headers={**TOKEN, "Content-Encoding": "gzip"})
        assert cut.status_code == 400


def test_openapi_declares_the_bearer_token(client):
    spec = client.get("/openapi.json").json()
    schemes = spec["components"]["securitySchemes"]
    assert [s for s in schemes.values() if s["type"] == "http" and s["scheme"].lower() == "bearer"]
    assert spec["paths"]["/documents"]["post"]["security"] == [{name: []} for name in schemes]
    assert "security" not in spec["paths"]["/events"]["get"]


@pytest.fixture
def live_server(store_path, monkeypatch):
    """The app under uvicorn with the guarded protocol, in this process, with short timeouts."""
    monkeypatch.setattr(api_http, "HEAD_TIMEOUT_S", 0.5)
    monkeypatch.setattr(api_ingest, "BODY_TIMEOUT_S", 0.5)
    port = free_port()
    config = uvicorn.Config(
        create_app(store_path, token="s3cret", extractor=ScriptedExtractor()),
        host="127.0.0.1",
        port=port,
        http=api_http.GuardedH11Protocol,
        log_level="warning",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    yield port
    server.should_exit = True
    thread.join(10)


def read_all(sock: socket.socket) -> bytes:
    """Everything until the server closes the connection (the test fails on its 10 s timeout)."""
    sock.settimeout(10)
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def test_idle_and_trickling_connections_are_closed(live_server):
    with socket.create_connection(("127.0.0.1", live_server)) as idle:
        assert read_all(idle) == b""  # closed without a word: no request came
    with socket.create_connection(("127.0.0.1", live_server)) as slow:
        slow.sendall(b"GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")  # the head never ends
        assert read_all(slow) == b""
    with socket.create_connection(("127.0.0.1", live_server)) as kept:  # a kept-alive connection, then silence
        kept.sendall(b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        assert read_all(kept).startswith(b"HTTP/1.1 200")
    with socket.create_connection(("127.0.0.1", live_server)) as trickle:  # a body that stops coming
        trickle.sendall(
            b"POST /documents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer s3cret\r\n"
            b'Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{"id": '
        )
        answer = read_all(trickle)
        assert answer.startswith(b"HTTP/1.1 408") and b"did not arrive" in answer
    assert httpx.get(f"http://127.0.0.1:{live_server}/health").status_code == 200


@pytest.mark.slow
def test_serve_runs_several_processes_and_keeps_the_host_allow_list(store_path):
    with serving(store_path, "--workers", "2") as (server, base):
        workers = [c for c in children(server.pid) if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]
        assert len(workers) == 2
        with httpx.Client(base_url=base) as http:
            answers = [http.get("/events", headers={"Connection": "close"}) for _ in range(20)]
            assert all(a.status_code == 200 for a in answers)
            assert len({a.headers["etag"] for a in answers}) == 1  # every process reads the same data version
            assert http.get("/events", headers={"Host": "evil.example"}).status_code == 400
    assert b"2 processes" in server.stderr.read()
