"""The HTTP API (watchpost/api) through FastAPI's TestClient: every endpoint, every filter of
`watchpost events`, paging, formats, errors, read-only connections, CORS and the ingest token.
Read tests run on SQLite and PostgreSQL over the same scripted store."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from watchpost.api import create_app
from watchpost.cli import main
from watchpost.model import Actor, DateSpan, Document, Mention, Place, Quantity
from watchpost.pipeline import Pipeline
from watchpost.store import Store

ACTORS = {
    "Rebels": ("Syrian rebels", "SYR", "REB"),
    "government troops": ("Syrian Armed Forces", "SYR", "MIL"),
    "the army": ("Syrian Armed Forces", "SYR", "MIL"),
    "Protesters": ("Protesters (Syria)", "SYR", "CVL"),
    "Turkey": ("Government of Turkey", "TUR", "GOV"),
    "Ankara": ("Government of Turkey", "TUR", "GOV"),
    "Moscow": ("Government of Russia", "RUS", "GOV"),
}
PLACES = {"Saraqib": (35.86, 36.80, "Idlib"), "Nayrab": (35.84, 36.72, "Idlib"), "Aleppo": (36.20, 37.16, "Aleppo")}
DOCS = [
    Document(
        id="a",
        published="2020-02-20",
        source="Agency A",
        title="Clashes in Idlib",
        text="Clashes in Idlib\nRebels attacked government troops in Saraqib on Thursday. 2 soldiers were killed.",
    ),
    Document(
        id="b",
        published="2020-02-21",
        source="Paper B",
        title="Idlib fighting",
        text="Idlib fighting\nThe fighting went on. "
        "Rebels attacked the army in Saraqib on Thursday, and 5 soldiers were killed.",
    ),
    Document(
        id="c",
        published="2020-03-05",
        source="Paper C",
        title="Aleppo protest",
        text="Aleppo protest\nProtesters marched in Aleppo on Thursday against the siege.",
    ),
    Document(
        id="d",
        published="2020-03-10",
        source="Paper C",
        title="Warning to Damascus",
        text="Warning to Damascus\nTurkey threatened to attack government troops in Nayrab today.",
    ),
    Document(
        id="e",
        published="2020-04-01",
        source="Agency A",
        title="Ceasefire talks",
        text="Ceasefire talks\nAnkara agreed with Moscow on a ceasefire today.",
    ),
]
# doc id: (sentence, type, status, trigger, actor1, actor2, place, day, killed)
SCRIPT = {
    "a": (
        "Rebels attacked government troops in Saraqib on Thursday.",
        "ASSAULT",
        "occurred",
        "attacked",
        "Rebels",
        "government troops",
        "Saraqib",
        ("Thursday", "2020-02-20"),
        ("2 soldiers were killed", 2),
    ),
    "b": (
        "Rebels attacked the army in Saraqib on Thursday, and 5 soldiers were killed.",
        "ASSAULT",
        "occurred",
        "attacked",
        "Rebels",
        "the army",
        "Saraqib",
        ("Thursday", "2020-02-20"),
        ("5 soldiers were killed", 5),
    ),
    "c": (
        "Protesters marched in Aleppo on Thursday against the siege.",
        "PROTEST",
        "occurred",
        "marched",
        "Protesters",
        None,
        "Aleppo",
        ("Thursday", "2020-03-05"),
        None,
    ),
    "d": (
        "Turkey threatened to attack government troops in Nayrab today.",
        "ASSAULT",
        "threatened",
        "attack",
        "Turkey",
        "government troops",
        "Nayrab",
        ("today", "2020-03-10"),
        None,
    ),
    "e": (
        "Ankara agreed with Moscow on a ceasefire today.",
        "AGREE",
        "occurred",
        "agreed",
        "Ankara",
        "Moscow",
        None,
        ("today", "2020-04-01"),
        None,
    ),
}
SARAQIB, ALEPPO, NAYRAB, TALKS = "a:0", "c:0", "d:0", "e:0"


def scripted_mention(doc: Document) -> Mention:
    """The scripted mention of a document, every span found in its text."""
    sentence, type_, status, trigger, a1, a2, place, (day_text, day), killed = SCRIPT[doc.id]
    start = doc.text.index(sentence)

    def at(words: str) -> tuple[int, int]:
        i = doc.text.index(words, start)
        return i, i + len(words)

    def actor(words: str | None) -> Actor | None:
        return words and Actor(words, *ACTORS[words], start=at(words)[0], end=at(words)[1])

    spot = place and Place(
        place, place, "SYR", PLACES[place][2], PLACES[place][0], PLACES[place][1], start=at(place)[0], end=at(place)[1]
    )
    counts = [Quantity("killed", killed[1], False, killed[0], *at(killed[0]))] if killed else []
    return Mention(
        doc_id=doc.id,
        index=0,
        type=type_,
        mode=None,
        acled=None,
        status=status,
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        trigger=trigger,
        trigger_start=at(trigger)[0],
        trigger_end=at(trigger)[1],
        actor1=actor(a1),
        actor2=actor(a2),
        location=spot,
        date=DateSpan(day_text, day, day, "day"),
        quantities=counts,
    )


class ScriptedExtractor:
    """Stands in for the spaCy extractor: the mention scripted for each known document."""

    def extract(self, docs):
        for doc in docs:
            yield doc, [scripted_mention(doc)] if doc.id in SCRIPT else []


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def target(request, tmp_path_factory):
    address = (
        str(tmp_path_factory.mktemp("api") / "api.db")
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_server")()
    )
    with Store.open(address) as store:
        Pipeline(store, ScriptedExtractor()).run([Document(**vars(d)) for d in DOCS])
    return address


@pytest.fixture(scope="module")
def client(target):
    with TestClient(create_app(target)) as c:
        yield c


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [e["id"] for e in response.json()["events"]]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", [SARAQIB, ALEPPO, TALKS]),  # real events (occurred, ongoing) by default, oldest first
        ("status=all", [SARAQIB, ALEPPO, NAYRAB, TALKS]),
        ("status=threatened", [NAYRAB]),
        ("status=occurred,threatened", [SARAQIB, ALEPPO, NAYRAB, TALKS]),
        ("status=real&status=threatened", [SARAQIB, ALEPPO, NAYRAB, TALKS]),
        ("type=PROTEST", [ALEPPO]),
        ("type=assault&type=protest&status=all", [SARAQIB, ALEPPO, NAYRAB]),
        ("type=assault,agree", [SARAQIB, TALKS]),
        ("actor=turk&status=all", [NAYRAB, TALKS]),
        ("actor=ARMED FORCES", [SARAQIB]),
        ("country=tur&status=all", [NAYRAB, TALKS]),
        ("country=RUS", [TALKS]),
        ("since=2020-03-01", [ALEPPO, TALKS]),
        ("until=2020-03-05", [SARAQIB, ALEPPO]),
        ("since=2020-03-01&until=2020-03-31&status=all", [ALEPPO, NAYRAB]),
        ("near=35.86,36.80&radius_km=5&status=all", [SARAQIB]),
        ("near=35.86,36.80&radius_km=10&status=all", [SARAQIB, NAYRAB]),
        ("bbox=36,35,37,36&status=all", [SARAQIB, NAYRAB]),
        ("source=Paper B", [SARAQIB]),
        ("source=c", [ALEPPO]),
        ("source=Agency A", [SARAQIB, TALKS]),
        ("min_sources=2", [SARAQIB]),
    ],
)
def test_every_filter_of_watchpost_events(client, query, expected):
    response = client.get(f"/events?{query}")
    assert ids(response) == expected
    assert response.json()["total"] == len(expected) == int(response.headers["x-total-count"])


def test_pages(client):
    first = client.get("/events?status=all&limit=3").json()
    second = client.get("/events?status=all&limit=3&offset=3").json()
    assert (first["total"], first["limit"], first["offset"], first["next_offset"]) == (4, 3, 0, 3)
    assert (second["total"], second["next_offset"]) == (4, None)
    assert client.get("/events?status=all&offset=9").json() | {"events": None} == {
        "total": 4,
        "limit": 100,
        "offset": 9,
        "next_offset": None,
        "events": None,
    }
    assert [e["id"] for e in first["events"] + second["events"]] == [SARAQIB, ALEPPO, NAYRAB, TALKS]
    assert (
        client.get("/events?near=35.86,36.80&radius_km=10&status=all&limit=1&offset=1").json()["events"][0]["id"]
        == NAYRAB
    )
    near = client.get("/events?near=35.86,36.80&radius_km=7&status=all&limit=1").json()  # Nayrab lies 7.5 km away
    assert (near["total"], near["next_offset"], [e["id"] for e in near["events"]]) == (1, None, [SARAQIB])
    counted = client.get("/events?near=35.86,36.80&radius_km=8&status=all&limit=1").json()
    assert (counted["total"], counted["next_offset"]) == (2, 1)


@pytest.mark.parametrize(
    "query",
    [
        "limit=1001",
        "limit=0",
        "offset=-1",
        "type=BOGUS",
        "status=maybe",
        "since=2020-02-30",
        "until=yesterday",
        "since=2020-03-01&until=2020-02-01",
        "bbox=1,2,3",
        "bbox=40,35,36,36",
        "country=SYRIA",
        "radius_km=0",
        "near=1,2&radius_km=-5",
        "min_sources=0",
        "format=xml",
    ],
)
def test_bad_filters_are_400_with_a_reason(client, query):
    response = client.get(f"/events?{query}")
    assert response.status_code == 400
    assert response.json()["detail"] and "Traceback" not in response.text


def test_event_list_carries_sources(client):
    event = client.get("/events?min_sources=2").json()["events"][0]
    assert (event["n_sources"], event["fatalities"], event["fatalities_max"], event["counts_disagree"]) == (2, 2, 5, 1)
    assert [s["doc_id"] for s in event["sources"]] == ["a", "b"]


def test_geojson_and_other_formats(client):
    response = client.get("/events?status=all&format=geojson")
    assert response.headers["content-type"].startswith("application/geo+json")
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    assert {f["id"]: f["geometry"]["coordinates"] for f in collection["features"]} == {
        SARAQIB: [36.80, 35.86],
        ALEPPO: [37.16, 36.20],
        NAYRAB: [36.72, 35.84],
    }  # the unplaced talks are left out
    csv = client.get("/events?format=csv&type=PROTEST").text.splitlines()
    assert csv[0].startswith("event_id_cnty,event_date") and csv[1].startswith(f"{ALEPPO},2020-03-05")
    lines = client.get("/events?format=jsonl").text.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [SARAQIB, ALEPPO, TALKS]


def test_event_has_every_source_with_sentence_and_spans(client):
    event = client.get(f"/events/{SARAQIB}").json()
    assert event["id"] == SARAQIB and len(event["sources"]) == 2
    for source in event["sources"]:
        text = client.get(f"/documents/{source['doc_id']}").json()["text"]
        assert text[source["start"] : source["end"]] == source["sentence"] == SCRIPT[source["doc_id"]][0]
        fields = {s["field"]: s for s in source["spans"]}
        assert set(fields) == {"trigger", "actor1", "actor2", "location", "date", "quantity"}
        for span in source["spans"]:
            assert text[span["start"] : span["end"]] == span["text"]
        assert fields["trigger"]["text"] == "attacked" and fields["location"]["label"] == "Saraqib, Idlib, SYR"
        assert fields["actor1"]["label"] == "Syrian rebels, SYR, REB" and fields["date"]["text"] == "Thursday"
        assert source["extract"]["type"] == "ASSAULT"
    assert {s["spans"][-1]["text"] for s in event["sources"]} == {"2 soldiers were killed", "5 soldiers were killed"}


def test_unknown_ids_are_404(client):
    assert client.get("/events/nope:1").status_code == 404
    assert client.get("/documents/nope").json() == {"detail": "no document 'nope'"}


def test_document_with_marked_spans(client):
    doc = client.get("/documents/d").json()
    assert doc["title"] == "Warning to Damascus" and doc["events"] == [NAYRAB]
    [mention] = doc["mentions"]
    assert (mention["event_id"], mention["status"]) == (NAYRAB, "threatened")
    marked = [(s["field"], doc["text"][s["start"] : s["end"]]) for s in mention["spans"]]
    assert marked == [
        ("actor1", "Turkey"),
        ("trigger", "attack"),
        ("actor2", "government troops"),
        ("location", "Nayrab"),
        ("date", "today"),
    ]


def test_stories_actors_dyads(client):
    stories = client.get("/stories").json()
    assert (
        sum(s["n_documents"] for s in stories["stories"])
        == len(DOCS)
        == sum(
            s["n_documents"]
            for s in client.get("/stories?limit=1").json()["stories"]
            + client.get("/stories?offset=1").json()["stories"]
        )
    )
    found = client.get("/actors?status=all").json()
    counts = {a["name"]: a["events"] for a in found["actors"]}
    assert counts == {
        "Syrian Armed Forces": 2,
        "Government of Turkey": 2,
        "Syrian rebels": 1,
        "Protesters (Syria)": 1,
        "Government of Russia": 1,
    }
    assert {(d["actor1"], d["actor2"]): d["events"] for d in found["dyads"]} == {
        ("Syrian rebels", "Syrian Armed Forces"): 1,
        ("Government of Turkey", "Syrian Armed Forces"): 1,
        ("Government of Turkey", "Government of Russia"): 1,
    }
    only = client.get("/actors?country=RUS&limit=1").json()
    assert len(only["actors"]) == 1 and only["dyads"] == [
        {
            "actor1": "Government of Turkey",
            "actor1_country": "TUR",
            "actor1_kind": "GOV",
            "actor2": "Government of Russia",
            "actor2_country": "RUS",
            "actor2_kind": "GOV",
            "events": 1,
            "fatalities": 0,
        }
    ]


@pytest.mark.parametrize(
    "interval, dates",
    [
        ("day", ["2020-02-20", "2020-03-05", "2020-03-10", "2020-04-01"]),
        ("week", ["2020-02-17", "2020-03-02", "2020-03-09", "2020-03-30"]),
        ("month", ["2020-02-01", "2020-03-01", "2020-04-01"]),
    ],
)
def test_timeline_by_type_and_status(client, interval, dates):
    buckets = client.get(f"/stats/timeline?status=all&interval={interval}").json()["buckets"]
    assert [b["date"] for b in buckets] == dates
    assert buckets[0]["types"] == {"ASSAULT": 1} and buckets[0]["statuses"] == {"occurred": 1}
    march = buckets[1] if interval == "month" else buckets[2]
    assert march["statuses"].get("threatened") == 1
    assert sum(b["events"] for b in buckets) == 4
    assert [b["date"] for b in client.get(f"/stats/timeline?interval={interval}&type=PROTEST").json()["buckets"]] == [
        dates[1]
    ]
    assert client.get("/stats/timeline?interval=year").status_code == 400


def test_clusters_follow_zoom_view_and_filters(client):
    world = client.get("/events/clusters?zoom=2&status=all").json()
    assert (world["total"], world["in_view"]) == (4, 3)
    [cell] = world["clusters"]
    assert cell["events"] == 3 and cell["id"] is None
    assert cell["types"] == {"ASSAULT": 2, "PROTEST": 1} and cell["statuses"] == {"occurred": 2, "threatened": 1}
    assert cell["bbox"] == [36.72, 35.84, 37.16, 36.2]
    close = client.get("/events/clusters?zoom=12&status=all").json()["clusters"]
    assert sorted(c["id"] for c in close) == sorted([SARAQIB, ALEPPO, NAYRAB])
    assert all(c["events"] == 1 for c in close)
    aleppo = client.get("/events/clusters?zoom=12&status=all&view=37,36,38,37").json()
    assert (aleppo["total"], [c["id"] for c in aleppo["clusters"]]) == (4, [ALEPPO])
    inside = client.get("/events/clusters?zoom=12&status=all&view=36,35,38,37&bbox=36.75,35,38,37").json()["clusters"]
    assert sorted(c["id"] for c in inside) == [SARAQIB, ALEPPO]
    near = client.get("/events/clusters?zoom=12&status=all&near=35.86,36.80&radius_km=8").json()
    assert near["total"] == 2 and sorted(c["id"] for c in near["clusters"]) == [SARAQIB, NAYRAB]
    assert client.get("/events/clusters?zoom=12&view=1,2").status_code == 400
    assert client.get("/events/clusters?zoom=40").status_code == 400


def test_search_health_and_docs(client):
    assert [d["id"] for d in client.get("/search?q=Saraqib").json()] in (["a", "b"], ["b", "a"])
    health = client.get("/health").json()
    assert health["status"] == "ok" and health["counts"]["events"] == 4 and health["ingest"] is False
    page = client.get("/docs")
    assert page.status_code == 200 and "/dashboard/vendor/swagger-ui/swagger-ui-bundle.js" in page.text
    assert "https://" not in page.text and "cdn" not in page.text
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/events",
        "/events/clusters",
        "/events/{event_id}",
        "/documents/{doc_id}",
        "/documents",
        "/stories",
        "/actors",
        "/stats/timeline",
        "/health",
        "/search",
    } <= set(paths)


def test_connections_are_read_only(client, target):
    with client.app.state.pool.read() as store:
        with pytest.raises(Exception, match="(?i)read.?only|readonly"):
            store.execute("DELETE FROM events")
    assert client.get("/health").json()["counts"]["events"] == 4


def test_errors_carry_no_stack_trace(target, monkeypatch):
    def broken(self, filters=None):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(Store, "query_events", broken)
    with TestClient(create_app(target), raise_server_exceptions=False) as c:
        response = c.get("/events")
    assert response.status_code == 500 and response.json() == {"detail": "internal server error"}
    assert "secret" not in response.text and "Traceback" not in response.text


def test_cors_is_off_unless_configured(target):
    with TestClient(create_app(target)) as c:
        assert "access-control-allow-origin" not in c.get("/health", headers={"Origin": "http://example.org"}).headers
    with TestClient(create_app(target, cors_origins=["http://example.org"])) as c:
        assert (
            c.get("/health", headers={"Origin": "http://example.org"}).headers["access-control-allow-origin"]
            == "http://example.org"
        )
        assert "access-control-allow-origin" not in c.get("/health", headers={"Origin": "http://evil.example"}).headers


@pytest.fixture
def writable(tmp_path):
    """A copy of a small SQLite store to ingest into."""
    path = tmp_path / "writable.db"
    with Store.open(path) as store:
        Pipeline(store, ScriptedExtractor()).run([Document(**vars(DOCS[0]))])
    return str(path)


NEW_DOC = {"id": "c", "text": DOCS[2].text, "published": "2020-03-05", "source": "Paper C"}


def test_ingest_is_off_without_a_token(writable):
    with TestClient(create_app(writable, extractor=ScriptedExtractor())) as c:
        response = c.post("/documents", json=NEW_DOC)
    assert response.status_code == 403 and "WATCHPOST_TOKEN" in response.json()["detail"]


@pytest.mark.parametrize(
    "headers, status",
    [
        ({}, 401),
        ({"Authorization": "Bearer"}, 401),
        ({"Authorization": "Basic s3cret"}, 401),
        ({"Authorization": "Bearer wrong"}, 403),
        ({"Authorization": "Bearer s3cre"}, 403),
        ({"Authorization": "Bearer s3cret"}, 201),
    ],
)
def test_ingest_token(writable, headers, status):
    with TestClient(create_app(writable, token="s3cret", extractor=ScriptedExtractor())) as c:
        response = c.post("/documents", json=NEW_DOC, headers=headers)
        assert response.status_code == status, response.text
        stored = ids(c.get("/events?source=c"))
    if status == 201:
        body = response.json()
        assert (body["documents"], body["mentions"], body["events_new"], body["events"]) == (1, 1, 1, {"c": [ALEPPO]})
        assert stored == [ALEPPO]
    else:
        assert stored == [] and "s3cret" not in response.text


def test_ingest_reads_lists_and_json_lines_and_reports_bad_items(writable):
    auth = {"Authorization": "Bearer t"}
    with TestClient(create_app(writable, token="t", extractor=ScriptedExtractor())) as c:
        listed = c.post(
            "/documents?published=2020-03-10", json=[{"id": "d", "text": DOCS[3].text}, {"id": "x"}], headers=auth
        ).json()
        assert listed["documents"] == 1 and listed["skipped"] == [{"item": "body[1]", "reason": "no 'text' string"}]
        lines = (
            "\n".join(json.dumps({"id": d.id, "text": d.text, "published": d.published}) for d in DOCS[3:])
            + "\nnot json\n"
        )
        streamed = c.post("/documents", content=lines, headers={**auth, "Content-Type": "application/x-ndjson"}).json()
        assert (streamed["documents"], streamed["not_stored"]) == (1, {"already stored": 1})
        assert streamed["skipped"][0]["item"] == "body:3"
        assert ids(c.get("/events?status=all")) == [SARAQIB, NAYRAB, TALKS]
        assert c.get("/events/d:0").json()["sources"][0]["published"] == "2020-03-10"
        nothing = c.post("/documents", content=b"[1, 2]", headers=auth)
        assert nothing.status_code == 400 and len(nothing.json()["detail"]["skipped"]) == 2


def test_ingest_refuses_large_bodies(writable):
    auth = {"Authorization": "Bearer t"}
    with TestClient(create_app(writable, token="t", max_body=1000, extractor=ScriptedExtractor())) as c:
        assert c.post("/documents", json={"id": "big", "text": "x" * 2000}, headers=auth).status_code == 413

        def chunks():  # no Content-Length: the limit applies while reading
            for _ in range(5):
                yield b"x" * 400

        assert c.post("/documents", content=chunks(), headers=auth).status_code == 413
        assert c.get("/health").json()["counts"]["documents"] == 1


def test_ingest_runs_the_real_extractor(writable):
    article = {
        "id": "real",
        "published": "2020-02-20",
        "source": "Wire",
        "text": "Shelling in Saraqib\n"
        "Syrian rebels attacked government troops in Saraqib on Monday, killing three soldiers.",
    }
    with TestClient(create_app(writable, token="t")) as c:
        body = c.post("/documents", json=article, headers={"Authorization": "Bearer t"}).json()
        assert body["documents"] == 1 and body["mentions"] >= 1
        sources = [
            s
            for event_id in body["events"]["real"]
            for s in c.get(f"/events/{event_id}").json()["sources"]
            if s["doc_id"] == "real"
        ]
    attack = next(s for s in sources if s["sentence"].startswith("Syrian rebels attacked"))
    assert {"trigger": "attacked", "location": "Saraqib"}.items() <= {
        s["field"]: s["text"] for s in attack["spans"]
    }.items()


def test_serve_refuses_a_missing_database(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "run `watchpost ingest" in result.output
    assert not (tmp_path / "none.db").exists()
