"""The dashboard in headless Chromium, driven by Playwright, against a real `watchpost serve`
process on a database that `watchpost ingest` filled from four small articles (real extraction):
the first view frames every event shown, markers appear, the status toggle and a date filter
change what is shown, the selected event is ringed and centred, the event panel shows the source
sentence with its words marked and the original article's link, a brush on the timeline takes
whole bars, the CSV export escapes formulas, a shared link keeps its filters, and a page without
its libraries says what to run; a screenshot is taken (tests/test_screenshots.py makes the
documentation's, from the example corpus). The document page and the API docs page work with no network.
A failed request, a response of 400 or more, or an error in the console fails the test."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from store_support import free_port

from watchpost.api.app import vendored
from watchpost.store import REAL_STATUSES, EventFilter, Store

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"),
    pytest.mark.skipif(not vendored(), reason="dashboard assets are not vendored (run `make setup`)"),
]
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright for Python is not installed (pip install playwright)"
)

ARTICLES = [
    {
        "id": "saraqib",
        "published": "2020-02-20",
        "source": "Test Wire",
        "text": "Rebels attack army posts in Saraqib\n"
        "Syrian rebels attacked government troops in Saraqib on Monday, killing three "
        "soldiers. Russian jets struck the town of Maarat al-Numan on Tuesday, killing 12 civilians.",
    },
    {
        "id": "afrin",
        "published": "2020-03-10",
        "source": "Test Post",
        "text": "Turkey warns Damascus\nHundreds of people protested in Aleppo on 3 March 2020 against the siege. "
        "Turkey threatened to strike Syrian forces in Afrin if the attacks continue.",
    },
    {
        "id": "moscow",
        "published": "2020-03-06",
        "source": '=HYPERLINK("http://evil.example","x")',
        "url": "https://example.org/moscow-ceasefire",
        "text": "Ceasefire agreed in Moscow\n"
        "Russia and Turkey agreed a ceasefire in Idlib province on Thursday after talks in Moscow.",
    },
    {
        "id": "aleppo",
        "published": "2019-06-12",
        "source": "Test Post",  # months earlier: the timeline shows weeks
        "text": "Clashes near Aleppo\nRebels attacked army positions west of Aleppo on Tuesday, killing four soldiers.",
    },
    {
        "id": "kafr",
        "published": "2020-03-12",
        "source": "Test Post",
        "text": "Shelling near Kafr Nabl\n"
        "Government forces shelled the town of Kafr Nabl on Wednesday, killing two civilians.",
    },
]
SINCE = "2020-03-01"
SHOWN = "[...document.querySelectorAll('#map [data-count]')].reduce((n, el) => n + Number(el.dataset.count), 0)"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("dashboard")
    articles = folder / "articles.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES))
    path = str(folder / "dashboard.db")
    subprocess.run(
        [sys.executable, "-m", "watchpost", "ingest", str(articles), "--db", path], check=True, capture_output=True
    )
    return path


@contextmanager
def serving(db: str) -> Iterator[str]:
    """`watchpost serve` on a free local port; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "watchpost", "serve", "--db", db, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
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
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


VIEWPORT = {"width": 1400, "height": 850}


def watched(tab, errors: list[str]):
    """The tab, with what goes wrong in it added to `errors`."""
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda m: m.type == "error" and errors.append(f"console: {m.text}"))
    tab.on("response", lambda r: r.status >= 400 and errors.append(f"{r.url}: {r.status}"))
    tab.on("requestfailed", lambda r: "ABORTED" in (r.failure or "") or errors.append(f"{r.url}: {r.failure}"))
    return tab


@contextmanager
def browsing(url: str, errors: list[str]) -> Iterator:
    """A headless Chromium tab on `url`; what goes wrong in it (script errors, errors in the
    console, failed requests, answers of 400 or more) is added to `errors`."""
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = watched(browser.new_page(viewport=VIEWPORT), errors)
        tab.goto(url)
        try:
            yield tab
        finally:
            browser.close()


@pytest.fixture(scope="module")
def server(db):
    with serving(db) as url:
        yield url


@pytest.fixture(scope="module")
def page(server):
    errors: list[str] = []
    with browsing(f"{server}/", errors) as tab:
        yield tab
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


def mercator(lat: float) -> float:
    """The map's vertical coordinate of a latitude (web Mercator, in radians)."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def bounds(page) -> tuple[float, float, float, float]:
    """The map's view, west, south, east, north (Leaflet's toBBoxString)."""
    return tuple(float(v) for v in page.locator("#map").get_attribute("data-bounds").split(","))


def test_the_first_view_frames_every_event_shown(page, db):
    shown = placed(db)
    markers_show(page, len(shown))
    west, south, east, north = bounds(page)
    assert shown and all(west <= e["longitude"] <= east and south <= e["latitude"] <= north for e in shown)
    # and no wider than it needs: one zoom level further in (half the view) would leave some out, as the
    # events' extent with the 15% margins takes more than half the view across or down
    lons, ys = [e["longitude"] for e in shown], [mercator(e["latitude"]) for e in shown]
    assert (max(lons) - min(lons)) * 1.3 > (east - west) / 2 or (max(ys) - min(ys)) * 1.3 > (
        mercator(north) - mercator(south)
    ) / 2
    areas = page.locator(".wp-area .badge")
    assert areas.count() >= 1 and "province" in areas.first.inner_text()  # placed only at Idlib: a ring, not a point


def test_dashboard_filters_map_and_event_panel(page, db, tmp_path):
    real = placed(db)
    with_threats = placed(db, statuses=(*REAL_STATUSES, "threatened"))
    threats_since = placed(db, statuses=(*REAL_STATUSES, "threatened"), since=SINCE)
    assert len(real) < len(with_threats) and 0 < len(threats_since) < len(with_threats), (
        "the articles no longer give the events this test needs"
    )

    markers_show(page, len(real))  # occurred and ongoing events by default
    assert page.locator("#summary").inner_text().startswith(f"{len(matching(db))} event")

    page.click("#statuses button[data-value=threatened]")
    markers_show(page, len(with_threats))
    assert "status=threatened" in page.url
    threats = "#map [data-status=threatened], #map .wp-mix [title=threatened]"
    assert page.locator(threats).count() >= 1  # a threat keeps its shape, alone or inside a cluster or area

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
        event = store.event(event_id)
        sources = event["sources"]
    assert sentence.inner_text() == sources[0]["sentence"]
    page.locator("#map .wp-selected").wait_for()  # ringed
    page.wait_for_timeout(800)  # the pan to it ends
    west, south, east, north = bounds(page)
    assert abs((west + east) / 2 - event["longitude"]) < (east - west) / 20  # and centred
    middle = (mercator(south) + mercator(north)) / 2
    assert abs(middle - mercator(event["latitude"])) < (mercator(north) - mercator(south)) / 20
    for _ in range(8):  # zoomed in, the map names the towns around (from the gazetteer, offline)
        if page.locator("#map .wp-place").count():
            break
        page.click(".leaflet-control-zoom-in")
        page.wait_for_timeout(700)
    assert page.locator("#map .wp-place").count() >= 3
    assert sentence.locator("mark.hl-trigger").count() >= 1
    assert (
        page.locator("#panel a[href*='document.html']")
        .first.get_attribute("href")
        .startswith(f"document.html?id={sources[0]['doc_id']}")
    )

    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


def moscow_agreement(db: str) -> dict:
    return next(
        e
        for e in matching(db, statuses=None)
        if e["type"] == "AGREE" and any(s["doc_id"] == "moscow" for s in e["sources"])
    )


def test_a_shared_link_keeps_its_filters_and_opens_the_event_with_its_article(page, server, db):
    agreed = moscow_agreement(db)
    page.goto(f"{server}/?status=all&country=RUS&event={agreed['id']}")
    assert page.url.startswith(f"{server}/dashboard/?status=all&country=RUS&event=")
    link = page.locator("#panel a.external").first
    link.wait_for()
    assert link.get_attribute("href") == "https://example.org/moscow-ceasefire"
    assert link.get_attribute("target") == "_blank" and "noopener" in link.get_attribute("rel").split()
    assert page.locator("#filters input[name=country]").input_value() == "RUS"


def test_the_csv_export_escapes_formulas(page, server, db):
    page.goto(f"{server}/dashboard/?status=all")
    href = page.locator("#exports a[data-format=csv]").get_attribute("href")
    assert "status=all" in href and "format=csv" in href
    answer = page.request.get(f"{server}{href}")
    assert answer.ok
    rows = list(csv.DictReader(io.StringIO(answer.text())))
    assert len(rows) == len(matching(db, statuses=None))
    assert any(r["source"] == '\'=HYPERLINK("http://evil.example","x")' for r in rows)
    assert not any(cell.startswith(("=", "+", "@")) for r in rows for cell in r.values())


def test_a_brush_on_the_timeline_takes_whole_bars(page, server):
    page.goto(f"{server}/dashboard/?status=all")
    page.locator("#timeline rect.bar").first.wait_for()
    interval = page.locator("#timeline").get_attribute("data-interval")
    assert interval != "day", "bars of several days each, where a brush can end inside one"
    with urllib.request.urlopen(f"{server}/stats/timeline?status=all&interval={interval}") as response:
        buckets = json.load(response)["buckets"]
    first, last_bar = (page.locator("#timeline rect.bar").nth(i).bounding_box() for i in (0, -1))
    y = first["y"] + first["height"] / 2
    page.mouse.move(first["x"] + first["width"] / 2, y)  # from the middle of the first bar
    page.mouse.down()
    page.mouse.move((first["x"] + last_bar["x"]) / 2, y, steps=4)
    page.mouse.move(last_bar["x"] + last_bar["width"] / 2, y, steps=4)  # to the middle of the last
    page.mouse.up()
    deadline = time.monotonic() + 5
    while "until=" not in page.url and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    query = dict(p.split("=", 1) for p in page.url.split("?", 1)[1].split("&"))
    last = dt.date.fromisoformat(buckets[-1]["date"])
    end = {
        "day": last,
        "week": last + dt.timedelta(days=6),
        "month": (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1),
    }[interval]
    assert (query["since"], query["until"]) == (buckets[0]["date"], end.isoformat())


def test_without_its_libraries_the_page_says_what_to_run(page, server):
    bare = page.context.browser.new_page()  # its failed requests are the point here, not errors of the dashboard
    bare.route("**/dashboard/vendor/**", lambda route: route.abort())
    bare.goto(f"{server}/dashboard/")
    summary = bare.locator("#summary")
    deadline = time.monotonic() + 10
    while "make setup" not in summary.inner_text() and time.monotonic() < deadline:
        bare.wait_for_timeout(100)
    assert "make setup" in summary.inner_text() and "loading" not in summary.inner_text()
    bare.close()


def test_document_page_marks_the_mention(page, server, db):
    with Store.open(db) as store:
        mention = store.rows("SELECT id, doc_id FROM mentions ORDER BY id LIMIT 1")[0]
    page.goto(f"{server}/dashboard/document.html?id={mention['doc_id']}&mention={mention['id']}")
    page.locator("#document .text mark.hl-trigger").first.wait_for()
    assert page.locator("#document .text mark.hl-focus").count() >= 1
    assert (
        page.locator("#document h2").inner_text()
        == next(a["text"] for a in ARTICLES if a["id"] == mention["doc_id"]).split("\n")[0]
    )


def test_api_docs_page_works_offline(page, server):
    page.goto(f"{server}/docs")
    page.locator(".swagger-ui .opblock").first.wait_for()
    paths = page.locator(".swagger-ui .opblock-summary-path").all_inner_texts()
    assert {"/events", "/events/{event_id}", "/documents"} <= {p.replace("\u200b", "") for p in paths}


@pytest.fixture(scope="module")
def claims_db(tmp_path_factory) -> str:
    """The reports of tests/test_claims.py: an army's claim that the RSF denies, and the war's toll."""
    from test_claims import DOCS

    folder = tmp_path_factory.mktemp("claims")
    articles = folder / "claims.jsonl"
    fields = ("id", "text", "title", "published", "source")
    articles.write_text("".join(json.dumps({f: getattr(d, f) for f in fields}) + "\n" for d in DOCS))
    path = str(folder / "claims.db")
    ingest = [sys.executable, "-m", "watchpost", "ingest", str(articles), "--db", path]
    subprocess.run(ingest, check=True, capture_output=True)
    return path


def test_the_event_panel_says_by_whose_account_and_keeps_the_background_apart(page, claims_db):
    from test_claims import WAR_TOLL

    disputed = next(e for e in matching(claims_db, statuses=None) if e["disputed_by"])
    errors: list[str] = []
    tab = watched(page.context.browser.new_page(viewport=VIEWPORT), errors)  # the module's browser: one at a time
    with serving(claims_db) as url:
        tab.goto(f"{url}/?status=all&event={disputed['id']}")
        says = tab.locator("#panel .accounts li.says")
        says.first.wait_for()
        assert says.count() == 1 and says.first.inner_text().startswith("Military Forces of Sudan says ")
        denies = tab.locator("#panel .accounts li.denies")
        assert denies.count() == 1 and denies.first.inner_text().startswith("Rapid Support Forces (RSF) denies ")
        assert tab.locator("#panel h3", has_text="Background").count() == 1
        assert tab.locator("#panel .background blockquote").all_inner_texts() == [WAR_TOLL]
        assert all(WAR_TOLL not in s for s in tab.locator("#panel .sources blockquote").all_inner_texts())
        assert "according to Military Forces of Sudan" in tab.locator("#panel .sources").inner_text()
        tab.goto(f"{url}/dashboard/document.html?id=army")
        tab.locator("#document .background blockquote").first.wait_for()
        assert tab.locator("#document .background blockquote").all_inner_texts() == [WAR_TOLL]
        assert tab.locator("#document .background mark.hl-quantity").count() >= 1
        tab.close()
    assert errors == []
