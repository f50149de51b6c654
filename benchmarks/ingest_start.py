"""Pipeline start-up and memory on a big store, and the cost of a small ingest into it.

python benchmarks/ingest_start.py [--events 1000000] [--db PATH] [--docs 64]

Builds (or reuses, with --db) the synthetic store of benchmarks/events_query.py and gives its
documents MinHash signatures as an ingest would have stored them (that store is filled
without). Then, twice, each time in a fresh process: `Pipeline(store, Precomputed())` (wall
time, RSS), `Store.fill_lookups()` (the first time it fills signature_bands and event_regions:
the synthetic rows go in without them, as in a store written before they existed), and `run`
over --docs new documents of five pre-extracted mentions each, which repeat stored events (so
they merge into events in buckets spread over the store's ten years, and their texts have
stored near copies). Story clustering is left out of `run` (a whole-store pass of its own). The
store's documents are all one sentence template: each new document meets thousands of LSH
candidates, whose texts are read and compared, far more than real articles meet. Prints one
JSON line.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable

from common import report
from events_query import Rows, fill

from watchpost.merge.dedup import signature, to_bytes
from watchpost.merge.text import shingles
from watchpost.model import Actor, DateSpan, Mention, Place
from watchpost.pipeline import Pipeline
from watchpost.scale import ExtractedDocument, Precomputed
from watchpost.store import Store

MENTIONS_PER_DOC = 5


def rss_mb() -> dict:
    """Resident memory now and at its peak, in MB."""
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return {"rss_mb": round(int(status["VmRSS"].split()[0]) / 1024),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def sign(store: Store) -> float | None:
    """Give every stored document a signature when none has one; seconds taken (None: already signed)."""
    if store.rows("SELECT EXISTS (SELECT 1 FROM signatures) AS signed")[0]["signed"]:
        return None
    t0 = time.perf_counter()
    docs = store.rows("SELECT id, text FROM documents")
    for i in range(0, len(docs), 20_000):
        with store.transaction():
            store.upsert("signatures", ["doc_id", "minhash"],
                         ([d["id"], to_bytes(signature(shingles(d["text"])))] for d in docs[i : i + 20_000]), update=False)
    return time.perf_counter() - t0


def documents(first: int, n: int, tag: str) -> list[ExtractedDocument]:
    """n documents whose mentions repeat stored events first .. first + n * MENTIONS_PER_DOC."""
    rows = Rows()  # the generator fill() used: the same events in the same order
    for i in range(first):
        rows.event(i)
    docs = []
    for d in range(n):
        doc = ExtractedDocument(id=f"bench-{tag}-{d:04d}", text="")
        for k in range(MENTIONS_PER_DOC):
            _, mentions = rows.event(first + d * MENTIONS_PER_DOC + k)
            m = mentions[0][0]
            actors = [Actor(m[a], m[a], m[f"{a}_country"], m[f"{a}_kind"]) if m[a] else None for a in ("actor1", "actor2")]
            doc.mentions.append(Mention(
                doc_id=doc.id, index=k, type=m["type"], mode=None, acled=None, status=m["status"], sentence=m["sentence"],
                start=0, end=len(m["sentence"]), trigger=m["type"].lower(), trigger_start=0, trigger_end=1,
                actor1=actors[0], actor2=actors[1], date=DateSpan(m["date_start"], m["date_start"], m["date_end"], "day"),
                location=Place(m["location"], m["location"], m["country"], m["admin1"], m["latitude"], m["longitude"]),
                confidence=0.8))
            doc.published = doc.published or m["published"]
        doc.text = " ".join(m.sentence for m in doc.mentions)
        docs.append(doc)
    return docs


class Measured(Pipeline):
    """The Pipeline without story clustering (a whole-store pass, benchmarked on its own), summing
    the seconds spent on near copies and on merging events (loads from the store included)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.seconds: Counter[str] = Counter()
        super().__init__(*args, **kwargs)

    def load(self) -> None:
        super().load()
        for part, index in (("near_copies_s", self.copies), ("merging_s", self.merger)):
            index.add = self.timed(index.add, part)

    def timed(self, add: Callable, part: str) -> Callable:
        def timed_add(*args: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return add(*args)
            finally:
                self.seconds[part] += time.perf_counter() - t0

        return timed_add

    def restory(self) -> None:
        pass


def measure(db: Path, first: int, n: int, tag: str) -> dict:
    """In this process: the Pipeline's start, then one run over n documents."""
    docs = documents(first, n, tag)
    before = rss_mb()["rss_mb"]
    t0 = time.perf_counter()
    store = Store.open(db)
    ingester = Measured(store, Precomputed())
    start = {"start_s": round(time.perf_counter() - t0, 2), **rss_mb()}
    t0 = time.perf_counter()
    store.fill_lookups()
    fill_s = round(time.perf_counter() - t0, 2)
    t0 = time.perf_counter()
    stats = ingester.run(docs)
    return {"rss_before_mb": before, "start": start, "fill_lookups_s": fill_s, "run_s": round(time.perf_counter() - t0, 2),
            **{part: round(s, 2) for part, s in ingester.seconds.items()}, "after_run": rss_mb(),
            "documents": stats.documents, "mentions": stats.mentions, "events_new": stats.events_new,
            "duplicates": stats.duplicates}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--docs", type=int, default=64)
    ap.add_argument("--measure", nargs=3, metavar=("FIRST", "N", "TAG"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        first, n, tag = args.measure
        print(json.dumps(measure(args.db, int(first), int(n), tag)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "events.db"
        with Store.open(db) as store:
            fill_s = fill(store, args.events) if store.counts()["events"] < args.events else None
            sign_s = sign(store)
            counts = store.counts()
        runs = {}
        for k, tag in enumerate(("first", "again")):
            tag += f"-{int(time.time())}"  # new document ids each time the benchmark runs on a kept store
            cmd = [sys.executable, __file__, "--db", str(db), "--measure", str(k * args.docs * MENTIONS_PER_DOC), str(args.docs), tag]
            runs[tag.split("-")[0]] = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    report({"benchmark": "ingest_start", **counts, "fill_s": fill_s and round(fill_s), "sign_s": sign_s and round(sign_s),
            **runs})


if __name__ == "__main__":
    main()
