"""The summary tables (store/write.py) equal a recount from the events after ingest, re-ingest,
events that change as reports join them, a migration, and SIGKILLs mid-ingest; and every
aggregate read from them (store/query.py) equals the same aggregate read from the events. On
SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import pytest
from store_support import mention

from watchpost.model import STATUSES, DateSpan, Document
from watchpost.pipeline import Pipeline
from watchpost.store import EventFilter, Store
from watchpost.store import query as q
from watchpost.store.db import SCHEMA_VERSION

TOLD_TYPES = ["ASSAULT", "ASSAULT", "PROTEST", "COERCE"]
TOLD_STATUSES = ["occurred", "occurred", "ongoing", "threatened"]
PLACES = ["Saraqib", "Nayrab", "Aleppo", None]
ACTORS = [("rebels", "troops"), ("Turkey", "troops"), ("rebels",), (), ("troops", "troops")]


class ScriptedExtractor:
    """Mentions written in the text, one per line: `type status place day+span actors killed`."""

    def extract(self, docs):
        for doc in docs:
            found = []
            for line in doc.text.splitlines()[1:]:
                type_, status, place, day, actors, killed = line.split(" ")
                start, _, span = day.partition("+")
                m = mention(
                    doc.id,
                    len(found),
                    type=type_,
                    status=status,
                    place=None if place == "-" else place,
                    day=start,
                    actors=tuple(a for a in actors.split(",") if a),
                    killed=None if killed == "-" else float(killed),
                    sentence=line,
                )
                if span == "u":  # no date at all
                    m = dataclasses.replace(m, date=DateSpan(day, None, None, "unknown"))
                elif span == "e":  # only the last day
                    m = dataclasses.replace(m, date=DateSpan(day, None, start, "day"))
                elif span:  # a span of days
                    end = (dt.date.fromisoformat(start) + dt.timedelta(days=int(span))).isoformat()
                    m = dataclasses.replace(m, date=DateSpan(day, start, end, "week"))
                found.append(m)
            yield doc, found


def corpus(n: int, seed: int = 3, undated: bool = True, spans: bool = True) -> list[Document]:
    """Reports that often retell an earlier one (the event then gains sources, counts, maybe a new
    status or place), some with spans of days, some with no date (and, `undated`, no publication
    date either)."""
    rng = random.Random(seed)
    told: list[str] = []
    docs = []
    for i in range(n):
        lines = []
        for _ in range(rng.randint(1, 3)):
            if told and rng.random() < 0.5:
                line = rng.choice(told).split(" ")
                line[1] = rng.choice(TOLD_STATUSES[:3]) if line[1] != "threatened" else line[1]
                line[2] = rng.choice(["Saraqib", "Nayrab"]) if line[2] in ("Saraqib", "Nayrab") else line[2]
                line[5] = str(rng.randint(0, 9))
                lines.append(" ".join(line))
                continue
            day = (dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(60))).isoformat()
            day += rng.choice(["", "", "", "+3", "+20", "+u", "+e"] if spans else [""])
            place = rng.choice(PLACES)
            lines.append(
                " ".join(
                    [
                        rng.choice(TOLD_TYPES),
                        rng.choice(TOLD_STATUSES),
                        place or "-",
                        day,
                        ",".join(rng.choice(ACTORS)),
                        rng.choice(["-", "0", "2", "7"]),
                    ]
                )
            )
            told.append(lines[-1])
        published = (dt.date(2020, 1, 2) + dt.timedelta(days=rng.randrange(70))).isoformat()
        published = published if rng.random() > 0.1 or not undated else None
        docs.append(
            Document(
                id=f"r{i:03d}", published=published, source=f"Outlet {i % 4}", text="\n".join([f"Report {i}", *lines])
            )
        )
    return docs


def recount(store: Store) -> dict[str, dict[tuple, tuple]]:
    """Every summary table, counted afresh from the events table (written apart from write.py)."""
    counts, pairs, fatalities, actors, dates = Counter(), Counter(), Counter(), Counter(), Counter()
    cells: dict[tuple, list] = {}
    for e in store.rows("SELECT * FROM events"):
        day = e["date_start"] if e["date_start"] is not None else e["first_reported"]
        start = next((d for d in (e["date_start"], e["date_end"], e["first_reported"]) if d is not None), None)
        end = next((d for d in (e["date_end"], e["date_start"], e["last_reported"]) if d is not None), None)
        who = [
            (e[f"actor{i}"], e[f"actor{i}_country"] or "", e[f"actor{i}_kind"] or "")
            for i in (1, 2)
            if e[f"actor{i}"] is not None
        ]
        pair = tuple(v or "" for i in (1, 2) for v in (e[f"actor{i}"], e[f"actor{i}_country"], e[f"actor{i}_kind"]))
        statuses = [e["status"], "real"] if e["status"] in ("occurred", "ongoing") else [e["status"]]
        for country, status in itertools.product(
            {"", *(c for c in (e["country"], e["actor1_country"], e["actor2_country"]) if c)}, statuses
        ):
            counts["all", country, status, e["type"], "", min(e["n_sources"], 10)] += 1
            if day is not None:
                d = dt.date.fromisoformat(day)
                for grain, first in (
                    ("day", d),
                    ("week", d - dt.timedelta(days=d.weekday())),
                    ("month", d.replace(day=1)),
                ):
                    counts[grain, country, status, e["type"], first.isoformat(), 0] += 1
            if who:
                pairs[(country, status, *pair)] += 1
                fatalities[(country, status, *pair)] += e["fatalities"] or 0
            for actor in set(who):
                actors[(country, status, *actor)] += 1
        dates["timed", 0] += any(d is not None and len(d) != 10 for d in (day, start, end))
        if day is None:
            dates["undated", 0] += start is not None or end is not None
        else:
            ordinal = dt.date.fromisoformat(day).toordinal()
            dates["span", max(0, dt.date.fromisoformat(end).toordinal() - ordinal)] += 1
            dates["lead", max(0, ordinal - dt.date.fromisoformat(start).toordinal())] += 1
        if e["longitude"] is not None and e["latitude"] is not None:
            for level in (3, 5, 8):
                key = (
                    level,
                    int((e["longitude"] + 180) / 90 * 2**level),
                    int((e["latitude"] + 90) / 90 * 2**level),
                    e["status"],
                    e["type"],
                )
                cell = cells.setdefault(key, [0, 0, 0, e["longitude"], e["latitude"], e["longitude"], e["latitude"]])
                cell[:3] = [cell[0] + 1, cell[1] + round(e["latitude"] * 1e6), cell[2] + round(e["longitude"] * 1e6)]
                cell[3:] = [
                    min(cell[3], e["longitude"]),
                    min(cell[4], e["latitude"]),
                    max(cell[5], e["longitude"]),
                    max(cell[6], e["latitude"]),
                ]
    return {
        "summary_counts": {k: (n,) for k, n in counts.items()},
        "summary_pairs": {k: (n, fatalities[k]) for k, n in pairs.items()},
        "summary_actors": {k: (n,) for k, n in actors.items()},
        "summary_dates": {k: (n,) for k, n in dates.items() if n},
        "summary_cells": {k: tuple(v) for k, v in cells.items()},
    }


VALUES = {"summary_counts": 1, "summary_pairs": 2, "summary_actors": 1, "summary_dates": 1, "summary_cells": 7}


def summaries(store: Store) -> dict[str, dict[tuple, tuple]]:
    """The summary tables as stored: key columns -> value columns."""
    out = {}
    for table, width in VALUES.items():
        out[table] = {}
        for row in store.rows(f"SELECT * FROM {table}"):
            values = list(row.values())
            out[table][tuple(values[:-width])] = tuple(values[-width:])
    return out


def assert_summaries_equal_a_recount(store: Store) -> None:
    got, expected = summaries(store), recount(store)
    for table in VALUES:
        assert got[table] == expected[table], (table, set(got[table].items()) ^ set(expected[table].items()))
    if store.dialect == "sqlite":  # the R*Tree holds each placed event once, in the world of its status
        placed = store.rows("SELECT count(*) AS n FROM events WHERE longitude IS NOT NULL AND latitude IS NOT NULL")[0][
            "n"
        ]
        indexed = [
            r
            for r in store.rows(
                "SELECT e.status, e.longitude, p.west, p.east FROM event_places p JOIN events e "
                "ON e.rowid = p.id WHERE p.south <= e.latitude AND e.latitude <= p.north"
            )
            if r["west"] <= r["longitude"] + 360 * STATUSES.index(r["status"]) <= r["east"]
        ]
        assert len(indexed) == placed == store.rows("SELECT count(*) AS n FROM event_places")[0]["n"]


def ingest(target: str, docs: list[Document], batch_size: int = 3):
    with Store.open(target) as store:
        return Pipeline(store, ScriptedExtractor(), batch_size=batch_size).run(docs)


def test_summaries_follow_ingest_reingest_and_changing_events(db_target):
    docs = corpus(80)
    ingest(db_target, docs[:30])
    with Store.open(db_target) as store:
        assert store.counts()["events"] > 15
        assert_summaries_equal_a_recount(store)
        before = summaries(store)
        moved = store.rows("SELECT id, status, latitude, n_sources FROM events")
    stats = ingest(db_target, docs)  # the first 30 again (skipped), then 50 more joining and changing events
    assert stats.skipped["already stored"] == 30 and stats.documents == 50
    with Store.open(db_target) as store:
        assert_summaries_equal_a_recount(store)
        now = {r["id"]: r for r in store.rows("SELECT id, status, latitude, n_sources FROM events")}
        changed = [r for r in moved if now[r["id"]] != r]
        assert len(changed) >= 5, "later reports should change earlier events (status, place, sources)"
        assert summaries(store) != before
        assert store.rows("SELECT max(days) AS n FROM summary_dates WHERE measure = 'span'")[0]["n"] >= 20
        after = summaries(store)
    ingest(db_target, docs)  # everything already stored: nothing moves
    with Store.open(db_target) as store:
        assert summaries(store) == after


def test_a_store_from_before_the_summaries_gets_them_when_opened(db_target):
    ingest(db_target, corpus(40))
    with Store.open(db_target) as store, store.transaction():
        for table in VALUES:
            store.execute(f"DELETE FROM {table}")
        if store.dialect == "sqlite":
            store.execute("DELETE FROM event_places")
        store.execute("DELETE FROM store_meta")
    with Store.open(db_target) as store:
        assert store.schema_version() == SCHEMA_VERSION and store.data_version() >= 1
        assert_summaries_equal_a_recount(store)
        assert store.rows("SELECT count(*) AS n FROM summary_counts")[0]["n"] > 50


FILTERS = [
    EventFilter(),
    EventFilter(statuses=None),
    EventFilter(types=["ASSAULT"]),
    EventFilter(statuses=("threatened",)),
    EventFilter(country="SYR"),
    EventFilter(country="tur", statuses=None),
    EventFilter(min_sources=2),
    EventFilter(actor="REBEL"),
    EventFilter(actor="turkey", statuses=None),
    EventFilter(bbox=(36.7, 35.8, 36.9, 36.0)),
    EventFilter(bbox=(36.0, 35.0, 38.0, 37.0), types=["ASSAULT", "COERCE"]),
    EventFilter(bbox=(36.75, 35.85, 36.81, 35.87), statuses=None),
    *(EventFilter(types=[t], statuses=(s,)) for t in ("PROTEST", "COERCE") for s in ("ongoing", "threatened")),
    EventFilter(near=(35.9, 36.8), radius_km=8),
    EventFilter(near=(35.9, 36.8), radius_km=12, statuses=None, min_sources=2),
    EventFilter(near=(36.2, 37.16), radius_km=0.5, types=["PROTEST", "COERCE"]),
    EventFilter(near=(35.85, 36.76), radius_km=4),
    EventFilter(bbox=(36.72, 35.84, 36.80, 35.86), statuses=None),  # edges through the places themselves
    EventFilter(since="2020-01-20", until="2020-02-10"),
    EventFilter(since="2020-02-01", country="SYR", types=["ASSAULT"]),
]


def by_events(monkeypatch) -> None:
    """Answer every aggregate from the events table."""
    for name in ("by_counts", "by_days", "by_pairs", "by_cells"):
        monkeypatch.setattr(q, name, lambda *args: False)
    monkeypatch.setattr(q, "place_shifts", lambda *args: None)


def rounded(cells: list[dict]) -> list[dict]:
    return sorted(
        ({**c, "lat": round(c["lat"], 5), "lon": round(c["lon"], 5)} for c in cells), key=lambda c: (c["lat"], c["lon"])
    )


@pytest.mark.parametrize("spans", [True, False], ids=["spans", "point-dates"])
def test_every_aggregate_from_the_summaries_equals_the_same_from_the_events(db_target, monkeypatch, spans):
    ingest(db_target, corpus(80, spans=spans, undated=spans))
    with Store.open(db_target) as store:

        def answers():
            return [
                (
                    store.count_events(f),
                    [store.event_timeline(f, i) for i in ("day", "week", "month")],
                    store.actors_and_dyads(f, 3),
                    store.actors_and_dyads(f, 100),
                    [rounded(store.clusters(f, zoom)) for zoom in (0, 2, 5, 7, 8, 11)],
                )
                for f in FILTERS
            ]

        summarized = answers()
        with monkeypatch.context() as patch:
            by_events(patch)
            assert answers() == summarized
    assert all(found[0] for found in summarized[:9]), "every filter should find events"
    assert all(found[0] for found in summarized[-7:]) and len({found[0] for found in summarized[-7:]}) >= 5
    with Store.open(db_target) as store:
        assert q.point_dates(store) is not spans  # point dates: the day rows answer since/until
    assert len(summarized[0][4][4]) >= 2
    assert any(c["id"] for found in summarized for cells in found[4][:5] for c in cells), (
        "some map cell should hold one event"
    )


def test_date_filters_read_a_bounded_stretch_and_find_the_same_events(db_target, monkeypatch):
    ingest(db_target, corpus(80, undated=False))
    ranges = [("2020-01-20", "2020-01-25"), ("2020-02-10", None), (None, "2020-01-05"), ("2020-01-01", "2020-03-31")]
    filters = [EventFilter(since=s, until=u, statuses=None) for s, u in ranges]
    with Store.open(db_target) as store:
        assert [b for b, _ in q.date_bounds(store, filters[0])] == [">=", "<"]
        assert q.date_bounds(store, filters[0])[0][1] <= "2019-12-31"  # events spanning 20 days: read from 20 days back
        bounded = [(store.count_events(f), [e["id"] for e in store.query_events(f)]) for f in filters]
        with monkeypatch.context() as patch:
            patch.setattr(q, "date_bounds", lambda *args: [])
            unbounded = [(store.count_events(f), [e["id"] for e in store.query_events(f)]) for f in filters]
        assert bounded == unbounded and all(n for n, _ in bounded)
        assert all(n == len(ids) for n, ids in bounded)
        # an event with a last day but no listing day (no start, no publication date): no bound holds
        row = {
            **store.rows("SELECT * FROM events LIMIT 1")[0],
            "id": "undated",
            "date_start": None,
            "date_end": "2020-02-12",
            "first_reported": None,
            "last_reported": None,
        }
        with store.transaction():
            store.save_event_rows([row])
        assert q.date_bounds(store, filters[1]) == []
        assert "undated" in [e["id"] for e in store.query_events(filters[1])]
        assert_summaries_equal_a_recount(store)


CHILD = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {tests!r})
    from test_summaries import ScriptedExtractor, corpus
    from watchpost.store import Store, write
    from watchpost.pipeline import Pipeline

    follow = write.follow
    def slow_follow(*args):  # a moment inside each batch's transaction, for the kill to land in
        time.sleep(0.02)
        follow(*args)
    write.follow = slow_follow
    with Store.open(sys.argv[1]) as store:
        Pipeline(store, ScriptedExtractor(), batch_size=2).run(corpus(int(sys.argv[2])))
""")


def stored_documents(target: str) -> int:
    with Store.open(target) as store:
        return store.counts()["documents"]


@pytest.mark.slow
def test_summaries_equal_a_recount_after_sigkills_mid_ingest(db_target, tmp_path):
    n = 60
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(tests=str(Path(__file__).parent)))
    rng = random.Random(11)
    landed = 0
    for kill in range(6):
        before = stored_documents(db_target)
        child = subprocess.Popen([sys.executable, str(script), db_target, str(n)], stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while (
            child.poll() is None
            and stored_documents(db_target) < before + 2 * (kill + 1)
            and time.monotonic() < deadline
        ):
            time.sleep(0.01)
        time.sleep(rng.uniform(0, 0.05))
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
            landed += 1
        _, err = child.communicate(timeout=60)
        assert child.returncode in (0, -signal.SIGKILL), err.decode()[-2000:]
        with Store.open(db_target) as store:
            assert_summaries_equal_a_recount(store)
    assert landed >= 4
    subprocess.run([sys.executable, str(script), db_target, str(n)], check=True, capture_output=True, timeout=120)
    with Store.open(db_target) as store:
        assert store.counts()["documents"] == n
        assert_summaries_equal_a_recount(store)
