"""The documentation's screenshots, made from the example corpus as `make run` serves it:

    WATCHPOST_SCREENSHOTS=docs .venv/bin/python -m pytest tests/test_screenshots.py

writes docs/dashboard.png (the README's), docs/quickstart-area.png, docs/quickstart-agreement.png
and docs/quickstart-document.png. Without the variable the test skips; with it, a page that
shows an error or fails a request fails it, so no broken page goes into the documentation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TARGET = os.environ.get("WATCHPOST_SCREENSHOTS")
pytestmark = pytest.mark.skipif(
    not TARGET, reason="set WATCHPOST_SCREENSHOTS=docs to make the documentation's screenshots"
)
from test_dashboard import browsing, serving  # noqa: E402  (skips itself without Chromium, Playwright or the assets)

from watchpost.store import EventFilter, Store  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("shots") / "examples.db")
    for args in (
        ["ingest", "examples/reports.jsonl"],
        ["agreements", "add", "examples/agreements/idlib-ceasefire-2020.yml"],
    ):
        subprocess.run(
            [sys.executable, "-m", "watchpost", *args, "--db", path], cwd=ROOT, check=True, capture_output=True
        )
    return path


def test_screenshots_of_the_examples(examples):
    out = Path(TARGET)
    out.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    with Store.open(examples) as store:  # the shelling two days into the truce
        shelling = next(
            e for e in store.query_events(EventFilter()) if e["fatalities"] and e["date_start"] == "2020-03-07"
        )
    mention = next(s["mention_id"] for s in shelling["sources"] if s["doc_id"] == "ex10-violation-shelling")
    with serving(examples) as server:
        with browsing(
            f"{server}/?status=occurred&status=ongoing&status=threatened&event={shelling['id']}", errors
        ) as page:
            page.locator("#panel blockquote.sentence").first.wait_for()
            page.locator("#map .wp-selected").wait_for()
            page.wait_for_timeout(1500)
            page.screenshot(path=str(out / "dashboard.png"))
            page.locator(".wp-area .badge").first.click()
            page.locator("#panel .event-list button").first.wait_for()
            page.wait_for_timeout(500)
            page.screenshot(path=str(out / "quickstart-area.png"))
            page.get_by_role("button", name="Idlib ceasefire (Moscow, March 2020)").click()
            page.locator("#panel .agreement-timeline li").first.wait_for()
            page.wait_for_timeout(1200)
            page.screenshot(path=str(out / "quickstart-agreement.png"))
            page.goto(f"{server}/dashboard/document.html?id=ex10-violation-shelling&mention={mention}")
            page.locator("#document mark.hl-focus").first.wait_for()
            page.screenshot(
                path=str(out / "quickstart-document.png"), clip={"x": 0, "y": 0, "width": 1400, "height": 400}
            )
    assert errors == []
    assert all(
        (out / name).stat().st_size > 20_000
        for name in ("dashboard.png", "quickstart-area.png", "quickstart-agreement.png", "quickstart-document.png")
    )
