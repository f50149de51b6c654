"""API security: read-only by default, writes only with the token, SQL always parameterised,
every parameter of every endpoint fuzzed with injection strings (4xx or no more data than
asked for, never a 500, never a stack trace), request and page size limits, CORS off unless
configured, and the served files confined to the dashboard folder.

The endpoints and their parameters are read from the app's OpenAPI description, so an endpoint
added later is fuzzed too.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import sqlite3
import urllib.parse
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from store_support import mention

from watchpost.api import create_app
from watchpost.api import ingest as api_ingest
from watchpost.model import Document
from watchpost.pipeline import Pipeline
from watchpost.store import REAL_STATUSES, Store

MARK = "zq9"  # in every injection string that must never reach SQL text
PAYLOADS = [
    f"{MARK}' OR '1'='1",
    f'{MARK}" OR "1"="1',
    f"{MARK}'; DROP TABLE events; --",
    f"{MARK}'); DELETE FROM documents; --",
    f"{MARK}' UNION SELECT id, text, 1, 1 FROM documents --",
    f"{MARK}%' OR 1=1 --",
    f"{MARK}' OR 1=1 LIMIT 1 OFFSET 0 --",
    f"{MARK} OR 1=1",
    f"ASSAULT' --{MARK}",
    f"real' OR status != '{MARK}",
    f"{MARK}'||(SELECT text FROM documents LIMIT 1)||'",
    f"{MARK}' AND sqlite_version() --",
    f"{MARK}'/**/OR/**/1=1",
    f"{MARK}\\",
    f"{MARK}\\' OR 1=1 --",
    f"{MARK}) OR (1=1",
    f"{MARK} NEAR(a b)",
    f'{MARK}" OR text:*',
    f"{MARK}*",
    f"{MARK}^",
    f"{MARK} AND NOT x",
    f"{MARK}' COLLATE NOCASE --",
    "%",
    "_",
    "%%",
    "%_%",
    "\\%",
    "'",
    '"',
    "`",
    ";",
    "--",
    "/*",
    "*/",
    "*",
    "?",
    "??",
    ":name",
    "$1",
    "@p",
    f"{MARK}${{7*7}}",
    f"{MARK}{{{{7*7}}}}",
    f"<script>alert('{MARK}')</script>",
    "../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "/etc/passwd",
    f"{MARK}\x00",
    f"{MARK}%00",
    f"{MARK}\u202e\u200b",
    f"{MARK}\r\nX-Injected: 1",
    "NULL",
    "null",
    "None",
    "true",
    "1e400",
    "-1",
    "0",
    "99999999999999999999999999999",
    "NaN",
    "Infinity",
    "-Infinity",
    "[]",
    "{}",
    "()",
    " ",
    "",
    MARK + "a" * 5000,
    "\u00f6" * 300,
    "0x41",
    "1,2,3,4,5",
    "1,2,3",
    "nan,nan,nan,nan",
    "1e400,0,1e401,1",
    "95,5",
    f"ASSAULT,{MARK}",
    f"real,{MARK}",
    "2020-13-45",
    "2020-02-30",
    "20201-01-01",
    "-0001-01-01",
]
LEAKS = ("Traceback", 'File "/', "sqlite3.", "OperationalError", "psycopg", "IntegrityError", "/watchpost/")


class RecordsStatements:
    """Keeps the text of every statement before its parameters are bound."""

    def execute(self, sql, *args):
        RECORDED.append(sql)
        return super().execute(sql, *args)

    def executemany(self, sql, *args):
        RECORDED.append(sql)
        return super().executemany(sql, *args)


class RecordingCursor(RecordsStatements, sqlite3.Cursor):
    pass


class Recording(RecordsStatements, sqlite3.Connection):
    def cursor(self, factory=RecordingCursor):
        return super().cursor(factory)


RECORDED: list[str] = []
PLACES = ["Saraqib", "Nayrab", "Aleppo"]


class Extractor:
    """A few events of every kind: real and not (threatened, planned), several places and actors."""

    def extract(self, docs):
        for k, doc in enumerate(docs):
            status = ("occurred", "threatened", "ongoing", "planned")[k % 4]
            actors = (("rebels", "troops"), ("Turkey", "troops"), ("troops", "rebels"))[k % 3]
            yield (
                doc,
                [
                    mention(
                        doc.id,
                        0,
                        status=status,
                        place=PLACES[k % 3],
                        day=doc.published,
                        actors=actors,
                        killed=float(k % 5),
                        sentence=doc.text.split("\n")[1],
                    )
                ],
            )


def documents() -> list[Document]:
    return [
        Document(
            id=f"doc{k}",
            published=f"2020-03-{k + 1:02d}",
            source=("Agency A", "Paper B")[k % 2],
            title=f"Report {k}",
            text=f"Report {k}\nRebels attacked troops near {PLACES[k % 3]} on day {k}.",
        )
        for k in range(12)
    ]


def content_hash(path: str) -> str:
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        digest = hashlib.sha256()
        for table in tables:
            for row in sorted(map(repr, conn.execute(f"SELECT * FROM {table}"))):
                digest.update(row.encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def target(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("security") / "store.db")
    with Store.open(path) as store:
        Pipeline(store, Extractor()).run(documents())
    return path


def get_routes(app) -> list[tuple[str, list[dict]]]:
    """(path, parameters) of every GET endpoint in the OpenAPI description."""
    spec = app.openapi()
    return [(path, ops["get"].get("parameters", [])) for path, ops in spec["paths"].items() if "get" in ops]


def size(path: str, body) -> int | None:
    """How much data a response carries, where a filter can only narrow it (None: not a list)."""
    if not isinstance(body, (dict, list)):
        return None
    if path == "/events":
        return body["total"]
    if path == "/events/clusters":
        return body["total"]
    if path == "/actors":
        return sum(a["events"] for a in body["actors"])
    if path == "/stats/timeline":
        return sum(b["events"] for b in body["buckets"])
    return None


@pytest.fixture(scope="module")
def fuzzed(target):
    """Every payload in every parameter of every GET endpoint; the statements the store ran."""
    before = content_hash(target)
    real_connect = sqlite3.connect
    RECORDED.clear()
    results = []
    logging.disable(logging.CRITICAL)  # the server logs each 500 with its traceback; the test reads responses
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(sqlite3, "connect", lambda *a, **k: real_connect(*a, **{**k, "factory": Recording}))
            with TestClient(create_app(target), raise_server_exceptions=False) as client:
                baseline = {
                    path: size(path, client.get(path).json())
                    for path, params in get_routes(client.app)
                    if not any(p["in"] == "path" for p in params)
                }
                for path, params in get_routes(client.app):
                    for param in params:
                        for payload in PAYLOADS:
                            if param["in"] == "path":
                                url = path.replace("{" + param["name"] + "}", urllib.parse.quote(payload, safe=""))
                                response = client.get(url)
                            else:
                                response = client.get(path, params={param["name"]: payload})
                            results.append((path, param["name"], payload, response, baseline.get(path)))
    finally:
        logging.disable(logging.NOTSET)
    return results, list(RECORDED), before, content_hash(target)


def test_fuzz_every_parameter_never_500_nor_a_stack_trace(fuzzed):
    results, *_ = fuzzed
    assert len(results) > 2000
    failures = [
        (path, name, payload[:40], r.status_code, r.text[:200])
        for path, name, payload, r, _ in results
        if r.status_code >= 500 or any(leak in r.text for leak in LEAKS)
    ]
    assert not failures, failures[:20]
    assert {r.status_code for *_, r, _ in results} <= {200, 400, 404}


def test_fuzz_never_returns_more_than_asked_for(fuzzed):
    """A filter can only narrow: no injection widens a result, lets a non-real event into the
    default 'real' view, or matches a text filter other than literally."""
    results, *_ = fuzzed
    failures = []
    for path, name, payload, r, baseline in results:
        if r.status_code != 200 or r.headers.get("content-type", "").split(";")[0] != "application/json":
            continue
        if not payload.strip():  # an empty value is no filter (and /things/ is the list of things)
            continue
        body = r.json()
        got = size(path, body)
        if got is not None and baseline is not None and got > baseline:
            failures.append((path, name, payload[:40], f"{got} > {baseline}"))
        if path == "/events":
            for event in body["events"]:
                if event["status"] not in REAL_STATUSES:
                    failures.append((path, name, payload[:40], f"status {event['status']}"))
                if name == "actor" and payload.lower() not in f"{event['actor1']}\n{event['actor2']}".lower():
                    failures.append((path, name, payload[:40], f"actors {event['actor1']}, {event['actor2']}"))
                if name == "source" and not any(payload in (s["doc_id"], s["source"]) for s in event["sources"]):
                    failures.append((path, name, payload[:40], "source"))
        if path == "/search":
            assert all(set(hit) <= {"id", "title", "published"} for hit in body)
        if "{" in path:  # no stored id is an injection string
            failures.append((path, name, payload[:40], "found"))
    assert not failures, failures[:20]


def test_sql_is_parameterised(fuzzed):
    """No request value ever becomes part of an SQL statement's text: each arrives as a bound
    parameter (the statements are recorded before binding)."""
    _, statements, *_ = fuzzed
    assert len(statements) > 1000
    assert not [s for s in statements if MARK in s][:5]


def test_fuzz_changed_nothing(fuzzed):
    *_, before, after = fuzzed
    assert before == after


def test_read_only_by_default(target):
    before = content_hash(target)
    with TestClient(create_app(target), raise_server_exceptions=False) as client:
        routes = [path for path, _ in get_routes(client.app)]
        for path in routes:
            url = path.replace("{event_id}", "x").replace("{doc_id}", "x").replace("{agreement_id}", "x")
            for method in ("PUT", "DELETE", "PATCH"):
                assert client.request(method, url).status_code == 405, (method, url)
        response = client.post("/documents", json={"id": "new", "text": "Rebels attacked troops near Saraqib."})
        assert response.status_code == 403 and "WATCHPOST_TOKEN" in response.text
        with client.app.state.pool.read() as store:  # even a handler's own connection cannot write
            with pytest.raises(sqlite3.OperationalError, match="readonly|read.only"):
                store.execute("DELETE FROM documents")
    assert content_hash(target) == before


def test_token_is_required_and_compared_in_constant_time(target, tmp_path):
    assert "compare_digest" in inspect.getsource(api_ingest.check_token)
    path = tmp_path / "copy.db"
    path.write_bytes(Path(target).read_bytes())
    app = create_app(str(path), token="correct horse battery staple", extractor=Extractor())
    doc = {"id": "new", "text": "Report\nRebels attacked troops near Saraqib.", "published": "2020-04-01"}
    wrong = [
        "",
        "Bearer",
        "Bearer ",
        "Basic Y29ycmVjdA==",
        "Bearer correct",
        "Bearer correct horse battery staplE",
        "Bearer correct horse battery staple2",
        "bearer  " + "x" * 10_000,
        "Bearer \u00e9\u00e9".encode("latin-1"),
        "Token correct horse battery staple",
    ]
    with TestClient(app, raise_server_exceptions=False) as client:
        for header in wrong:
            response = client.post("/documents", json=doc, headers={"Authorization": header} if header else {})
            assert response.status_code in (401, 403), (header[:30], response.status_code, response.text)
        assert client.get("/documents/new").status_code == 404
        response = client.post("/documents", json=doc, headers={"Authorization": "Bearer correct horse battery staple"})
        assert response.status_code == 201, response.text
        assert client.get("/documents/new").status_code == 200


def test_request_and_page_size_limits(target, tmp_path):
    path = tmp_path / "copy.db"
    path.write_bytes(Path(target).read_bytes())
    auth = {"Authorization": "Bearer t"}
    with TestClient(
        create_app(str(path), token="t", max_body=50_000, extractor=Extractor()), raise_server_exceptions=False
    ) as client:
        big = json.dumps({"id": "big", "text": "Rebels attacked. " * 10_000})
        assert client.post("/documents", content=big, headers=auth).status_code == 413
        chunks = (
            big[i : i + 4096].encode() for i in range(0, len(big), 4096)
        )  # no Content-Length: counted as it comes
        assert client.post("/documents", content=chunks, headers=auth).status_code == 413
        for bad in ("[", "{}", "[1, 2]", '{"text": 5}', "\x00\x01", '{"id": "x", "text": "a \\ud800"}'):
            response = client.post("/documents", content=bad, headers=auth)
            assert response.status_code == 400, (bad, response.status_code, response.text)
        for url in (
            "/events?limit=1001",
            "/events?limit=0",
            "/events?offset=-1",
            "/search?q=x&limit=1001",
            "/actors?limit=100000",
            "/stories?limit=5000",
            "/search?q=" + "x" * 501,
            "/events?actor=" + "x" * 201,
        ):
            assert client.get(url).status_code == 400, url
        assert client.get("/events?limit=1000").json()["limit"] == 1000
        many = client.get("/events", params=[("type", "ASSAULT")] * 2000 + [("status", "all")] * 2000)
        assert many.status_code == 200


def test_cors_is_off_unless_configured(target):
    preflight = {"Origin": "http://evil.example", "Access-Control-Request-Method": "GET"}
    with TestClient(create_app(target)) as client:
        for response in (
            client.get("/events", headers={"Origin": "http://evil.example"}),
            client.options("/events", headers=preflight),
        ):
            assert not [h for h in response.headers if h.lower().startswith("access-control-")]
    with TestClient(create_app(target, cors_origins=["http://ok.example"])) as client:
        ok = client.options("/events", headers={**preflight, "Origin": "http://ok.example"})
        assert ok.headers.get("access-control-allow-origin") == "http://ok.example"
        post = client.options(
            "/documents", headers={"Origin": "http://ok.example", "Access-Control-Request-Method": "POST"}
        )
        assert "POST" not in post.headers.get("access-control-allow-methods", "")  # browsers may read, never write
        evil = client.get("/events", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in evil.headers


@pytest.mark.parametrize(
    "url",
    [
        "/dashboard/../../../../etc/passwd",
        "/dashboard/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/dashboard/%2e%2e/%2e%2e/etc/passwd",
        "/dashboard/..\\..\\..\\etc\\passwd",
        "/dashboard/....//....//etc/passwd",
        "/dashboard/%00",
        "/dashboard//etc/passwd",
        "/dashboard/../api/app.py",
        "/dashboard/..%2fapi%2fapp.py",
        "/dashboard/../../pyproject.toml",
    ],
)
def test_static_files_stay_in_the_dashboard_folder(target, url):
    with TestClient(create_app(target), raise_server_exceptions=False) as client:
        response = client.get(url)
    assert response.status_code in (400, 404), (url, response.status_code)
    assert "root:" not in response.text and "import" not in response.text and "[project]" not in response.text


def test_unexpected_errors_answer_500_without_details(target, monkeypatch):
    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("no such table: secret_internal_table")

    monkeypatch.setattr(Store, "query_events", broken)
    logging.disable(logging.CRITICAL)
    try:
        with TestClient(create_app(target), raise_server_exceptions=False) as client:
            response = client.get("/events")
    finally:
        logging.disable(logging.NOTSET)
    assert response.status_code == 500 and response.json() == {"detail": "internal server error"}
    assert "secret" not in response.text and not any(leak in response.text for leak in LEAKS)


def test_ingested_fields_are_stored_literally(target, tmp_path):
    """Injection strings in every field of POSTed documents: each document is stored with the
    field as given or refused with a 400 (NUL, unpaired surrogates), never a 500, and no value
    reaches SQL text."""
    path = tmp_path / "copy.db"
    path.write_bytes(Path(target).read_bytes())
    real_connect = sqlite3.connect
    RECORDED.clear()
    auth = {"Authorization": "Bearer t"}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sqlite3, "connect", lambda *a, **k: real_connect(*a, **{**k, "factory": Recording}))
        with TestClient(
            create_app(str(path), token="t", extractor=Extractor()), raise_server_exceptions=False
        ) as client:
            for k, payload in enumerate(p for p in PAYLOADS if MARK in p):
                # the id too, where a path can carry it (TestClient decodes a path twice; Starlette's
                # path parameters stop at a line break)
                doc_id = f"posted{k}-{payload}" if payload.isprintable() and "%" not in payload else f"posted{k}"
                doc = {
                    "id": doc_id,
                    "title": payload,
                    "url": payload,
                    "source": payload,
                    "text": f"Report {k}\nRebels attacked troops near Saraqib {payload}.",
                    "published": "2020-05-01",
                }
                response = client.post("/documents", json=doc, headers=auth)
                assert response.status_code in (201, 400), (payload[:40], response.status_code, response.text[:300])
                assert not any(leak in response.text for leak in LEAKS)
                if response.status_code == 400:
                    assert "\x00" in payload, (payload[:40], response.text[:300])
                    continue
                stored = client.get("/documents/" + urllib.parse.quote(doc["id"], safe=""))
                assert stored.status_code == 200, (payload[:40], stored.text[:300])
                body = stored.json()
                assert (body["id"], body["title"], body["url"], body["source"], body["text"]) == (
                    doc["id"],
                    doc["title"],
                    doc["url"],
                    doc["source"],
                    doc["text"],
                )
    assert RECORDED and not [s for s in RECORDED if MARK in s][:5]
