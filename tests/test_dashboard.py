"""The dashboard in headless Chromium, driven by Playwright, against a real `watchpost serve`
process on a database that `watchpost ingest` filled from three small articles (real extraction):
markers appear, the status toggle and a date filter change what is shown, the event panel shows
the source sentence with its words marked, and a screenshot is saved (also to
$WATCHPOST_SCREENSHOT when set, which is how docs/dashboard.png is made); the document page and
the API docs page work with no network (a failed request fails the test)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from test_store_support import free_port

from watchpost.api.app import vendored
from watchpost.store import REAL_STATUSES, EventFilter, Store

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
    pytest.mark.skipif(not vendored(), reason="dashboard assets are not vendored (run `make setup`)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (pip install playwright)")

ARTICLES = [
    {"id": "saraqib", "published": "2020-02-20", "source": "Test Wire",
     "text": "Rebels attack army posts in Saraqib\nSyrian rebels attacked government troops in Saraqib on Monday, killing three "
             "soldiers. Russian jets struck the town of Maarat al-Numan on Tuesday, killing 12 civilians."},
    {"id": "afrin", "published": "2020-03-10", "source": "Test Post",
     "text": "Turkey warns Damascus\nHundreds of people protested in Aleppo on 3 March 2020 against the siege. "
             "Turkey threatened to strike Syrian forces in Afrin if the attacks continue."},
    {"id": "moscow", "published": "2020-03-06", "source": "Test Wire",
     "text": "Ceasefire agreed in Moscow\nRussia and Turkey agreed a ceasefire in Idlib on Thursday after talks in Moscow."},
]
SINCE = "2020-03-01"
SHOWN = "[...document.querySelectorAll('#map [data-count]')].reduce((n, el) => n + Number(el.dataset.count), 0)"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("dashboard")
    articles = folder / "articles.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES))
    path = str(folder / "dashboard.db")
    subprocess.run([sys.executable, "-m", "watchpost", "ingest", str(articles), "--db", path], check=True, capture_output=True)
    return path


@pytest.fixture(scope="module")
def server(db):
    """`watchpost serve` on a free local port; yields its base URL."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "watchpost", "serve", "--db", db, "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                assert json.load(response)["dashboard_assets"] is True
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"watchpost serve did not start: {process.communicate()[1]}")
            time.sleep(0.3)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def page(server):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1400, "height": 850})
        errors: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.on("requestfailed", lambda r: "ABORTED" in (r.failure or "") or errors.append(f"{r.url}: {r.failure}"))
        tab.goto(f"{server}/")
        yield tab
        browser.close()
    assert errors == []


def matching(db: str, **filters) -> list[dict]:
    with Store.open(db) as store:
        return store.query_events(EventFilter(**filters))


def placed(db: str, **filters) -> list[dict]:
    return [e for e in matching(db, **filters) if e["latitude"] is not None]


def markers_show(page, expected: int) -> None:
    """Wait for the map to settle on `expected` events in its markers and clusters (polled from
    here: the dashboard's Content-Security-Policy forbids the page-side polling of wait_for_function)."""
    deadline = time.monotonic() + 15
    while page.evaluate(SHOWN) != expected and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert page.evaluate(SHOWN) == expected


def test_dashboard_filters_map_and_event_panel(page, db, tmp_path):
    real = placed(db)
    with_threats = placed(db, statuses=(*REAL_STATUSES, "threatened"))
    threats_since = placed(db, statuses=(*REAL_STATUSES, "threatened"), since=SINCE)
    assert len(real) < len(with_threats) and 0 < len(threats_since) < len(with_threats), "the articles no longer give the events this test needs"

    markers_show(page, len(real))  # occurred and ongoing events by default
    assert page.locator("#summary").inner_text().startswith(f"{len(matching(db))} event")

    page.click("#statuses button[data-value=threatened]")
    markers_show(page, len(with_threats))
    assert "status=threatened" in page.url

    page.fill("#filters input[name=since]", SINCE)
    markers_show(page, len(threats_since))
    assert f"since={SINCE}" in page.url

    for _ in range(6):  # zoom into clusters until a single event's marker is on the map
        if page.locator(".wp-marker").count():
            break
        page.locator(".wp-cluster").first.click()
        page.wait_for_timeout(600)
    page.locator(".wp-marker").first.click()
    sentence = page.locator("#panel blockquote.sentence").first
    sentence.wait_for()
    event_id = page.evaluate("new URLSearchParams(location.search).get('event')")
    with Store.open(db) as store:
        sources = store.event(event_id)["sources"]
    assert sentence.inner_text() == sources[0]["sentence"]
    assert sentence.locator("mark.hl-trigger").count() >= 1
    assert page.locator("#panel a[href*='document.html']").first.get_attribute("href").startswith(f"document.html?id={sources[0]['doc_id']}")

    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("WATCHPOST_SCREENSHOT"):
        shutil.copyfile(shot, os.environ["WATCHPOST_SCREENSHOT"])


def test_document_page_marks_the_mention(page, server, db):
    with Store.open(db) as store:
        mention = store.rows("SELECT id, doc_id FROM mentions ORDER BY id LIMIT 1")[0]
    page.goto(f"{server}/dashboard/document.html?id={mention['doc_id']}&mention={mention['id']}")
    page.locator("#document .text mark.hl-trigger").first.wait_for()
    assert page.locator("#document .text mark.hl-focus").count() >= 1
    assert page.locator("#document h2").inner_text() == next(a["text"] for a in ARTICLES if a["id"] == mention["doc_id"]).split("\n")[0]


def test_api_docs_page_works_offline(page, server):
    page.goto(f"{server}/docs")
    page.locator(".swagger-ui .opblock").first.wait_for()
    paths = page.locator(".swagger-ui .opblock-summary-path").all_inner_texts()
    assert {"/events", "/events/{event_id}", "/documents"} <= {p.replace("\u200b", "") for p in paths}
