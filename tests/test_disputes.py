"""Claims and denials on merged events (watchpost/model/event.py, merge/events.py) and in the store:
`disputed_by`, the status of a disputed event, the lead, and the round trip through the store (a
fresh store and one migrated from schema 2). Reports written for these tests."""

from __future__ import annotations

import json
from dataclasses import replace

from store_support import mention

from watchpost.merge.events import compatible, merge
from watchpost.model import Actor, Dispute, Document, Report
from watchpost.store import Store
from watchpost.store.db import SCHEMA_VERSION

ARMY = Actor("the army", "Syrian Armed Forces", "SYR", "MIL", start=0, end=8)
REBELS = Actor("the rebels", "Syrian rebels", "SYR", "REB", start=0, end=10)
MONITOR = Actor("a monitor", "a monitor", None, "CVL", start=0, end=9)


def doc(doc_id: str, day: str = "2020-02-21", source: str | None = None) -> Document:
    return Document(doc_id, "", published=day, source=source)


def claim(doc_id: str, by: Actor | None = None, killed: float | None = None, **kw):
    """Rebels attacked troops at Saraqib on 20 February, as `by` tells it (None: the report's own voice)."""
    return replace(mention(doc_id, killed=killed, **kw), according_to=by)


def denial(doc_id: str, by: Actor, killed: float | None = None):
    """`by` denies that the rebels attacked (an act told as denied)."""
    return replace(mention(doc_id, status="denied", killed=killed, sentence="The rebels denied attacking the troops."),
                   according_to=by, status_reason="under 'denied'")


def summary(pairs) -> dict:
    (event,) = merge(pairs)
    return event.summary()


def test_a_denial_from_another_source_joins_the_claim_and_disputes_it():
    s = summary([(doc("a"), [claim("a", ARMY, killed=4)]), (doc("b"), [denial("b", REBELS, killed=40)])])
    assert s["status"] == "occurred"  # the claim stands: the denial is recorded, never the verdict
    assert (s["n_mentions"], s["n_sources"]) == (2, 2)
    assert (s["fatalities"], s["fatalities_max"]) == (4, 4)  # a count a denier names is not the event's
    (who,) = s["disputed_by"]
    assert (who["name"], who["kind"], who["doc_id"], who["mention_id"]) == ("Syrian rebels", "REB", "b", "b:0")
    assert who["sentence"] == "The rebels denied attacking the troops." and (who["start"], who["end"]) == (0, 10)


def test_a_claim_in_the_reports_own_voice_is_disputed_too():
    s = summary([(doc("a"), [claim("a")]), (doc("b"), [denial("b", REBELS)])])
    assert s["status"] == "occurred" and [d["name"] for d in s["disputed_by"]] == ["Syrian rebels"]


def test_the_same_source_claiming_and_denying_is_no_dispute():
    s = summary([(doc("a"), [claim("a", REBELS)]), (doc("b"), [denial("b", REBELS)])])
    assert s["n_mentions"] == 2 and s["status"] == "occurred" and s["disputed_by"] == []
    state = replace(ARMY, name="Government of Syria", kind="GOV")  # a government and its forces: one side
    assert summary([(doc("a"), [claim("a", ARMY)]), (doc("b"), [denial("b", state)])])["disputed_by"] == []


def test_an_event_only_denied_is_denied_and_disputed_by_nobody():
    s = summary([(doc("b"), [denial("b", REBELS)])])
    assert s["status"] == "denied" and s["disputed_by"] == []


def test_a_denial_in_the_reports_own_voice_stays_apart():
    own = replace(mention("b", status="denied"), according_to=None)  # "no one attacked": no denier, no dispute
    assert not compatible(Report.from_mention(claim("a"), doc("a")), Report.from_mention(own, doc("b")))
    assert len(merge([(doc("a"), [claim("a")]), (doc("b"), [own])])) == 2


def test_a_denial_linked_in_its_document_reaches_the_event():
    told = claim("a", ARMY)
    told.disputed_by = [Dispute(REBELS, "The rebels denied the accusation.", 40, 73, mention=1)]
    again = claim("b", MONITOR)
    s = summary([(doc("a"), [told]), (doc("b"), [again])])
    (who,) = s["disputed_by"]
    assert (who["name"], who["mention_id"], who["sentence_start"]) == ("Syrian rebels", "a:1", 40)
    assert s["status"] == "occurred" and s["n_mentions"] == 2


def test_one_entry_per_denier_and_sentence():
    told = claim("a", ARMY)
    act = denial("a", REBELS)
    act.index = 1
    told.disputed_by = [Dispute(REBELS, act.sentence, act.start, act.end, mention=1)]  # the same denial, linked
    s = summary([(doc("a"), [told, act])])
    assert [d["mention_id"] for d in s["disputed_by"]] == ["a:1"]


def test_the_lead_is_the_events_when_one_report_leads():
    lead = replace(claim("a"), lead=True)
    assert summary([(doc("a"), [lead]), (doc("b"), [claim("b")])])["lead"] == 1
    assert summary([(doc("b"), [claim("b")])])["lead"] == 0


def stored(store: Store, pairs) -> None:
    events = merge(pairs)
    reports = {r.id: (e.id, r) for e in events for r in e.reports}
    mentions = [m for _, ms in pairs for m in ms]
    with store.transaction():
        store.add_documents([d for d, _ in pairs])
        store.save_events(events)
        store.add_mentions([(reports[m.event_id][1], m) for m in mentions], {i: e for i, (e, _) in reports.items()})


PAIRS = [(doc("a"), [replace(claim("a", ARMY, killed=4), lead=True)]), (doc("b"), [denial("b", REBELS)])]


def test_claims_and_disputes_round_trip_through_the_store(db_target):
    with Store.open(db_target) as store:
        stored(store, PAIRS)
        (event,) = store.query_events()
        assert event["lead"] is True and event["status"] == "occurred"
        assert [(d["name"], d["mention_id"]) for d in event["disputed_by"]] == [("Syrian rebels", "b:0")]
        sources = {s["mention_id"]: s for s in event["sources"]}
        assert sources["a:0"]["according_to"]["name"] == "Syrian Armed Forces" and sources["a:0"]["lead"] is True
        assert sources["b:0"]["according_to"]["name"] == "Syrian rebels" and sources["b:0"]["status"] == "denied"
        (loaded,) = store.region_events("violence", "real", None, ())  # what a later ingest merges against
        assert {r.id: (r.lead, r.denial) for r in loaded.reports} == {"a:0": (True, False), "b:0": (False, True)}
        assert loaded.summary()["disputed_by"] == json.loads(json.dumps(event["disputed_by"]))


def test_a_store_of_schema_2_gets_the_claims_columns_with_its_leads_and_sources(db_target):
    path = db_target
    with Store.open(path) as store:
        stored(store, PAIRS)
        with store.transaction():
            for table, column in [("mentions", "lead"), ("mentions", "according_to"), ("mentions", "disputed_by"),
                                  ("events", "lead"), ("events", "disputed_by")]:
                store.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
            store.execute("DROP TABLE background_mentions")
            store.execute("UPDATE store_meta SET value = 2 WHERE key = 'schema_version'")
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION == 3
        assert {"lead", "according_to", "disputed_by"} <= store.columns("mentions")
        (event,) = store.query_events()
        assert event["lead"] is True and event["disputed_by"] == []  # written again when a report joins it
        sources = {s["mention_id"]: s for s in event["sources"]}
        assert sources["a:0"]["according_to"]["name"] == "Syrian Armed Forces"
        assert store.background_lines(["a"]) == []

