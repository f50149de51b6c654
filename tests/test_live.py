"""The dashboard's live view (watchpost/web/live.js) in headless Chromium against a real
`watchpost serve`: while nothing changes its polls are revalidated with the ETag (the server
answers 304), and an event stored meanwhile shows up on the page without a reload."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from store_support import serving
from test_api import DOCS, ScriptedExtractor

from watchpost.api.app import vendored
from watchpost.model import Document
from watchpost.pipeline import Pipeline
from watchpost.store import Store

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
    pytest.mark.skipif(not vendored(), reason="dashboard assets are not vendored (run `make setup`)"),
    pytest.mark.slow,
]
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright for Python is not installed (pip install playwright)"
)


def test_the_dashboard_shows_events_stored_while_it_is_open(tmp_path):
    db = str(tmp_path / "live.db")
    with Store.open(db) as store:
        Pipeline(store, ScriptedExtractor()).run([Document(**vars(d)) for d in DOCS[:2]])
    with serving(db, "--workers", "2") as (_, base):
        polls: list[tuple[str | None, str | None]] = []
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.on(
                "response",
                lambda r: (
                    polls.append((r.request.all_headers().get("if-none-match"), r.all_headers().get("etag")))
                    if "/events?" in r.url and "limit=1" in r.url
                    else None
                ),
            )
            page.goto(f"{base}/dashboard/")
            page.wait_for_selector("#live", state="attached")
            deadline = time.monotonic() + 30
            while len(polls) < 2 and time.monotonic() < deadline:  # the first poll, then one revalidated
                page.wait_for_timeout(500)
            (asked, first), (revalidated, same) = polls[:2]  # the browser revalidates; the server says 304
            assert asked is None and first and revalidated == first == same, polls
            with Store.open(db) as store:  # an ingest while the page is open
                Pipeline(store, ScriptedExtractor()).run([Document(**vars(DOCS[2]))])
            live = page.locator("#live")
            deadline = time.monotonic() + 30
            while "1 new event" not in (live.text_content() or "") and time.monotonic() < deadline:
                page.wait_for_timeout(250)
            assert live.text_content() == "live: 1 new event since you looked"
            assert polls[-1][1] != first  # the store changed: a new ETag
            browser.close()
