"""By whose account, end to end: two reports written for this test (an army's claim with the RSF's
denial and the war's toll; the RSF's own denial a day later), extracted, ingested and read back
through `watchpost events` (--lead, JSON lines, CSV) and the HTTP API (events, one event, one
document with its background)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from watchpost.api import create_app
from watchpost.cli import main
from watchpost.model import Document
from watchpost.pipeline import Pipeline
from watchpost.store import Store

ARMY_TITLE, RSF_TITLE = "Army says RSF shelled Abu Shouk camp", "RSF rejects army account"
DOCS = [
    Document(id="army", published="2024-06-10", source="Darfur Wire", title=ARMY_TITLE,
             text=f"{ARMY_TITLE}\nThe Sudanese army said the Rapid Support Forces shelled the Abu Shouk camp near "
                  "El Fasher on Sunday, killing 11 civilians. The RSF denied the accusation. Separately, gunmen killed "
                  "two farmers near Kutum on Saturday. The war has killed more than 20,000 people since April 2023."),
    Document(id="rsf", published="2024-06-11", source="Nile Post", title=RSF_TITLE,
             text=f"{RSF_TITLE}\nThe Rapid Support Forces denied shelling the Abu Shouk camp near El Fasher "
                  "on Sunday."),
]
WAR_TOLL = "The war has killed more than 20,000 people since April 2023."


@pytest.fixture(scope="module")
def db(tmp_path_factory, extractor):
    path = str(tmp_path_factory.mktemp("claims") / "w.db")
    with Store.open(path) as store:
        Pipeline(store, extractor).run(DOCS)
    return path


def events(db: str, *args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["events", "--db", db, "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def shelling(found: list[dict]) -> dict:
    (event,) = [e for e in found if e["type"] == "ASSAULT" and e["location"] == "Abu Shouk camp"]  # near El Fasher
    return event


def test_the_claim_carries_its_source_and_who_disputes_it(db):
    event = shelling(events(db))
    assert event["status"] == "occurred" and event["fatalities"] == 11  # the denial changes neither
    assert event["n_sources"] == 2  # the army's report and the RSF's denial
    deniers = {(d["doc_id"], d["name"]) for d in event["disputed_by"]}
    assert deniers == {("army", "Rapid Support Forces (RSF)"), ("rsf", "Rapid Support Forces (RSF)")}
    assert all(DOCS[0].text[d["start"]:d["end"]] == d["text"] for d in event["disputed_by"] if d["doc_id"] == "army")
    claimed = {s["according_to"]["name"] for s in event["sources"] if s["status"] == "occurred"}
    assert claimed == {"Military Forces of Sudan"}


def test_events_lead_gives_only_the_events_a_report_leads_with(db):
    every, leads = events(db, "--status", "all"), events(db, "--status", "all", "--lead")
    assert leads and len(leads) < len(every)
    assert all(e["lead"] is True and any(s["lead"] for s in e["sources"]) for e in leads)
    assert shelling(leads)["id"] in {e["id"] for e in leads}
    kutum = [e for e in every if e["location"] == "Kutum"]
    assert kutum and kutum[0]["lead"] is False and kutum[0]["id"] not in {e["id"] for e in leads}


def test_the_war_toll_is_no_event_and_no_fatality(db):
    every = events(db, "--status", "all")
    assert all(WAR_TOLL not in s["sentence"] for e in every for s in e["sources"])
    assert max(e["fatalities"] or 0 for e in every) == 11
    with Store.open(db) as store:
        (told,) = store.background_lines(["army"])
    assert json.loads(told["extract_json"])["sentence"] == WAR_TOLL


def test_the_csv_codes_the_lead_and_who_claims_and_denies(db):
    result = CliRunner().invoke(main, ["events", "--db", db, "--format", "csv", "--status", "all"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"lead", "according_to", "disputed_by", "source"} <= set(rows[0])
    row = next(r for r in rows if r["location"] == "Abu Shouk camp" and r["plover_type"] == "ASSAULT")
    assert (row["lead"], row["according_to"], row["disputed_by"]) == (
        "1", "Military Forces of Sudan", "Rapid Support Forces (RSF)")  # each denier once
    assert row["source"] == "Darfur Wire; Nile Post"
    kutum = next(r for r in rows if r["location"] == "Kutum")
    assert (kutum["lead"], kutum["according_to"], kutum["disputed_by"]) == ("0", "", "")


@pytest.fixture(scope="module")
def api(db):
    with TestClient(create_app(db)) as client:
        yield client


def test_the_api_filters_on_the_lead_and_returns_disputes(api, db):
    listed = api.get("/events", params={"status": "all", "lead": "true"}).json()
    assert listed["total"] == len(events(db, "--status", "all", "--lead")) and listed["events"]
    assert all(e["lead"] for e in listed["events"])
    event = api.get(f"/events/{shelling(events(db))['id']}").json()
    assert [d["name"] for d in event["disputed_by"]] == ["Rapid Support Forces (RSF)"] * 2
    assert any(s["according_to"] and s["according_to"]["kind"] == "MIL" for s in event["sources"])
    assert [b["sentence"] for b in event["background"]] == [WAR_TOLL]  # its documents' background, apart


def test_a_document_returns_its_background_apart_from_its_mentions(api):
    doc = api.get("/documents/army").json()
    assert [b["sentence"] for b in doc["background"]] == [WAR_TOLL]
    (told,) = doc["background"]
    assert told["event_id"] is None and told["extract"]["background"] is True
    assert any(s["field"] == "quantity" for s in told["spans"])
    assert all(m["sentence"] != WAR_TOLL for m in doc["mentions"])
    assert api.get("/documents/rsf").json()["background"] == []
