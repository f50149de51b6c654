"""Agreements over HTTP and in the dashboard: /agreements, /agreements/{id}, and the side-bar
list whose chosen agreement draws its zone, posts and violations (headless Chromium)."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient
from store_support import free_port

from watchpost.api import create_app
from watchpost.api.app import vendored

SEEDS = Path(__file__).parent / "data" / "agreements" / "seeds.jsonl"
IDLIB = Path(__file__).parent.parent / "watchpost" / "data" / "agreements" / "idlib.yml"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """The seed reports and the Idlib declaration, stored by the command line."""
    path = str(tmp_path_factory.mktemp("agreements") / "w.db")
    for command in (["agreements", "add", str(IDLIB)], ["ingest", str(SEEDS)]):
        subprocess.run([sys.executable, "-m", "watchpost", *command, "--db", path], check=True, capture_output=True)
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


def test_list_and_one_agreement(client):
    listed = client.get("/agreements").json()
    assert listed["total"] == 1
    (idlib,) = listed["agreements"]
    assert (idlib["id"], idlib["status"], idlib["observed"], idlib["accused"]) == (
        "idlib-de-escalation-zone",
        "in force",
        2,
        3,
    )
    found = client.get("/agreements/idlib-de-escalation-zone").json()
    assert sorted(found["by_party"], key=lambda p: p["party"]) == [
        {"party": "Russia", "observed": 1, "accused": 1},
        {"party": "Turkey", "observed": 1, "accused": 2},
    ]
    violations = [e for e in found["timeline"] if e["entry"] != "status"]
    assert all(e["source"]["sentence"] and e["source"]["doc_id"] for e in violations)  # each with the words behind it
    observed = [f["properties"] for f in found["map"]["features"] if f["properties"]["role"] == "observed"]
    assert sorted(p["location"] for p in observed) == ["Nayrab", "Saraqib"]
    assert ("Nayrab", "002_c06d261e7b55d03c:1") in [(p["location"], p["event_id"]) for p in observed]
    assert client.get("/agreements/nowhere").status_code == 404
    assert "/agreements/{agreement_id}" in client.get("/openapi.json").json()["paths"]


@pytest.mark.skipif(
    not Path(CHROMIUM).exists() or not vendored(), reason="no Chromium, or dashboard assets not vendored"
)
def test_dashboard_draws_the_chosen_agreement(db):
    sync_api = pytest.importorskip("playwright.sync_api")

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1400, "height": 850})
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(f"http://127.0.0.1:{port}/")
            page.locator("#agreements button", has_text="Idlib de-escalation zone").click()
            page.locator(".agreement-timeline li.observed").first.wait_for()
            assert (
                page.locator("#panel .agreement h2").inner_text() == "Idlib de-escalation zone"
            )  # in sight, in the panel
            assert page.locator(".agreement-timeline li.accused").count() == 3
            assert (
                page.locator("#map path.leaflet-interactive").count() >= 2 + 12 + 1
            )  # two areas, twelve posts, Nairab
            page.locator(".agreement-timeline li.observed").first.click()
            page.wait_for_url("**event=002_c06d261e7b55d03c*")
            page.locator("#panel blockquote", has_text="Turkey-backed").first.wait_for()  # the event's source sentence
            browser.close()
        assert errors == []
    finally:
        server.should_exit = True
