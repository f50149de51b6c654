"""The store on SQLite and PostgreSQL: idempotent ingest, merged events, queries, search."""

from __future__ import annotations

import sqlite3

import pytest
from store_support import RuleExtractor, documents

from watchpost.model import Document
from watchpost.pipeline import Pipeline
from watchpost.store import EventFilter, Store

SAME_ATTACK = [
    Document(
        id="a",
        published="2020-02-20",
        source="Agency A",
        text="Clashes in Idlib\nRebels attack troops in Saraqib on Thursday. 2 soldiers were killed in the fighting.",
    ),
    Document(
        id="b",
        published="2020-02-21",
        source="Paper B",
        text="Idlib fighting\nThe rebels launched an attack on troops at Saraqib. 5 soldiers killed, officials said.",
    ),
    Document(
        id="c",
        published="2020-02-21",
        source="Paper C",
        text="Elsewhere, rebels attack an army post in Aleppo, far from the front. Nobody was hurt there.",
    ),
]


def ingest(target: str, docs, batch_size: int = 4):
    with Store.open(target) as store:
        stats = Pipeline(store, RuleExtractor(), batch_size=batch_size).run(docs)
        return stats, store.counts()


def test_ingesting_twice_adds_nothing(db_target):
    docs = documents(30)
    first, counts = ingest(db_target, docs)
    assert first.documents == 30 and counts["documents"] == 30 and counts["mentions"] == 30
    again, counts_again = ingest(db_target, documents(30))
    assert counts_again == counts
    assert again.documents == 0 and again.skipped["already stored"] == 30


def test_same_attack_from_two_sources_is_one_event_with_both_counts(db_target):
    ingest(db_target, SAME_ATTACK)
    with Store.open(db_target) as store:
        events = store.query_events()
        saraqib = [e for e in events if e["location"] == "Saraqib"]
        assert len(events) == 2 and len(saraqib) == 1
        event = saraqib[0]
        assert event["n_sources"] == 2 and event["n_mentions"] == 2
        assert (event["fatalities"], event["fatalities_max"], event["counts_disagree"]) == (2, 5, 1)
        assert [v["value"] for v in event["quantities"]["killed"]] == [2, 5]
        assert (event["first_reported"], event["last_reported"]) == ("2020-02-20", "2020-02-21")
        assert {s["doc_id"] for s in event["sources"]} == {"a", "b"}
        assert store.event(event["id"])["sources"][0]["source"] == "Agency A"
        assert store.document("b")["events"] == [event["id"]]


def test_query_filters(db_target):
    ingest(db_target, documents(12) + SAME_ATTACK)
    with Store.open(db_target) as store:
        everything = store.query_events()
        assert len(everything) == 14
        assert store.query_events(EventFilter(types=["PROTEST"])) == []
        assert len(store.query_events(EventFilter(min_sources=2))) == 1
        assert {e["location"] for e in store.query_events(EventFilter(near=(36.2, 37.16), radius_km=20))} == {"Aleppo"}
        boxed = store.query_events(EventFilter(bbox=(36.7, 35.8, 36.75, 35.9)))
        assert boxed and {e["location"] for e in boxed} == {"Nayrab"}
        assert [e["date_start"] for e in store.query_events(EventFilter(since="2020-03-10", until="2020-03-13"))] == [
            "2020-03-10",
            "2020-03-13",
        ]
        assert len(store.query_events(EventFilter(source="Paper B"))) == 1
        assert len(store.query_events(EventFilter(actor="rebels", country="syr"))) == 14
        assert store.query_events(EventFilter(country="TUR")) == []
        assert store.query_events(EventFilter(limit=3, offset=1)) == everything[1:4]
        assert store.actors()[0]["events"] == 14
        assert sum(d["events"] for d in store.event_timeline(EventFilter(), "day")) == 14


def test_status_filter_hides_threats_by_default(db_target):
    with Store.open(db_target) as store:

        class Threats(RuleExtractor):
            def extract(self, docs):
                for doc, mentions in super().extract(docs):
                    for m in mentions:
                        m.status = "threatened"
                    yield doc, mentions

        Pipeline(store, Threats()).run(documents(3))
        assert store.query_events() == []
        assert len(store.query_events(EventFilter(statuses=None))) == 3


def test_full_text_search_and_stories(db_target):
    ingest(db_target, SAME_ATTACK + documents(4))
    with Store.open(db_target) as store:
        assert [r["id"] for r in store.search("soldiers")] and {r["id"] for r in store.search("soldiers")} == {"a", "b"}
        assert store.search('"unbalanced') == []  # user text is never query syntax
        stories = store.stories()
        assert sum(s["n_documents"] for s in stories) == 7
        assert {store.document(d)["story_id"] for d in ("a", "b", "c", "doc000")} <= {s["id"] for s in stories}


def test_sqlite_file_is_plain_sqlite_with_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "w.db"
    ingest(str(path), SAME_ATTACK)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert {"documents", "mentions", "events", "stories", "documents_fts", "mentions_fts"} <= tables
    conn.execute("PRAGMA foreign_keys=ON")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO mentions (id, doc_id, event_id, original_id, idx, type, status, sentence, sentence_start, "
            "sentence_end, extract_json) VALUES ('x', 'nope', 'nope', 'nope', 0, 'ASSAULT', 'occurred', '', 0, 0, '{}')"
        )
