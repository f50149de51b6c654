"""API latency: p50/p95 of /events with each filter of `watchpost events` (and of the dashboard's
endpoints) over synthetic events in SQLite, through a real `watchpost serve` process.

python benchmarks/api.py [--events 100000] [--repeat 60] [--db PATH]
Synthetic events, their documents (news-like texts from benchmarks/corpus.py) and one mention each
are written straight through the Store (no extraction). An existing --db is reused. Prints a Markdown table and one JSON line.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402  (benchmarks/corpus.py: news-like articles)

from watchpost.model import PLOVER_TYPES, STATUSES  # noqa: E402
from watchpost.model.event import FAMILIES  # noqa: E402
from watchpost.store import EVENT_COLUMNS, REPORT_COLUMNS, Store  # noqa: E402

NAMES = {"GOV": "Government of {}", "MIL": "Military Forces of {}, unit {}", "REB": "Rebels ({}) {}", "CVL": "Civilians ({})"}
ACTORS = [(NAMES[kind].format(country, i), country, kind)
          for country in ("SYR", "TUR", "RUS", "IRQ", "YEM", "MLI", "UKR", "SDN", "NGA", "AFG")
          for kind in NAMES for i in range(1 if kind in ("GOV", "CVL") else 3)]
STATUS_WEIGHTS = [70, 6, 8, 10, 3, 3]  # occurred ongoing planned threatened denied hypothetical
TYPE_WEIGHTS = [40 if t == "ASSAULT" else 8 if t in ("PROTEST", "COERCE", "THREATEN") else 2 for t in PLOVER_TYPES]
FIRST_DAY = dt.date(2018, 1, 1).toordinal()
DAYS = 6 * 365
DOCS_PER_EVENT = 5  # documents: one for every five events


def towns(rng: random.Random, n: int = 400) -> list[tuple[float, float, str]]:
    """Places events cluster around, in the countries of the actors."""
    boxes = {"SYR": (32.5, 35.7, 37.3, 42.0), "TUR": (36.5, 26.5, 41.5, 44.0), "RUS": (44.0, 30.0, 60.0, 60.0),
             "IRQ": (29.5, 39.0, 37.0, 48.0), "YEM": (13.0, 43.0, 18.5, 52.0), "MLI": (11.0, -11.0, 24.0, 4.0),
             "UKR": (45.5, 23.0, 52.0, 40.0), "SDN": (9.0, 22.0, 22.0, 38.0), "NGA": (4.5, 3.0, 13.5, 14.5),
             "AFG": (29.5, 61.0, 38.0, 74.0)}
    out = []
    for i in range(n):
        country = list(boxes)[i % len(boxes)]
        s, w, north, e = boxes[country]
        out.append((rng.uniform(s, north), rng.uniform(w, e), country))
    return out


def synthetic(n: int, seed: int = 7):
    """Rows for the documents, events and mentions tables."""
    rng = random.Random(seed)
    places = towns(rng)
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    n_docs = max(1, n // DOCS_PER_EVENT)
    docs = [[f"doc{d}", f"hash{d}", article["title"], article["text"], None,
             f"Source {d % 40}", (dt.date.fromordinal(FIRST_DAY + d * DAYS // n_docs)).isoformat(), None, None, f"doc{d}", now]
            for d, article in enumerate(generate(n_docs, seed))]  # news-like texts: an ingest's story pass meets real variety
    events, mentions = [], []
    for i in range(n):
        doc = i // DOCS_PER_EVENT
        event_id = f"doc{doc}:{i % DOCS_PER_EVENT}"
        type_ = rng.choices(PLOVER_TYPES, TYPE_WEIGHTS)[0]
        status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
        a1, a2 = rng.sample(ACTORS, 2)
        lat, lon, country = places[rng.randrange(len(places))]
        placed = rng.random() > 0.05
        day = dt.date.fromordinal(FIRST_DAY + rng.randrange(DAYS)).isoformat()
        killed = rng.choice([None, None, 0, 1, 2, 5, 12])
        sources = rng.choices([1, 2, 3, 4, 5], [60, 20, 10, 6, 4])[0]
        sentence = f"{a1[0]} acted against {a2[0]} near town {lat:.2f}."
        row = {"id": event_id, "type": type_, "family": FAMILIES.get(type_, type_.lower()), "mode": None,
               "acled_event_type": None, "acled_sub_event_type": None, "status": status,
               "actor1": a1[0], "actor1_country": a1[1], "actor1_kind": a1[2], "actor2": a2[0], "actor2_country": a2[1], "actor2_kind": a2[2],
               "location": f"Town {lat:.2f}" if placed else None, "country": country if placed else None, "admin1": None,
               "latitude": lat + rng.gauss(0, 0.05) if placed else None, "longitude": lon + rng.gauss(0, 0.05) if placed else None,
               "geo_precision": 1 if placed else None, "date_start": day, "date_end": day, "date_precision": "day",
               "first_reported": docs[doc][6], "last_reported": docs[doc][6], "n_mentions": sources, "n_sources": sources,
               "fatalities": killed, "fatalities_max": killed, "counts_disagree": 0, "quantities": "{}", "notes": sentence,
               "lead": 0, "disputed_by": None}
        events.append([row[c] for c in EVENT_COLUMNS])
        report = {**{c: row.get(c) for c in REPORT_COLUMNS}, "id": event_id, "doc_id": f"doc{doc}", "original_id": f"doc{doc}",
                  "idx": i % DOCS_PER_EVENT, "published": docs[doc][6], "source": docs[doc][5], "sentence": sentence,
                  "sentence_start": 0, "sentence_end": len(sentence), "confidence": 0.8, "quantities": "[]"}
        extract = {"type": type_, "mode": None, "status": status, "sentence": sentence, "start": 0, "end": len(sentence),
                   "trigger": {"text": "acted", "start": sentence.index("acted"), "end": sentence.index("acted") + 5},
                   "actor1": None, "actor2": None, "location": None, "date": None, "quantities": []}
        mentions.append([*(report[c] for c in REPORT_COLUMNS), event_id, json.dumps(extract)])
    return docs, events, mentions


def build(path: Path, n: int) -> None:
    docs, events, mentions = synthetic(n)
    with Store.open(path) as store, store.transaction():
        store.upsert("documents", ["id", "content_hash", "title", "text", "url", "source", "published", "origin",
                                   "duplicate_of", "story_id", "ingested_at"], docs, update=False)
        store.save_event_rows([dict(zip(EVENT_COLUMNS, e)) for e in events])  # with the summary tables
        store.upsert("mentions", [*REPORT_COLUMNS, "event_id", "extract_json"], mentions, update=False)


QUERIES = {
    "/events": {},
    "/events status=all": {"status": "all"},
    "/events type=ASSAULT": {"type": "ASSAULT"},
    "/events type=PROTEST status=all": {"type": "PROTEST", "status": "all"},
    "/events status=threatened": {"status": "threatened"},
    "/events actor=rebels (common)": {"actor": "rebels"},
    "/events actor=Rebels (YEM) 2 (rare)": {"actor": "Rebels (YEM) 2"},
    "/events country=SYR": {"country": "SYR"},
    "/events since..until (one month)": {"since": "2021-03-01", "until": "2021-03-31"},
    "/events bbox (Syria)": {"bbox": "35.7,32.5,42,37.3"},
    "/events near=36.2,37.1 radius 100 km": {"near": "36.2,37.1", "radius_km": "100"},
    "/events source=doc123": {"source": "doc123"},
    "/events min_sources=3": {"min_sources": "3"},
    "/events type+country+since+until": {"type": "ASSAULT", "country": "SYR", "since": "2020-01-01", "until": "2020-12-31"},
    "/events offset=50000": {"status": "all", "offset": "50000"},
    "/events limit=1000": {"limit": "1000"},
    "/events format=geojson": {"format": "geojson"},
}
DASHBOARD = {
    "/events/clusters zoom=2 world": ("/events/clusters", {"zoom": "2", "view": "-180,-85,180,85"}),
    "/events/clusters zoom=7 Syria": ("/events/clusters", {"zoom": "7", "view": "35,32,43,38"}),
    "/stats/timeline interval=week": ("/stats/timeline", {"interval": "week"}),
    "/actors": ("/actors", {"limit": "25"}),
    "/events/{id}": ("/events/doc10:0", {}),
}


def ensure_store(path: Path | str, n: int) -> Path | str:
    """`path` (a SQLite file or a postgresql:// address), filled with n synthetic events first when
    it holds none yet."""
    if "://" in str(path):
        with Store.open(str(path)) as store:
            filled = store.rows("SELECT EXISTS (SELECT 1 FROM events) AS found")[0]["found"]
    else:
        filled = Path(path).exists()
    if not filled:
        t0 = time.perf_counter()
        build(path, n)
        size = f" ({Path(path).stat().st_size / 1e6:.0f} MB)" if "://" not in str(path) else ""
        print(f"built {n} events in {time.perf_counter() - t0:.1f} s{size}", file=sys.stderr)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(client: httpx.Client, server: int, path: str, params: dict, repeat: int) -> dict:
    """Wall-clock p50/p95 and the server's mean CPU time per request (what the machine's other
    load does not inflate)."""
    client.get(path, params=params).raise_for_status()  # warm-up
    cpu = cpu_seconds(server)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get(path, params=params)
        times.append((time.perf_counter() - t0) * 1000)
        response.raise_for_status()
    cpu_ms = (cpu_seconds(server) - cpu) / repeat * 1000
    times.sort()
    return {"p50": round(statistics.median(times), 1), "p95": round(times[int(0.95 * (len(times) - 1))], 1),
            "cpu": round(cpu_ms, 1), "total": response.headers.get("x-total-count")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--db", help="a SQLite file or postgresql:// address (built when it holds no events)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = ensure_store(args.db or Path(tmp) / "bench.db", args.events)
        port = free_port()
        # one process, no response cache: each request runs its queries (what a first or changed view costs)
        server = subprocess.Popen([sys.executable, "-m", "watchpost", "serve", "--db", str(path), "--port", str(port),
                                   "--workers", "1", "--no-response-cache"], stderr=subprocess.DEVNULL)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
                for _ in range(100):
                    try:
                        client.get("/health")
                        break
                    except httpx.TransportError:
                        time.sleep(0.2)
                results = {name: measure(client, server.pid, "/events", params, args.repeat) for name, params in QUERIES.items()}
                results |= {name: measure(client, server.pid, path_, params, args.repeat) for name, (path_, params) in DASHBOARD.items()}
        finally:
            server.terminate()
            server.wait()
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "?")
    print(f"{cpu}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}\n")
    print("| request | matches | p50 ms | p95 ms | server CPU ms/request |\n|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| `{name}` | {r['total'] or ''} | {r['p50']} | {r['p95']} | {r['cpu']} |")
    events_p95 = max(r["p95"] for name, r in results.items() if name in QUERIES)
    print(json.dumps({"events": args.events if not args.db else None, "db": str(args.db) if args.db else None, "repeat": args.repeat,
                      "worst_events_p95_ms": events_p95, "worst_p95_ms": max(r["p95"] for r in results.values()), "results": results}))


if __name__ == "__main__":
    main()
